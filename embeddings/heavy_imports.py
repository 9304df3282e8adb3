"""The heavy libraries a reader's request may need, imported by one thread at a time.

t-SNE (openTSNE, which imports pynndescent and with it scipy.stats in its first fit) and UMAP (umap-learn,
with numba) cost about two seconds of imports together, more than a reader's whole first figure, and most views
need none of them. The app's server never imports them: its fits run in a worker process, which imports them
all here at its start (embeddings/fit_worker.py). Other callers (the command line, the analogy benchmark, a
server whose worker could not start) import them on first use, here.

One lock for all of them: two threads importing libraries that share dependencies (scikit-learn, scipy) in
different orders can each wait for a module the other holds, and Python then hands one of them a module
half-imported. Under this lock no two threads import them at once.
"""
from __future__ import annotations

import importlib
import threading
from types import ModuleType

from embeddings.numba_cache import cached_jit
from embeddings.paths import configure_numba_cache

LOCK = threading.RLock()
HEAVY = ("pynndescent", "openTSNE", "umap")
# numba code, made cacheable while imported (embeddings.numba_cache): compiled once per machine, not per process
NUMBA = frozenset({"pynndescent", "umap", "embeddings.analogy_kernel"})
# openTSNE imports pynndescent inside its first `fit` (to ask whether it is installed): in a reader's request,
# outside this lock, and without the cache, 5-20 s of numba compiling. It is imported here first.
NEEDS = {"openTSNE": ("pynndescent",), "umap": ("pynndescent",)}


_FIRST_FIT_DONE: set[str] = set()


def load(name: str) -> ModuleType:
    """`name` (one of HEAVY) and what it imports later, imported once per process under the lock; UMAP also
    fitted once, which loads its compiled code and numba's threading layer (a module too)."""
    with LOCK:
        for needed in NEEDS.get(name, ()):
            load(needed)
        if name not in NUMBA:
            return importlib.import_module(name)
        configure_numba_cache()
        with cached_jit():
            module = importlib.import_module(name)
        if name == "umap" and name not in _FIRST_FIT_DONE:
            _first_umap_fit(module)
            _FIRST_FIT_DONE.add(name)
        return module


def _first_umap_fit(umap: ModuleType) -> None:
    import warnings

    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        umap.UMAP(n_neighbors=5, random_state=0, n_jobs=1).fit_transform(
            np.random.default_rng(0).normal(size=(40, 8)))


def load_all() -> None:
    for name in HEAVY:
        load(name)
