#!/usr/bin/env bash
# Runs ruff and the DAG tests with the Airflow of dags/install-airflow.sh.
#
# Arguments go to pytest, e.g. `dags/run-tests.sh -k local`. The full runs need the `./loyaltylens`
# launcher; the Docker runs also need docker/start-engine.sh and docker/build-images.sh first.
# Without an engine they are skipped, except under CI=true, where they fail. The run on a Spark cluster
# starts one from the distribution of engine-spark/install-spark.sh, which this script installs if needed.
set -euo pipefail

dags=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv=${LOYALTYLENS_AIRFLOW_VENV:-$dags/../.venv-airflow}

if [[ ! -x "$venv/bin/pytest" ]]; then
  echo "no Airflow venv at $venv: run dags/install-airflow.sh first" >&2
  exit 1
fi

# The Spark cluster of the DAG's Spark run comes from the pinned distribution (a no-op once installed).
LOYALTYLENS_SPARK_HOME=$("$dags/../engine-spark/install-spark.sh" | tail -n 1)
export LOYALTYLENS_SPARK_HOME

cd "$dags"
"$venv/bin/ruff" format --check .
"$venv/bin/ruff" check .
exec "$venv/bin/pytest" "$@"
