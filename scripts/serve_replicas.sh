#!/usr/bin/env bash
# Production setup on one machine: N Streamlit replicas behind Debian's nginx (deploy/README.md).
#   scripts/serve_replicas.sh [N] [LISTEN]     default: 2 replicas, nginx on 0.0.0.0:8080
# Warms the shared caches first (vocabulary maps), then starts the replicas on 127.0.0.1:8601.. in public
# mode (APP_PUBLIC=1) with the cache read-only to them, waits for each one's health endpoint, and runs
# nginx in the foreground. Ctrl-C (or SIGTERM) stops nginx and every replica by its process id.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-2}
LISTEN=${2:-0.0.0.0:8080}
PREFIX=${NGINX_PREFIX:-$(mktemp -d -t app-nginx.XXXXXX)}
export APP_PUBLIC=1

bash scripts/setup.sh
.venv/bin/python -m embeddings warm
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT
servers=""
for i in $(seq 1 "$N"); do
  port=$((8600 + i))
  # the launcher, as scripts/app.sh: the pages' modules and the default model loaded before the first reader;
  # .streamlit/config.toml: headless, no file watcher
  .venv/bin/python -m ui.launcher app.py --server.address 127.0.0.1 --server.port "$port" \
    > "$PREFIX/replica-$port.log" 2>&1 &
  pids+=($!)
  servers="$servers server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"
done
for i in $(seq 1 "$N"); do
  port=$((8600 + i))
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null || { echo "error: replica $port did not start" >&2; exit 1; }
done
sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@LISTEN@#$LISTEN#g" -e "s#@SERVERS@#$servers#" deploy/nginx.conf.template \
  > "$PREFIX/nginx.conf"
echo "serving $N replicas behind nginx on http://$LISTEN (logs in $PREFIX)" >&2
/usr/sbin/nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -g "daemon off;" &
pids+=($!)
wait "${pids[-1]}"
