"""The short version of bench/bench_load.py: several readers at once on a real server, no error."""
from __future__ import annotations

import asyncio

from testkit.load import many_readers, memory_kib


def test_readers_at_once_get_every_view_without_an_error(streamlit_server):
    views = asyncio.run(many_readers(streamlit_server.url, sessions=4, views=4, heavy=False))
    assert len(views) == 16
    assert [v.problems for v in views if not v.ok] == []
    assert sum(v.charts for v in views) >= 12  # every explorer, compare and overview view draws its figures
    assert memory_kib(streamlit_server.process.pid)["VmHWM"] > 0
