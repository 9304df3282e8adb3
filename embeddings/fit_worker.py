"""t-SNE and UMAP fitted in a process of their own, beside a server's.

A Streamlit server is one process, and Python runs one thread's Python code at a time: every reader's view waits
its turn for the one interpreter, while the machine's other cores stay idle. The stochastic reductions are the
heaviest work a view asks for, and the libraries behind them (openTSNE, umap-learn, pynndescent, scikit-learn,
scipy.stats, numba) cost about two seconds of imports: on a fresh server, under a burst of readers, the t-SNE and
UMAP views waited for those imports as long as every other view held the interpreter (bench/bench_load.py).

So a server hands its fits to one worker process (`python -m embeddings.fit_worker`), started once: it imports the
libraries on another core while the server serves other views, and each fit runs there without holding the
server's interpreter. The server never imports them. The worker runs the same function (`reduce.fit_stochastic`)
as any other process, so a fit gives the same coordinates wherever it runs. A worker that died (killed, out of
memory) is started again for the next fit; if none can be started, the fit runs in the server, as without one.

The worker also scores a model on the analogy test set when a reader first opens the Analogy tab (numba code,
embeddings/analogy_scores.py): `call` runs any module-level function there.

A plain child process and pickles over its pipes, not `multiprocessing`: its "spawn" start runs the parent's
`__main__` again in the child, and inside a Streamlit session `__main__` is the app's page script.
"""
from __future__ import annotations

import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import numpy as np

from embeddings.reduce import ReductionParams, fit_stochastic

log = logging.getLogger(__name__)
T = TypeVar("T")

FIT_TIMEOUT_S = 600.0  # a map of 1,000 words fits in seconds; an operator's 5,000-word map in minutes
START_TIMEOUT_S = 300.0  # the first start on a machine compiles numba's code into cache/numba: about a minute
_HEADER = struct.Struct("<Q")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class WorkerGone(RuntimeError):
    """The worker process ended or did not answer in time."""


def _send(pipe: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_HEADER.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: IO[bytes], timeout_s: float | None = None) -> Any:
    if timeout_s is not None and not select.select([pipe], [], [], timeout_s)[0]:
        raise WorkerGone(f"no answer within {timeout_s:.0f} s")
    header = pipe.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise WorkerGone("the worker process ended")
    size = _HEADER.unpack(header)[0]
    data = pipe.read(size)
    if len(data) < size:
        raise WorkerGone("the worker process ended")
    return pickle.loads(data)


class FitWorker:
    """One worker process for the stochastic fits of every session of a server (thread-safe: one fit at a time)."""

    def __init__(self, fit_timeout_s: float = FIT_TIMEOUT_S, start_timeout_s: float = START_TIMEOUT_S):
        self.fit_timeout_s = fit_timeout_s
        self.start_timeout_s = start_timeout_s
        self._lock = threading.Lock()  # one request on the pipes at a time
        self._process: subprocess.Popen[bytes] | None = None
        self._ready = threading.Event()
        self.starts = 0

    def start(self) -> FitWorker:
        """Start the worker if none runs, and read its "ready" in the background: its imports take seconds."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._spawn()
        return self

    def is_ready(self) -> bool:
        """Whether a fit would start at once: the worker runs and has imported the libraries."""
        process = self._process
        return self._ready.is_set() and process is not None and process.poll() is None

    def wait_until_ready(self) -> bool:
        self.start()
        return self._ready.wait(self.start_timeout_s)

    def pid(self) -> int | None:
        return self._process.pid if self.is_ready() and self._process is not None else None

    def fit(self, x: np.ndarray, params: ReductionParams) -> np.ndarray:
        """`reduce.fit_stochastic(x, params)` in the worker; started again once if it died; in this process if no
        worker can be had."""
        return np.asarray(self.call(fit_stochastic, x, params))

    def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`function(*args, **kwargs)` in the worker (a module-level function: it is sent by name, and its arguments and
        answer as pickles); started again once if it died; in this process if no worker can be had."""
        for _ in range(2):
            self.start()
            if not self._ready.wait(self.start_timeout_s):
                break
            with self._lock:
                process = self._process
                if process is None or process.poll() is not None or process.stdin is None or process.stdout is None:
                    continue
                try:
                    _send(process.stdin, (function, args, kwargs))
                    status, value = _receive(process.stdout, self.fit_timeout_s)
                except (WorkerGone, BrokenPipeError, OSError, EOFError, pickle.UnpicklingError) as error:
                    log.warning("the fit worker stopped (%s); starting another", error)
                    self._kill()
                    continue
            if status == "error":
                raise value
            return value
        return function(*args, **kwargs)

    def stop(self) -> None:
        with self._lock:
            self._kill()

    def _spawn(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT),
                                                                          os.environ.get("PYTHONPATH")]))}
        self._ready.clear()
        self._process = subprocess.Popen([sys.executable, "-m", "embeddings.fit_worker"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, env=env, cwd=PROJECT_ROOT)
        self.starts += 1
        threading.Thread(target=self._await_ready, args=(self._process,), name="fit-worker-start",
                         daemon=True).start()

    def _await_ready(self, process: subprocess.Popen[bytes]) -> None:
        try:
            assert process.stdout is not None
            if _receive(process.stdout, self.start_timeout_s) == "ready" and process is self._process:
                self._ready.set()
        except (WorkerGone, OSError, EOFError, pickle.UnpicklingError) as error:
            log.warning("the fit worker did not start (%s)", error)

    def _kill(self) -> None:
        process, self._process = self._process, None
        self._ready.clear()
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """The worker's side: import the libraries, say "ready", then answer each call with its result."""
    from embeddings import heavy_imports

    heavy_imports.load_all()
    _send(answers, "ready")
    while True:
        try:
            function, args, kwargs = _receive(requests)
        except WorkerGone:  # the server closed the pipe: it has stopped
            return
        try:
            answer: tuple[str, Any] = ("ok", function(*args, **kwargs))
        except Exception as error:  # the server raises it in the reader's view
            answer = ("error", error)
        _send(answers, answer)


if __name__ == "__main__":
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints, from Python or C, goes to the server's log, not into the answers
    serve(sys.stdin.buffer, answers)
