"""Every test here gets its own cache, gensim-data folder and models file: nothing touches the project's."""
from __future__ import annotations

import numpy as np
import pytest

from tests.embeddings_models.release_server import serve

WORDS = [f"word{i}" for i in range(200)] + ["human", "New_York", "Paris", "paris", "king", "queen"]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("GENSIM_DATA_DIR", str(tmp_path / "gensim-data"))
    monkeypatch.setenv("EMBEDDINGS_MODELS_FILE", str(tmp_path / "models.toml"))
    monkeypatch.delenv("GENSIM_DATA_BASE_URL", raising=False)
    monkeypatch.setattr("embeddings.gensim_data.ATTEMPTS", 3)
    monkeypatch.setattr("embeddings.gensim_data._wait", lambda s: None)  # retries without waiting
    return tmp_path


@pytest.fixture
def vectors() -> np.ndarray:
    return np.random.default_rng(7).normal(size=(len(WORDS), 25)).astype(np.float32)


@pytest.fixture
def mirror(tmp_path, monkeypatch):
    root = tmp_path / "mirror"
    root.mkdir()
    mirror, server = serve(root)
    monkeypatch.setenv("GENSIM_DATA_BASE_URL", mirror.url)
    try:
        yield mirror
    finally:
        server.shutdown()
        server.server_close()
