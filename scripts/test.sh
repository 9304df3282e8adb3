#!/usr/bin/env bash
# Installs the test tools and Debian's chromium (first run only), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
