#!/usr/bin/env bash
# Health check of the API container: GET /health on the port the server was started with.
#
# The port is read from the server's own command line (`--port N` or `--port=N`), so a container
# started with another port is checked on that port; else $LOYALTYLENS_PORT or 8080, as the server does.
set -euo pipefail

port=${LOYALTYLENS_PORT:-8080}
for cmdline in /proc/[0-9]*/cmdline; do
  args=()
  while IFS= read -r -d '' arg; do args+=("$arg"); done 2>/dev/null <"$cmdline" || continue
  [[ " ${args[*]} " == *loyaltylens-api.jar* ]] || continue
  for i in "${!args[@]}"; do
    case "${args[$i]}" in
      --port) port=${args[$((i + 1))]:-$port} ;;
      --port=*) port=${args[$i]#--port=} ;;
    esac
  done
  break
done

exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status_line <&3
[[ "$status_line" == HTTP/*" 200"* ]]
