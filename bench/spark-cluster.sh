#!/usr/bin/env bash
# The Spark scaling benchmark: starts a real standalone master and N workers of C cores each on 127.0.0.1 from the
# installed distribution (engine-spark/install-spark.sh), runs `compute --engine spark` of an events folder against
# it, prints the wall time, the peak resident memory of the driver and of each worker with its executors, and the
# load, then stops every process it started (also on failure or Ctrl-C).
#
# Usage: bench/spark-cluster.sh --events DIR [--workers N] [--cores C] [--worker-memory 4g] [--as-of INSTANT]
#            [--home DIR] [--conf spark.key=value]...
#        bench/spark-cluster.sh --ceiling [--workers N] [--cores C]
#   bench/spark-cluster.sh --events EVENTS_DIR --workers 1 --cores 1
#   bench/spark-cluster.sh --events EVENTS_DIR --workers 2 --cores 1
# --ceiling runs, instead of compute, a job with nothing but arithmetic in it (no file, no shuffle, no work on the
# driver) three times once every executor has registered: how much faster more workers can be on these cores at best.
# Each executor gets the whole memory of its worker (--worker-memory, default 4g); --conf passes any other Spark
# setting to the driver. The store goes to --home (which must not exist; kept), else to a temporary folder
# removed at the end. The templates are $LOYALTYLENS_SQL or ./sql, as for the launcher. The events and the home
# must be paths the workers see: on one machine, any path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage="usage: bench/spark-cluster.sh --events DIR [--workers N] [--cores C] [--worker-memory 4g] [--as-of INSTANT] [--home DIR] [--conf KEY=VALUE]... | --ceiling [--workers N] [--cores C]"

events="" workers=2 cores=1 worker_memory=4g as_of=2026-11-25T00:00:00Z home="" confs=() ceiling=false
while (($#)); do
  case "$1" in
    --ceiling) ceiling=true; shift; continue ;;
    --events) events="${2:?$usage}" ;;
    --workers) workers="${2:?$usage}" ;;
    --cores) cores="${2:?$usage}" ;;
    --worker-memory) worker_memory="${2:?$usage}" ;;
    --as-of) as_of="${2:?$usage}" ;;
    --home) home="${2:?$usage}" ;;
    --conf) confs+=("-D${2:?$usage}") ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) echo "error: unknown argument $1 ($usage)" >&2; exit 2 ;;
  esac
  shift 2
done
if [[ "$ceiling" == false ]]; then
  [[ -n "$events" ]] || { echo "error: --events DIR is required ($usage)" >&2; exit 2; }
  [[ -d "$events" ]] || { echo "error: --events $events is not a folder: generate the events first" >&2; exit 1; }
  events="$(cd "$events" && pwd)"
fi
[[ "$workers" =~ ^[1-9][0-9]*$ && "$cores" =~ ^[1-9][0-9]*$ ]] ||
  { echo "error: --workers and --cores take a whole number of 1 or more ($usage)" >&2; exit 2; }
[[ "$worker_memory" =~ ^[1-9][0-9]*[mg]$ ]] ||
  { echo "error: --worker-memory $worker_memory: write it as Spark does, e.g. 4g or 1536m" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

spark_home="$("$root/engine-spark/install-spark.sh" | tail -n 1)"
if [[ -n "$home" ]]; then
  [[ -e "$home" ]] && { echo "error: --home $home exists: the benchmark computes into a new home" >&2; exit 1; }
  mkdir -p "$home"
  home="$(cd "$home" && pwd)"
  keep_home=true
else
  home="$(mktemp -d /tmp/loyaltylens-spark-cluster.XXXXXX)"
  keep_home=false
fi
cluster="$home/cluster"
mkdir -p "$cluster/conf" "$cluster/local"

pids=()
sampler=""
# Stops the workers first (each stops its executors), then the master, then anything they left behind.
stop_all() {
  local pid leftovers=()
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  for pid in "${pids[@]}"; do
    leftovers+=($(descendants "$pid"))
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[$i]}" 2>/dev/null || true
    wait "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${leftovers[@]}"; do
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ "$keep_home" == false ]]; then
    rm -rf "$home"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# descendants PID: every process below PID.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END { for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root && p != root) print p } }'
}
# tree_rss PID: resident memory in KB of PID and every process below it.
tree_rss() {
  ps -e -o pid=,ppid=,rss= | awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END { for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root) sum += rss[p] } print sum + 0 }'
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
gb() { awk -v k="$1" 'BEGIN { printf "%.2f GB", k / 1048576 }'; }

# daemon NAME CLASS ARGS...: one Spark daemon, its own process, logging to the cluster folder.
daemon() {
  local name="$1"
  shift
  SPARK_HOME="$spark_home" SPARK_CONF_DIR="$cluster/conf" SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$cluster/local" \
    SPARK_LOG_DIR="$cluster" SPARK_DAEMON_MEMORY=512m \
    "$spark_home/bin/spark-class" "$@" >"$cluster/$name.log" 2>&1 &
  pids+=($!)
}

[[ "$ceiling" == true ]] || "$root/loyaltylens" compute --engine spark --help >/dev/null # builds the jars outside the timed step

port="$(free_port)" web_port="$(free_port)"
master="spark://127.0.0.1:$port"
started=$SECONDS
daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$web_port"
for ((i = 1; i <= workers; i++)); do
  mkdir -p "$cluster/worker-$i"
  daemon "worker-$i" org.apache.spark.deploy.worker.Worker "$master" --host 127.0.0.1 --cores "$cores" \
    --memory "$worker_memory" --work-dir "$cluster/worker-$i" --webui-port 0
done
until [[ "$(curl -fsS "http://127.0.0.1:$web_port/json/" 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)["aliveworkers"])' 2>/dev/null)" == "$workers" ]]; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "error: a Spark daemon exited: see $cluster/*.log" >&2; keep_home=true; exit 1; }
  done
  ((SECONDS - started < 180)) || { echo "error: $workers workers did not register in 180 s: see $cluster" >&2; keep_home=true; exit 1; }
  sleep 0.5
done
echo "cluster: master $master, $workers workers x $cores cores x $worker_memory, up in $((SECONDS - started)) s" >&2

if [[ "$ceiling" == true ]]; then
  # 3,000,000,000 hashes in 24 tasks, three times: the first round also warms the executors' JIT.
  cat >"$cluster/ceiling.scala" <<SCALA
val context = spark.sparkContext
while (context.getExecutorMemoryStatus.size < $workers + 1) Thread.sleep(200)
for (round <- 1 to 3) {
  val started = System.nanoTime
  spark.range(0L, 3000000000L, 1L, 24).selectExpr("sum(hash(id, id * 7))").collect()
  println(s"ceiling: round \$round: \${(System.nanoTime - started) / 100000000 / 10.0} s")
}
System.exit(0)
SCALA
  before="$(load)"
  echo "spark-cluster: $workers workers x $cores cores, $(nproc) cores on this machine: a job of arithmetic only"
  "$spark_home/bin/spark-shell" --master "$master" --conf spark.ui.enabled=false --conf spark.executor.memory=1g \
    -i "$cluster/ceiling.scala" 2>"$cluster/ceiling.err" | grep '^ceiling: ' | tee "$cluster/ceiling.out" || true
  sort -n -k4 "$cluster/ceiling.out" | awk 'NR == 2 { print "ceiling: median " $4 " s" }'
  echo "load: $before -> $(load)"
  exit 0
fi

# Peak resident memory of each worker with its executors, sampled every half second while compute runs.
sample_workers() {
  local peaks=() i rss
  while true; do
    for ((i = 0; i < workers; i++)); do
      rss="$(tree_rss "${pids[$((i + 1))]}")"
      ((rss > ${peaks[$i]:-0})) && peaks[$i]=$rss
    done
    echo "${peaks[*]}" >"$cluster/worker-peaks.new"
    mv "$cluster/worker-peaks.new" "$cluster/worker-peaks"
    sleep 0.5
  done
}
echo 0 >"$cluster/worker-peaks"
sample_workers &
sampler=$!

before="$(load)"
events_size="$(du -sh "$events" | cut -f1)"
JDK_JAVA_OPTIONS="-Dspark.executor.memory=$worker_memory ${confs[*]:-}" \
  /usr/bin/time -o "$cluster/compute.time" -f "%e %M" \
  "$root/loyaltylens" compute --engine spark --spark-master "$master" --home "$home" --events "$events" \
  --as-of "$as_of" >"$cluster/compute.out" 2>"$cluster/compute.err" ||
  { tail -n 20 "$cluster/compute.err" >&2; keep_home=true; exit 1; }
after="$(load)"
kill "$sampler"
wait "$sampler" 2>/dev/null || true
sampler=""
read -r wall driver_rss <"$cluster/compute.time"
read -r -a worker_peaks <"$cluster/worker-peaks"

version="$(tail -n 1 "$cluster/compute.out")"
echo "events: $events ($events_size of Parquet), $(nproc) cores on this machine"
printf 'spark-cluster: %d workers x %d cores: compute %.1f s wall, version %s\n' "$workers" "$cores" "$wall" "$version"
grep -E '^compute: ' "$cluster/compute.err" || true
echo "peak RSS: driver $(gb "$driver_rss")"
for ((i = 0; i < workers; i++)); do
  echo "peak RSS: worker-$((i + 1)) with its executors $(gb "${worker_peaks[$i]:-0}")"
done
echo "load: $before -> $after"
