#!/usr/bin/env bash
# Re-creates the shipped run results/llmmath-2025-04-27.* from the promptfoo export in the shared data folder:
#   1. import it with `python -m experiment import` (the LICENSE beside it goes into the run's provenance);
#   2. export JSON Lines beside the database and write the provenance file;
#   3. copy its MIT licence notice beside them.
# Usage: scripts/import_llmmath.sh [FOLDER]   (default ../shared/data/llmmath). Re-running replaces the files.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE=${1:-../shared/data/llmmath}
NAME=llmmath-2025-04-27
PY=${PY:-.venv/bin/python}
EXPORT="$SOURCE/multiplication-2025-04-27.promptfoo.json"

[ -f "$EXPORT" ] || { echo "error: $EXPORT does not exist (pass the folder of the shared llmmath data)" >&2; exit 1; }
rm -f "results/$NAME.sqlite" "results/$NAME.sqlite-wal" "results/$NAME.sqlite-shm"
"$PY" -m experiment import "$EXPORT" "results/$NAME.sqlite" | tee "results/$NAME.import-summary.txt"
"$PY" -m experiment export "results/$NAME.sqlite" "results/$NAME.jsonl"
install -m 644 "$SOURCE/LICENSE" "results/$NAME.LICENSE"
"$PY" - "results/$NAME" <<'PY'
import json, sys
from pathlib import Path
from dataclasses import asdict
from durable.atomic import write_text
from experiment.result_files import ResultsReader
base = Path(sys.argv[1])
with ResultsReader(base.with_suffix(".sqlite")) as reader:
    runs = [asdict(run) for run in reader.runs()]
    rows = reader.outcome_rows()
models = sorted({r["model_label"] for r in rows})
per_model = {m: {} for m in models}
for r in rows:
    per_model[r["model_label"]][r["outcome"]] = per_model[r["model_label"]].get(r["outcome"], 0) + 1
write_text(f"{base}.provenance.json", json.dumps({"runs": runs, "outcomes_per_model": per_model},
                                                 indent=1, sort_keys=True) + "\n")
PY
echo "wrote results/$NAME.{sqlite,jsonl,LICENSE,provenance.json,import-summary.txt}"
