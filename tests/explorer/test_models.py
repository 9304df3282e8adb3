"""The embedded model: the real GloVe vectors, converted once into the cache and memory-mapped."""
import subprocess
import sys

import numpy as np
import pytest

from embeddings import catalogue, convert, models


def test_default_model_is_the_embedded_glove(glove):
    assert catalogue.DEFAULT_MODEL == "glove-wiki-gigaword-50"
    assert len(glove.index_to_key) == 400_000
    assert glove.vector_size == 50
    np.testing.assert_allclose(glove["human"][:3], [0.61854, 0.11915, -0.46786], atol=1e-5)


def test_vectors_and_norms_are_memory_mapped_read_only(glove):
    assert isinstance(glove.vectors, np.memmap)
    assert isinstance(glove.norms, np.memmap)
    with pytest.raises(ValueError):
        glove.vectors[0, 0] = 1.0
    np.testing.assert_allclose(glove.norms[:100], np.linalg.norm(glove.vectors[:100], axis=1), rtol=1e-5)


def test_similarity_is_gensim_cosine(glove):
    king, queen = glove["king"], glove["queen"]
    expected = king @ queen / np.linalg.norm(king) / np.linalg.norm(queen)
    assert glove.similarity("king", "queen") == pytest.approx(expected, rel=1e-5)


def test_conversion_is_reused_by_a_fresh_process(glove):
    path = models.model_path(catalogue.DEFAULT_MODEL)
    before = path.stat().st_mtime_ns
    code = "from embeddings.models import load; kv = load('glove-wiki-gigaword-50'); print(kv.index_to_key[473])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "human"
    assert path.stat().st_mtime_ns == before


def test_unknown_model_names_are_refused_without_touching_files():
    with pytest.raises(KeyError, match="Unknown model"):
        models.load("../../etc/passwd")


def test_save_is_atomic_no_staging_left(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    kv = convert.keyed_vectors(["a", "b"], np.eye(2, dtype=np.float32))
    convert.save_converted("tiny", kv)
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["tiny"]
