#!/usr/bin/env bash
# Installs what the app needs (first run only) and serves it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The launcher (ui/launcher.py) is `streamlit run` with the heavy imports and the default model loaded while the
# server starts: the first reader does not wait for them. Arguments go to `streamlit run`.
exec .venv/bin/python -m ui.launcher app.py "$@"
