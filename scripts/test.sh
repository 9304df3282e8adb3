#!/usr/bin/env bash
# Installs the test tools and Debian's chromium (first run only), runs the linter, the dependency audit (where
# a vulnerability database is reachable: see scripts/audit.sh), builds llama-server (first run on a machine
# only), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff check .   # the linter first: a finding fails the run before any test starts
bash scripts/audit.sh --if-reachable   # known vulnerabilities in the pins; says so when it cannot check
# llama-server for the live tests of /stones (tests/stones/test_live_llama.py): built once per machine into a
# cache outside the clone (about 11 minutes on 2 cores), installed from that cache in seconds on later runs.
bash scripts/build_llama_server.sh >/dev/null
exec .venv/bin/python -m pytest "$@"
