#!/usr/bin/env bash
# Installs a Docker engine from Debian's packages when it is missing and starts it.
#
# No registry is reachable from these machines and containers share the host's network, so the
# daemon runs without a bridge and without iptables rules. Safe to run again: it does nothing
# when `docker info` already answers.
set -euo pipefail

log_file=${DOCKERD_LOG:-/var/log/loyaltylens-dockerd.log}

engine_answers() {
  docker info >/dev/null 2>&1
}

if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
fi

if engine_answers; then
  echo "docker engine already running"
  exit 0
fi

# A pid file left by a daemon that died (or by the machine's last boot) makes dockerd refuse to start when its pid
# now belongs to another process; it is removed unless a dockerd holds that pid.
pid_file=/var/run/docker.pid
if [[ -f "$pid_file" ]] && [[ "$(ps -o comm= -p "$(cat "$pid_file")" 2>/dev/null)" != dockerd ]]; then
  rm -f "$pid_file"
fi

nohup dockerd --bridge=none --iptables=false >"$log_file" 2>&1 &
echo "started dockerd (pid $!), log in $log_file"

for _ in $(seq 1 60); do
  if engine_answers; then
    docker version --format 'docker engine {{.Server.Version}} ready'
    exit 0
  fi
  sleep 1
done

echo "dockerd did not answer within 60 s; last lines of $log_file:" >&2
tail -n 20 "$log_file" >&2
exit 1
