"""The short version of bench/bench_load.py: several readers at once on a real server, no error, every view
with its figures, and the server's memory within what one replica is given (deploy/README.md)."""
from __future__ import annotations

import asyncio

from testkit.load import interactions, many_readers, memory_kib

MEMORY_BUDGET_MIB = 2048  # a replica peaks at about 1.4 GiB under 20 readers (deploy/README.md)


def figures_expected(page: str, query: str) -> int:
    """What a reader of this view sees: the explorer one figure, the compare page one per model, the
    experiment page's overview its figures (the replay and compare tabs may have none)."""
    if page == "":
        return 1
    if page == "compare":
        return 2
    return 1 if "tab=overview" in query else 0


def test_readers_at_once_get_every_view_without_an_error(streamlit_server):
    views = asyncio.run(many_readers(streamlit_server.url, sessions=4, views=4, heavy=False))
    asked = [view for session in range(4) for view in interactions(session, 4, heavy=False)]
    assert [(v.page, v.query) for v in views] == asked
    assert [v.problems for v in views if not v.ok] == []
    assert [(v.page, v.query, v.charts) for v in views if v.charts < figures_expected(v.page, v.query)] == []
    assert memory_kib(streamlit_server.process.pid)["VmHWM"] / 1024 < MEMORY_BUDGET_MIB
