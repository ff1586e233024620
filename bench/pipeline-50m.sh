#!/usr/bin/env bash
# The pipeline benchmark: compute, validate and publish one version from an events folder, each step timed with
# its peak resident memory. Usage: bench/pipeline-50m.sh EVENTS_DIR HOME [AS_OF]
# Make the events first: ./loyaltylens generate --events 50000000 --customers 5000000 \
#     --as-of 2026-11-25T00:00:00Z --out EVENTS_DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:?usage: bench/pipeline-50m.sh EVENTS_DIR HOME [AS_OF]}"
home="${2:?usage: bench/pipeline-50m.sh EVENTS_DIR HOME [AS_OF]}"
as_of="${3:-2026-11-25T00:00:00Z}"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

"$root/loyaltylens" --version >/dev/null  # builds the jars outside the timed steps
rm -rf "$home"
step() {
  local name="$1"
  shift
  /usr/bin/time -f "$name: %e s wall, peak RSS %M KB" "$root/loyaltylens" "$@"
}
start=$(date +%s.%N)
version=$(step compute compute --home "$home" --events "$events" --as-of "$as_of" | tail -1)
step validate validate --home "$home" --version "$version" >/dev/null 2>"$home/validate.log" \
  || { cat "$home/validate.log" >&2; exit 1; }
grep -E "^validate: (FAIL|v|[0-9.]+ s wall)" "$home/validate.log" >&2
step publish publish --home "$home" --version "$version" >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "compute + validate + publish: %.1f s\n", e - s }' >&2
