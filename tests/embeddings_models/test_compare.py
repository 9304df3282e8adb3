"""Same words, two models: different numbers, and one number for how much the two spaces agree."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import ortho_group

from embeddings.catalogue import get_spec
from embeddings.compare import compare_models, rank_agreement
from embeddings.convert import keyed_vectors

WORDS = ["king", "queen", "man", "woman", "apple", "banana", "car", "truck"]
GLOVE = get_spec("glove-wiki-gigaword-50")
WORD2VEC = get_spec("word2vec-google-news-300")


def model(keys, vectors):
    return keyed_vectors(keys, np.asarray(vectors, dtype=np.float32))


def test_a_rotated_space_has_other_numbers_but_full_agreement():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(len(WORDS), 10))
    b = a @ ortho_group.rvs(10, random_state=1)  # same geometry, every coordinate different
    result = compare_models(GLOVE, model(WORDS, a), GLOVE, model(WORDS, b), WORDS)
    assert not np.allclose(a[0], b[0], atol=0.1)
    np.testing.assert_allclose(result.similarities_a, result.similarities_b, atol=1e-5)
    assert result.agreement == pytest.approx(1.0)
    assert result.pairs == len(WORDS) * (len(WORDS) - 1) // 2


def test_unrelated_spaces_agree_about_nothing():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(60)]
    result = compare_models(GLOVE, model(words, rng.normal(size=(60, 20))), GLOVE,
                            model(words, rng.normal(size=(60, 20))), words)
    assert abs(result.agreement) < 0.15


def test_each_model_is_read_by_its_own_conventions_and_missing_words_are_reported():
    rng = np.random.default_rng(0)
    glove = model(["new", "york", "king", "queen", "man"], rng.normal(size=(5, 6)))
    word2vec = model(["New_York", "king", "queen", "man", "Paris"], rng.normal(size=(5, 6)))
    result = compare_models(GLOVE, glove, WORD2VEC, word2vec, ["King", "queen", "man", "New York", "Paris"])
    assert result.words == ["King", "queen", "man"]
    assert result.keys_a == ["king", "queen", "man"] and result.keys_b == ["king", "queen", "man"]
    assert [f.typed for f in result.missing_a] == ["New York", "Paris"] and result.missing_b == []
    assert result.similarities_a.shape == (3, 3) and np.allclose(np.diag(result.similarities_b), 1)
    assert result.agreement is not None


def test_fewer_than_three_shared_words_have_no_agreement_number():
    kv = model(["a", "b"], np.eye(2))
    assert compare_models(GLOVE, kv, GLOVE, kv, ["a", "b"]).agreement is None
    assert rank_agreement(np.eye(2), np.eye(2)) is None


def test_comparison_needs_no_streamlit():
    import subprocess
    import sys

    code = "import sys, embeddings.compare, embeddings.word_forms; print('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
