#!/usr/bin/env bash
# Installs the test tools and Debian's chromium (first run only), then runs the linter and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .   # the linter first: a finding fails the run before any test starts
exec .venv/bin/python -m pytest "$@"
