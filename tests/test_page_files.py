"""Each page file, and the entry point, run in a fresh Python process, as `streamlit run` runs them.

Streamlit puts a script's own folder first on `sys.path`; a page file named like a package (the former
`pages/experiment.py`) then hides that package, which the tests in this process never see because they have
imported the packages already. Here nothing is imported before the page runs, and the working directory is
elsewhere: the project is found only through PYTHONPATH, as an installed project would be.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from ui.navigation import PAGES

RUN_PAGE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=150)
for key, value in json.loads(sys.argv[2]).items():
    at.query_params[key] = value
at.run()
if len(sys.argv) > 3:
    at.switch_page(sys.argv[3]).run()
print(json.dumps({
    "exceptions": [str(e.value) for e in at.exception],
    "titles": [t.value for t in at.title],
    "links": [link.proto.page for link in at.get("page_link")],
    "charts": len(at.get("plotly_chart")),
}))
"""

# What a reader sees at the top of each page: the proof that the page itself ran, not an error page.
HEADINGS = {
    "app_pages/explorer_page.py": "Words as points",
    "app_pages/compare_page.py": "Compare models",
    "app_pages/experiment_page.py": "The experiment, replayed",
    "app_pages/gallery_page.py": "Saved figures",
    "app_pages/stones_page.py": "Tossing stones",
    "app_pages/steps_page.py": "With and without the working",
    "app_pages/contexts_page.py": "One word in many sentences",
}


def run_fresh(tmp_path: Path, script: str, query: dict[str, str], switch_to: str | None = None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "EXPERIMENT_RESULTS_DIR": str(PROJECT / "results")}
    args = [sys.executable, "-c", RUN_PAGE, script, json.dumps(query), *([switch_to] if switch_to else [])]
    done = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["exceptions"], result["exceptions"]
    return result


def test_every_page_is_listed_with_a_heading():
    assert {p.file for p in PAGES} == set(HEADINGS)
    assert all((PROJECT / p.file).is_file() for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path or "explorer")
def test_each_page_file_runs_alone_in_a_fresh_process(tmp_path, page):
    result = run_fresh(tmp_path, str(PROJECT / page.file), {"words": "king,queen,man"})
    assert result["titles"] == [HEADINGS[page.file]]
    assert result["charts"] >= 1


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.url_path or "explorer")
def test_the_entry_point_routes_to_each_page_and_links_the_same_urls(tmp_path, page):
    """The URLs a blog links (`/`, `/compare`, `/experiment`, `/gallery`) are the ones Streamlit registers and links."""
    result = run_fresh(tmp_path, str(PROJECT / "app.py"), {"words": "king,queen,man"}, switch_to=page.file)
    assert result["titles"] == [HEADINGS[page.file]]
    assert result["links"] == ["", "compare", "experiment", "gallery", "stones", "steps", "contexts"]
