#!/usr/bin/env bash
# Runs one LoyaltyLens task and writes its result where the KubernetesPodOperator reads XCom.
#
# The tasks print their result (compute: the version id) as the last line of stdout; the operator
# takes a task's result from /airflow/xcom/return.json, as JSON. The task's exit code is kept.
set -euo pipefail

xcom_file=${LOYALTYLENS_XCOM_FILE:-/airflow/xcom/return.json}
stdout_copy=$(mktemp)
trap 'rm -f "$stdout_copy"' EXIT

java_command=(java -Duser.timezone=UTC -XX:SharedArchiveFile=/app/loyaltylens-tasks.jsa -jar /app/loyaltylens-tasks.jar)
# The Spark tasks image (tasks-spark.Dockerfile) adds the Spark engine: start Java as its entry point does.
if [[ -d /app/spark ]]; then
  java_command=(java -Duser.timezone=UTC @/app/spark/driver-jvm.options
    -cp "/app/spark/loyaltylens-engine-spark.jar:/app/spark/jars/*:/app/loyaltylens-tasks.jar" dev.loyaltylens.cli.Main)
fi

"${java_command[@]}" "$@" | tee "$stdout_copy"

result=$(tail -n 1 "$stdout_copy")
result=${result//\\/\\\\}
result=${result//\"/\\\"}
mkdir -p "$(dirname "$xcom_file")"
printf '"%s"\n' "$result" >"$xcom_file"
