"""A few readers' page runs at a time; the others wait their turn, in the order they came.

Streamlit runs every session's script in its own thread, and Python runs one thread's Python code at a time: with
twenty readers' runs at once, each gets a twentieth of the interpreter, so every one of them finishes late, together,
at the end of the burst. Queued instead, most finish early and the same work is done in the same time (a fresh
server's first burst: the one-time work, imports and tables built once, is shared by every run that needs it).

A run that waits for something long and not its own (the heavy imports a t-SNE or UMAP view needs, seconds on a
fresh server, maybe in another thread) steps aside meanwhile (`stepped_aside`). A run that waits for something
outside the process (llama-server) holds its place; a few places at once keep such a wait from holding everyone back.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

RUNS_AT_ONCE = int(os.environ.get("APP_RUNS_AT_ONCE", "2"))
_PLACES = threading.BoundedSemaphore(RUNS_AT_ONCE)
_RUNS = itertools.count()
BUSY = threading.Event()  # set from the second run on: readers came after the first (the warm-up starts at once)
_HOLDING = threading.local()  # whether this thread's run holds a place


@contextmanager
def admitted() -> Iterator[None]:
    """Around a page run: wait for a place, give it back however the run ends (also on st.stop and reruns)."""
    if next(_RUNS) >= 1:
        BUSY.set()
    with _PLACES:
        _HOLDING.held = True
        try:
            yield
        finally:
            _HOLDING.held = False


@contextmanager
def stepped_aside() -> Iterator[None]:
    """Inside an admitted run: give the place to the next reader while waiting, then queue for one again."""
    if not getattr(_HOLDING, "held", False):
        yield
        return
    _PLACES.release()
    _HOLDING.held = False
    try:
        yield
    finally:
        _PLACES.acquire()
        _HOLDING.held = True
