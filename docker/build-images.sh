#!/usr/bin/env bash
# Builds the images `loyaltylens-tasks`, `loyaltylens-api` and `loyaltylens-tasks-spark` from the jars, without a
# registry. The last is a layer on the tasks image with the Spark engine and its jars, so the first stays lean.
#
# The base image is `loyaltylens-jre:17` from build-base-image.sh unless BASE_IMAGE names another.
# The engine here has only the legacy builder, which would send the whole work tree (venvs, data)
# as context, so the few files the images need are staged under their repository paths first.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base_image=${BASE_IMAGE:-loyaltylens-jre:17}
tag=${LOYALTYLENS_IMAGE_TAG:-latest}
cd "$repo_root"

spark_jar=engine-spark/target/loyaltylens-engine-spark.jar
spark_classpath=engine-spark/target/classpath.txt
if [[ ! -f tasks/target/loyaltylens-tasks.jar || ! -f tasks/target/libduckdb_java.so_linux_amd64 ||
  ! -f api/target/loyaltylens-api.jar || ! -f api/target/libduckdb_java.so_linux_amd64 || ! -f $spark_jar ||
  ! -f $spark_classpath ]]; then
  ./mvnw -q -B -DskipTests package
fi

context=$(mktemp -d /tmp/loyaltylens-context.XXXXXX)
trap 'rm -rf "$context"' EXIT

stage() {
  for path in "$@"; do
    mkdir -p "$context/$(dirname "$path")"
    cp -R "$path" "$context/$path"
  done
}

build() {
  local name=$1 on=${2:-$base_image} started=$SECONDS
  docker build --quiet --network host --build-arg "BASE_IMAGE=$base_image" \
    --build-arg "TASKS_IMAGE=loyaltylens-tasks:$tag" \
    -f "docker/$name.Dockerfile" -t "loyaltylens-$name:$tag" "$context" >/dev/null
  echo "built loyaltylens-$name:$tag in $((SECONDS - started)) s on $on"
}

# DuckDB's native library for this machine's processor, which each jar loads from beside it
case "$(uname -m)" in
  aarch64 | arm64) native_library=libduckdb_java.so_linux_arm64 ;;
  *) native_library=libduckdb_java.so_linux_amd64 ;;
esac
stage sql migrations docker/with-xcom.sh docker/api-health.sh \
  tasks/target/loyaltylens-tasks.jar "tasks/target/$native_library" \
  api/target/loyaltylens-api.jar "api/target/$native_library"

build tasks
build api

# The Spark engine's jars are the ones Maven resolved for it (engine-spark/target/classpath.txt), linked rather
# than copied where the file system allows.
stage engine-spark/driver-jvm.options "$spark_jar"
mkdir -p "$context/engine-spark/target/spark-jars"
tr ':' '\n' <"$spark_classpath" | while read -r jar; do
  ln "$jar" "$context/engine-spark/target/spark-jars/" 2>/dev/null || cp "$jar" "$context/engine-spark/target/spark-jars/"
done
build tasks-spark "loyaltylens-tasks:$tag"
