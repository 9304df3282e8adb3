"""Two Streamlit replicas behind nginx on loopback, under readers at once; one replica is killed mid-run and
its readers carry on on the other."""
from __future__ import annotations

import asyncio
import os
import re
import signal
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from testkit.load import many_readers
from testkit.proxy import NGINX, start_proxy
from testkit.servers import start_streamlit

PROJECT = Path(__file__).resolve().parents[2]


def port_of(url: str) -> int:
    return urlsplit(url).port


@pytest.fixture
def replicas(tmp_path):
    if not Path(NGINX).exists():  # a failure, as for chromium (tests/conftest.py): a skip would pass unnoticed
        pytest.fail(f"{NGINX} is missing: install Debian's nginx (scripts/setup.sh --dev does).")
    env = {"APP_PUBLIC": "1"}
    servers = [start_streamlit(PROJECT / "app.py", env=env) for _ in range(2)]
    proxy = start_proxy(tmp_path / "nginx", [port_of(s.url) for s in servers])
    try:
        yield servers, proxy
    finally:
        proxy.stop()
        for server in servers:
            server.stop()


def test_readers_behind_the_proxy_are_spread_and_sticky(replicas):
    """Twelve readers, two views each: both replicas get readers (all twelve keys hashing to one replica has a
    chance of 1 in 2,048), and each reader's views all reach the replica its first one did."""
    servers, proxy = replicas
    views = asyncio.run(many_readers(proxy.url, sessions=12, views=2, sticky=True, heavy=False))
    assert [v.problems for v in views if not v.ok] == []
    streams = [line for line in (proxy.prefix / "access.log").read_text().splitlines() if "/_stcore/stream" in line]
    assert len(streams) == len(views)
    served: dict[str, set[str]] = {}
    for line in streams:
        upstream, key = re.search(r"upstream=(\S+) key=(\S+)", line).groups()
        served.setdefault(key, set()).add(upstream)
    assert len(served) == 12  # one key a reader, from the cookie of its first page load
    assert all(len(upstreams) == 1 for upstreams in served.values()), served  # sticky
    replicas_used = {upstream for upstreams in served.values() for upstream in upstreams}
    assert {int(u.rsplit(":", 1)[1]) for u in replicas_used} == {port_of(s.url) for s in servers}  # spread


def test_a_replica_killed_mid_run_loses_no_reader(replicas):
    servers, proxy = replicas
    victim = servers[0]

    def kill_soon() -> None:
        time.sleep(4)
        os.killpg(victim.process.pid, signal.SIGKILL)

    threading.Thread(target=kill_soon, daemon=True).start()
    started = time.monotonic()
    views = asyncio.run(many_readers(proxy.url, sessions=4, views=4, sticky=True, reconnects=2, heavy=False))
    assert victim.process.poll() is not None and time.monotonic() - started > 4  # killed during the run
    assert [v.problems for v in views if not v.ok] == []
    assert all(v.finished_s is not None for v in views)
