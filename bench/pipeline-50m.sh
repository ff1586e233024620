#!/usr/bin/env bash
# The pipeline benchmark: the floor queries, then compute, validate and publish one version from an events folder,
# each step timed with its peak resident memory, and the load of the machine beside every figure.
# Usage: bench/pipeline-50m.sh EVENTS_DIR HOME [AS_OF]
# Make the events first: ./loyaltylens generate --events 50000000 --customers 5000000 --seed 9 \
#     --as-of 2026-11-25T00:00:00Z --out EVENTS_DIR
# and, for the run with bad and repeated rows, a copy of them with 1% of each (leave the sources alone while it
# runs: the launcher rebuilds the jars when one changed, inside the timed step):
#     ./loyaltylens bench dirty-events --events EVENTS_DIR --out DIRTY_DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: bench/pipeline-50m.sh EVENTS_DIR HOME [AS_OF]"
events="${1:?$usage}"
home="${2:?$usage}"
as_of="${3:-2026-11-25T00:00:00Z}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

# builds the jars and records the tasks jar's class archive outside the timed steps
"$root/loyaltylens" bench --version >/dev/null
"$root/loyaltylens" --version >/dev/null
rm -rf "$home"
mkdir -p "$home"
log="$home/bench.log"
say() { echo "$*" | tee -a "$log" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", e - s }'; }
# step NAME COMMAND...: runs a verb, keeps its output in HOME/NAME.out, prints its wall time, peak RSS and load.
step() {
  local name="$1"
  shift
  local before
  before="$(load)"
  /usr/bin/time -o "$home/$name.time" -f "%e %M" "$root/loyaltylens" "$@" >"$home/$name.out" 2>"$home/$name.err" \
    || { cat "$home/$name.err" >&2; exit 1; }
  read -r wall rss <"$home/$name.time"
  say "$(printf '%-9s %7.1f s wall, peak RSS %5.2f GB, load %s -> %s' "$name" "$wall" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1048576 }')" "$before" "$(load)")"
  eval "${name}_s=$wall"
}

say "events: $events ($(du -sh "$events" | cut -f1) of Parquet), $(nproc) cores, $(date -u +%FT%TZ)"
step floor bench floor --events "$events" --work "$home/floor"
grep '^floor:' "$home/floor.out" | tee -a "$log" >&2
floor_total="$(awk '/^floor: total/ { print $3 }' "$home/floor.out")"

step compute compute --home "$home" --events "$events" --as-of "$as_of"
grep -E '^compute: ' "$home/compute.err" | tee -a "$log" >&2
version="$(tail -1 "$home/compute.out")"
step validate validate --home "$home" --version "$version"
step publish publish --home "$home" --version "$version"

events_read="$(grep -oE '[0-9,]+ events read' "$home/compute.err" | tr -d ', a-z')"
awk -v c="$compute_s" -v v="$validate_s" -v p="$publish_s" -v f="$floor_total" -v n="$events_read" 'BEGIN {
  total = c + v + p
  printf "compute + validate + publish: %.1f s; compute / floor: %.2f (floor %.1f s); %.2f s per million events\n",
    total, c / f, f, total / (n / 1e6)
}' | tee -a "$log" >&2
if grep -qE "building the jars|recording the class archive" "$home"/*.err; then
  say "warning: a source changed during the run, so a step's wall time includes building the jars: run again"
fi
if [[ -d "$home/tmp" ]] && [[ -n "$(ls -A "$home/tmp")" ]]; then
  say "warning: DuckDB's spill folder $home/tmp is not empty after the run"
fi
