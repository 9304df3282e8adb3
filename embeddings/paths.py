"""Where the app keeps what it computes once: one root, overridable, so tests and operators can move it."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """The cache root; `EMBEDDINGS_CACHE_DIR` moves it (tests point it at a temporary folder)."""
    return Path(os.environ.get("EMBEDDINGS_CACHE_DIR") or PROJECT_ROOT / "cache")


def models_dir() -> Path:
    return cache_dir() / "models"


def maps_dir() -> Path:
    return cache_dir() / "maps"


def numba_cache_dir() -> Path:
    return cache_dir() / "numba"


def configure_numba_cache() -> None:
    """Point numba's on-disk cache into `cache/` so UMAP's compiled code survives restarts.

    Must run before numba is first imported: numba reads the variable once, at import time.
    """
    os.environ.setdefault("NUMBA_CACHE_DIR", str(numba_cache_dir()))
