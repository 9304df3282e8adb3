"""embeddings/fit_worker.py: a server's t-SNE and UMAP fits run in a process of their own, give the coordinates
the same fit gives anywhere, survive the worker's death, and leave the server without the heavy libraries."""
from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from urllib.parse import urlencode

import numpy as np
import pytest

from embeddings.fit_worker import FitWorker
from embeddings.reduce import ReductionParams, reduce
from testkit.load import child_pids
from testkit.servers import start_streamlit
from testkit.streamlit_client import open_view

ROOT = Path(__file__).resolve().parents[2]
POINTS = np.random.default_rng(7).normal(size=(30, 50))


@pytest.fixture(scope="module")
def worker():
    started = FitWorker().start()
    assert started.wait_until_ready()
    yield started
    started.stop()


@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_a_fit_in_the_worker_is_the_fit_in_this_process(worker: FitWorker, method: str) -> None:
    params = ReductionParams(method=method, dims=3 if method == "umap" else 2)
    there = reduce(POINTS, params, worker.fit)
    here = reduce(POINTS, params)
    assert worker.pid() not in (None, os.getpid())
    np.testing.assert_array_equal(there.coords, here.coords)
    assert there.params == here.params and there.notes == here.notes


def test_a_worker_that_died_is_started_again_for_the_next_fit(worker: FitWorker) -> None:
    """Fault injection: the worker is killed (as the kernel's out-of-memory killer would) between two fits."""
    first_pid, starts = worker.pid(), worker.starts
    assert first_pid is not None
    os.kill(first_pid, signal.SIGKILL)
    params = ReductionParams(method="umap")
    np.testing.assert_array_equal(reduce(POINTS, params, worker.fit).coords, reduce(POINTS, params).coords)
    assert worker.starts == starts + 1 and worker.pid() not in (None, first_pid)


def test_a_fit_that_fails_in_the_worker_fails_in_the_caller(worker: FitWorker) -> None:
    with pytest.raises(ValueError):
        worker.fit(np.full((30, 5), np.nan), ReductionParams(method="tsne"))
    assert worker.is_ready()  # and the worker goes on serving


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_the_server_draws_tsne_and_umap_without_loading_their_libraries() -> None:
    """numba's compiler (llvmlite) is mapped into the process that imports UMAP or pynndescent: after t-SNE and UMAP
    views, it must be in the server's fit worker and not in the server."""
    server = start_streamlit(ROOT / "app.py", launcher=True)
    try:
        for method in ("tsne", "umap"):
            query = urlencode({"words": "king,queen,man,woman,paris,london,apple,banana", "method": method})
            view = asyncio.run(open_view(server.url, "", query))
            assert view.ok and view.charts, view.problems
        workers = [pid for pid in child_pids(server.process.pid) if "llvmlite" in _maps(pid)]
        assert workers, "no fit worker process with the libraries loaded"
        assert "llvmlite" not in _maps(server.process.pid)
    finally:
        server.stop()
