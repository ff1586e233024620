#!/usr/bin/env bash
# The lookup log's cost on one-connection latency: the API jar on a published home, measured with wrk on loopback,
# alternately without the log and with `--log-sample RATE` (1% by default), three rounds of each.
#   api/bench/log-cost.sh HOME IDS_FILE [PORT]
# Each round starts a server, warms it up for $WARMUP (10s), then runs wrk on one connection for $DURATION (20s);
# the medians of p50 and p99 per setting are printed at the end, with what the log wrote. Every run is bounded in
# time; the server is stopped on exit. The log goes to a copy of HOME's published/ folder, so HOME is not written.
set -euo pipefail

home=${1:?usage: log-cost.sh HOME IDS_FILE [PORT]}
ids=${2:?usage: log-cost.sh HOME IDS_FILE [PORT]}
port=${3:-18080}
rate=${RATE:-0.01}
duration=${DURATION:-20s}
warmup=${WARMUP:-10s}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/loyaltylens-api.jar"
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
pid=""

stop_server() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

mkdir -p "$work/home"
cp -r "$home/published" "$work/home/published"

start_server() { # extra serve options
  java -Duser.timezone=UTC -XX:+UseParallelGC -Xmx2g -jar "$jar" --home "$work/home" --port "$port" "$@" \
    >"$work/serve.log" 2>&1 &
  pid=$!
  local start now
  start=$(date +%s)
  until curl -sf "$url/health" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    now=$(date +%s)
    (( now - start < 120 )) || { echo "not ready within 120 s"; exit 1; }
    sleep 0.05
  done
}

to_us() { # wrk's "21.00us" / "1.20ms" -> microseconds
  awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); print v } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 }
         else { sub(/s$/, "", v); print v * 1000000 } }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); sample rate $rate"
: >"$work/off.p50"; : >"$work/off.p99"; : >"$work/on.p50"; : >"$work/on.p99"
for round in 1 2 3; do
  for setting in off on; do
    if [[ $setting == on ]]; then start_server --log-sample "$rate"; else start_server; fi
    wrk -t1 -c1 -d"$warmup" -s "$here/random-ids.lua" "$url" -- "$ids" >/dev/null
    out=$(wrk -t1 -c1 -d"$duration" --latency -s "$here/random-ids.lua" "$url" -- "$ids")
    p50=$(awk '/ 50%/ {print $2}' <<<"$out" | to_us)
    p99=$(awk '/ 99%/ {print $2}' <<<"$out" | to_us)
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    echo "$p50" >>"$work/$setting.p50"
    echo "$p99" >>"$work/$setting.p99"
    echo "round $round, log $setting (load average $(cut -d' ' -f1 /proc/loadavg)): p50 ${p50} us, p99 ${p99} us, $requests requests"
    stop_server
  done
done
off50=$(median <"$work/off.p50"); on50=$(median <"$work/on.p50")
echo "median p50: no log ${off50} us, log at $rate ${on50} us (difference $(awk -v a="$on50" -v b="$off50" 'BEGIN {printf "%.1f", a - b}') us)"
echo "median p99: no log $(median <"$work/off.p99") us, log at $rate $(median <"$work/on.p99") us"
echo "the log wrote $(find "$work/home/lookups" -name '*.parquet' | wc -l) files, $(du -sh "$work/home/lookups" | cut -f1)"
