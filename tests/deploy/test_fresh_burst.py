"""A blog post goes out right after a restart: twenty readers open twenty different views of a freshly started
server at the same moment. None of them may see an error, and the server may log none.

Each page imports what it needs the first time a session runs it, in that session's thread; a module another
session is still importing was seen half-done (`partially initialized module 'pandas' has no attribute
'Series'`, from plotly's validators, which look pandas up in `sys.modules` without importing it). The server is
started the two ways readers' servers are: `streamlit run app.py` (also what scripts/serve_replicas.sh runs)
and the launcher scripts/app.sh runs.
"""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from testkit.servers import start_streamlit
from testkit.streamlit_client import View, open_view
from testkit.views import EVERY_KIND, RUNS, q

PROJECT = Path(__file__).resolve().parents[2]
# What a server log must never hold: a traceback, or a line Streamlit or Python logs an error with.
LOG_PROBLEM = re.compile(r"Traceback|\bERROR\b|Error:|Exception|partially initialized", re.IGNORECASE)
VIEWS = EVERY_KIND


async def first_reader_then_the_burst(url: str) -> list[View]:
    """The first reader (the default view, as the author checks the post) alone, then the other nineteen at
    once: the explorer's modules are in by then, so their figures are built while other pages import theirs."""
    first = await open_view(url, *VIEWS[0], timeout=240)
    return [first, *await asyncio.gather(*(open_view(url, page, query, timeout=240) for page, query in VIEWS[1:]))]


@pytest.mark.parametrize("launcher", [False, True], ids=["streamlit-run", "launcher"])
def test_twenty_readers_on_a_fresh_server_see_no_error(launcher, glove):
    """`glove`: the model converted in the cache, as on every start after an install's first."""
    assert len(set(VIEWS)) == 20
    server = start_streamlit(PROJECT / "app.py", launcher=launcher, timeout=180)
    try:
        views = asyncio.run(first_reader_then_the_burst(server.url))
    finally:
        server.stop()
    log = server.log.read_text(errors="replace")
    assert [(v.page, v.query, v.problems) for v in views if not v.ok] == []
    assert [line for line in log.splitlines() if LOG_PROBLEM.search(line)] == []
    # Every view drew what its reader came for: a figure, except the replay, which is text.
    assert [(v.page, v.query) for v in views if not v.charts] == [("experiment", q(run=RUNS[1], tab="replay"))]
