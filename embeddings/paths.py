"""Every place on disk `embeddings` reads or writes: the cache (one root, overridable, so tests and operators
can move it) and the operator's models file. Nothing from a reader's URL is ever turned into a path here."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """The cache root; `EMBEDDINGS_CACHE_DIR` moves it (tests point it at a temporary folder)."""
    return Path(os.environ.get("EMBEDDINGS_CACHE_DIR") or PROJECT_ROOT / "cache")


def models_dir() -> Path:
    return cache_dir() / "models"


def model_folder(name: str) -> Path:
    """A converted model's folder (its marker, model.json, is written last: see model_store.py)."""
    return models_dir() / name


def downloads_dir() -> Path:
    """Downloads in progress (`python -m embeddings fetch`), resumable, deleted once converted."""
    return cache_dir() / "downloads"


def models_file() -> Path:
    """The operator's models file: `models.toml` at the project root, or the path in `EMBEDDINGS_MODELS_FILE`."""
    return Path(os.environ.get("EMBEDDINGS_MODELS_FILE") or PROJECT_ROOT / "models.toml")


def maps_dir() -> Path:
    return cache_dir() / "maps"


def numba_cache_dir() -> Path:
    return cache_dir() / "numba"


def configure_numba_cache() -> None:
    """Point numba's on-disk cache into `cache/` so UMAP's compiled code survives restarts.

    Must run before numba is first imported: numba reads the variable once, at import time.
    """
    os.environ.setdefault("NUMBA_CACHE_DIR", str(numba_cache_dir()))
