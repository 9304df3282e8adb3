#!/usr/bin/env bash
# Installs the test tools and Debian's chromium (first run only), then runs the linter, the dependency audit
# (where a vulnerability database is reachable: see scripts/audit.sh) and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .   # the linter first: a finding fails the run before any test starts
bash scripts/audit.sh --if-reachable   # known vulnerabilities in the pins; says so when it cannot check
exec .venv/bin/python -m pytest "$@"
