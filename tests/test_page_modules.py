"""ui/page_modules.py: no page runs beside an import of the pages' modules, and what they brought is left out of
the full collection Streamlit runs after every view."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import gc, json, time
from ui import page_modules
page_modules.preload()
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



GATE_PROBE = """
import json, sys, threading, time
from ui import page_modules

seen = []

def later_session():
    with page_modules.gate():
        seen.append({"who": "second session", "rest imported": page_modules.is_preloaded(),
                     "pandas": "pandas" in sys.modules})

with page_modules.gate():  # the server's first page
    other = threading.Thread(target=later_session)
    other.start()
    time.sleep(0.5)
    seen.append({"who": "first page", "second still waiting": other.is_alive(), "pandas": "pandas" in sys.modules})
other.join(120)
with page_modules.gate():
    seen.append({"who": "after", "rest imported": page_modules.is_preloaded()})
print(json.dumps(seen))
"""


def test_the_first_page_runs_alone_and_the_next_session_waits_for_the_rest() -> None:
    """Under a plain `streamlit run` nothing is imported before the first session: its page runs alone (without
    waiting for the other pages' modules), and a session arriving meanwhile runs only once they are all in."""
    run = subprocess.run([sys.executable, "-c", GATE_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         check=True)
    first, second, after = json.loads(run.stdout.strip().splitlines()[-1])
    assert first == {"who": "first page", "second still waiting": True, "pandas": False}
    assert second == {"who": "second session", "rest imported": True, "pandas": True}
    assert after == {"who": "after", "rest imported": True}


ALONE_PROBE = """
import json, sys, time
from ui import page_modules

with page_modules.gate():  # the server's first page, and no other session
    pass
time.sleep(1.0)
seen = {"pandas 1 s after the first page": "pandas" in sys.modules}
deadline = time.monotonic() + 120
while not page_modules.is_preloaded() and time.monotonic() < deadline:
    time.sleep(0.1)
seen["rest imported later"] = page_modules.is_preloaded()
print(json.dumps(seen))
"""


def test_after_a_lone_first_page_the_rest_waits_for_its_browser_to_draw() -> None:
    """Right after the first page its reader's browser draws the figure: with no other session waiting, the
    other pages' modules (a second of CPU) come a few seconds later (page_modules.REST_AFTER_S), not at once."""
    run = subprocess.run([sys.executable, "-c", ALONE_PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         check=True)
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {
        "pandas 1 s after the first page": False, "rest imported later": True}
