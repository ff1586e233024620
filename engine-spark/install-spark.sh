#!/usr/bin/env bash
# Installs the Apache Spark distribution the Spark engine's tests and clusters run: bin/spark-class and jars/ of
# Spark 4.2.0, taken from the pyspark source package on PyPI (pinned by hash in engine-spark/spark.lock), into
# .spark/spark-4.2.0 at the repository root (git ignores .spark/). Prints the SPARK_HOME on its last line.
#
# Safe to run again: an installed distribution whose recorded lock file matches is left as it is.
# LOYALTYLENS_SPARK_DIR moves the folder; PYTHON chooses the interpreter whose pip downloads.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lock=$repo_root/engine-spark/spark.lock
version=4.2.0
spark_dir=${LOYALTYLENS_SPARK_DIR:-$repo_root/.spark}
spark_home=$spark_dir/spark-$version
python=${PYTHON:-python3}

if [[ -x "$spark_home/bin/spark-class" ]] && cmp -s "$lock" "$spark_home/spark.lock"; then
  echo "$spark_home is up to date" >&2
  echo "$spark_home"
  exit 0
fi

mkdir -p "$spark_dir"
work=$(mktemp -d "$spark_dir/.download-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The lock holds the package's SHA-256, so pip refuses any other file. PyPI has pyspark as a source package only;
# it carries a complete distribution under deps/, of which the engine needs bin/ and jars/ (sbin/ has no start
# scripts: the tests start masters and workers with bin/spark-class).
"$python" -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: --require-hashes \
  -r "$lock" -d "$work"
tar -xzf "$work/pyspark-$version.tar.gz" -C "$work" \
  "pyspark-$version/deps/bin" "pyspark-$version/deps/jars" "pyspark-$version/deps/sbin"
rm "$work/pyspark-$version.tar.gz"

rm -rf "$spark_home"
mv "$work/pyspark-$version/deps" "$spark_home"
cp "$lock" "$spark_home/spark.lock"
echo "installed Spark $version ($(ls "$spark_home/jars" | wc -l) jars) into $spark_home" >&2
echo "$spark_home"
