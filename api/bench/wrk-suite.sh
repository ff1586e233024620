#!/usr/bin/env bash
# The serving benchmarks of api/BENCHMARKS.md: the API jar on a published home, measured with wrk on loopback.
#   api/bench/wrk-suite.sh HOME IDS_FILE [PORT]
# Starts the server three times to time "ready", then on the last one: a warm-up, and three runs each of one
# connection, 32 connections and batches of 100 ids, $DURATION (20s) apiece; then the heap after a full GC and the RSS.
# Every run is bounded in time; the server is stopped on exit.
set -euo pipefail

home=${1:?usage: wrk-suite.sh HOME IDS_FILE [PORT]}
ids=${2:?usage: wrk-suite.sh HOME IDS_FILE [PORT]}
port=${3:-18080}
duration=${DURATION:-20s}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/loyaltylens-api.jar"
url="http://127.0.0.1:$port"
log="$(mktemp)"
pid=""

stop_server() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap stop_server EXIT

start_server() {
  java -Duser.timezone=UTC -XX:+UseParallelGC -Xmx2g -jar "$jar" --home "$home" --port "$port" >"$log" 2>&1 &
  pid=$!
  local start now
  start=$(date +%s%N)
  until curl -sf "$url/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    now=$(date +%s%N)
    (( now - start < 120000000000 )) || { echo "not ready within 120 s"; exit 1; }
    sleep 0.05
  done
  now=$(date +%s%N)
  echo "ready: $(( (now - start) / 1000000 )) ms from start to /health 200 ($(grep -o 'loaded in [0-9.]* s' "$log"))"
}

latency() { # wrk output -> "median p99"
  awk '/ 50%/ {m = $2} / 99%/ {p = $2} END {print "median " m ", p99 " p}'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in 1 2 3; do
  stop_server
  start_server
done

wrk -t2 -c32 -d"$duration" -s "$here/random-ids.lua" "$url" -- "$ids" >/dev/null
for run in 1 2 3; do
  echo "run $run (load average $(cut -d' ' -f1 /proc/loadavg))"
  echo "  1 connection:   $(wrk -t1 -c1 -d"$duration" --latency -s "$here/random-ids.lua" "$url" -- "$ids" | latency)"
  echo "  32 connections: $(wrk -t2 -c32 -d"$duration" -s "$here/random-ids.lua" "$url" -- "$ids" \
    | awk '/Requests\/sec/ {r = $2} /Non-2xx/ {e = $NF} END {print r " requests/s, non-2xx: " (e ? e : 0)}')"
  echo "  batch of 100:   $(wrk -t1 -c1 -d"$duration" --latency -s "$here/random-batch.lua" "$url" -- "$ids" 100 | latency)"
done

jcmd "$pid" GC.run >/dev/null
echo "heap after a full GC: $(jcmd "$pid" GC.heap_info | awk '/ParOldGen/ {print "old generation " $5} /PSYoungGen/ {print "young " $5}' | paste -sd, -)"
echo "RSS: $(awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$pid/status"), peak $(awk '/VmHWM/ {print $2 / 1024 " MB"}' "/proc/$pid/status")"
