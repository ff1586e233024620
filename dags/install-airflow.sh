#!/usr/bin/env bash
# Creates .venv-airflow at the repository root with the exact versions in dags/requirements.lock.
#
# Safe to run again: an existing venv whose recorded lock file matches is left as it is.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=${LOYALTYLENS_AIRFLOW_VENV:-$repo_root/.venv-airflow}
lock=$repo_root/dags/requirements.lock
python=${PYTHON:-python3}

if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "the lock file is resolved for Python 3.11; $python is $("$python" --version 2>&1)" >&2
  exit 1
fi

if [[ -x "$venv/bin/airflow" ]] && cmp -s "$lock" "$venv/requirements.lock"; then
  echo "$venv is up to date"
  exit 0
fi

"$python" -m venv "$venv"
# The lock pins every transitive dependency, so pip has nothing left to resolve.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock"
"$venv/bin/pip" check
cp "$lock" "$venv/requirements.lock"
echo "installed $("$venv/bin/airflow" version 2>/dev/null | tail -n 1) into $venv"
