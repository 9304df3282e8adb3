#!/usr/bin/env bash
# Installs what the app needs (first run only) and serves it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
