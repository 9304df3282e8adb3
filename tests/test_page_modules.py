"""ui/page_modules.py: every page's imports are in before any page runs, and what they brought is left out of
the full collection Streamlit runs after every view."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, json, time
import ui.page_modules
started = time.perf_counter()
gc.collect(2)
print(json.dumps({"frozen": gc.get_freeze_count(), "collect_s": time.perf_counter() - started,
                  "tracked": len(gc.get_objects())}))
"""


def test_a_full_collection_after_the_preload_skips_what_it_imported() -> None:
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         check=True)
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["frozen"] > 100_000  # the libraries' objects: about 300,000
    assert found["tracked"] < found["frozen"] / 10  # what a collection still walks

