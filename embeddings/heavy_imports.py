"""The heavy libraries a reader's request may need, imported by one thread at a time.

t-SNE (openTSNE), UMAP (umap-learn, with numba) and Spearman's rho (scipy.stats) cost about two seconds of
imports together, more than a reader's whole first figure, and most views need none of them. So they are not
imported before the first page (ui/page_modules.py imports the rest); the server imports them in the
background once it is up (ui/launcher.py, ui/resources.warm_up), and a request that needs one first waits
for it here.

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
HEAVY = ("scipy.stats", "openTSNE", "umap")


def load(name: str) -> ModuleType:
    """`name` (one of HEAVY), imported once per process under the lock; UMAP with its numba code cacheable."""
    with LOCK:
        if name == "umap":  # its numba functions made cacheable while it is imported (embeddings.numba_cache)
            configure_numba_cache()
            with cached_jit():
                return importlib.import_module(name)
        return importlib.import_module(name)


def load_all() -> None:
    for name in HEAVY:
        load(name)
