"""No module is first imported inside a reader's session, other than the server's first page's.

A module imported in one session's thread is, for a while, half-done in `sys.modules`, where libraries that look
modules up without importing them (plotly's validators for pandas, narwhals for its backends) find it and fail
(tests/deploy/test_fresh_burst.py); and its import is seconds of one reader's run holding the interpreter. So a
server imports, before any other session runs, every module a page can need (ui/page_modules.py): the first
page runs alone, then the other pages' modules are imported, then everyone runs. This test does the same in
one process with Streamlit's AppTest, then opens every kind of view of every page, and lists what each imported:
nothing, or the module belongs in `page_modules` (or the work in the fit worker).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from embeddings.models import load
from embeddings.paths import cache_dir
from embeddings.sources.language_model import NAME as GEMMA

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from urllib.parse import parse_qsl
from testkit import apptest
from testkit.views import EVERY_KIND, page_file
from ui import page_modules
from ui.navigation import PAGES

views = EVERY_KIND + [(entry.url_path, "") for entry in PAGES if (entry.url_path, "") not in EVERY_KIND]
apptest.run_page(page_file(""), 240)  # the server's first page: alone, so its imports are safe
page_modules.preload()  # then every page's modules, before any other session runs
late = {}
for page, query in views:
    before = set(sys.modules)
    at = apptest.run_page(page_file(page), 240, **dict(parse_qsl(query)))
    problems = [e.value[:200] for e in at.exception]
    late[f"/{page}?{query}"] = {"imported": sorted(set(sys.modules) - before), "exceptions": problems}
print(json.dumps(late))
"""


def test_no_view_imports_a_module_once_the_pages_modules_are_in(glove, tmp_path):
    """The shipped models converted in the cache, as `scripts/setup.sh` leaves them (converting a model is an
    install's step, with libraries of its own); nothing else computed yet (the analogy scores, the vocabulary
    maps), as on a fresh install."""
    load(GEMMA)
    (tmp_path / "models").symlink_to(cache_dir() / "models")
    env = {**os.environ, "EMBEDDINGS_CACHE_DIR": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    late = json.loads(run.stdout.strip().splitlines()[-1])
    assert len(late) >= 22  # every kind of view of every page
    assert {view: seen["exceptions"] for view, seen in late.items() if seen["exceptions"]} == {}
    assert {view: seen["imported"] for view, seen in late.items() if seen["imported"]} == {}
