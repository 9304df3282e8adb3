"""WordVectors answers as gensim's KeyedVectors does, on the real GloVe vectors: gensim is the reference."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from gensim.models import KeyedVectors

from embeddings.convert import keyed_vectors
from embeddings.vectors import WordVectors

QUERIES = [
    {"positive": ["king"]},
    {"positive": ["king", "woman"], "negative": ["man"]},
    {"positive": [("paris", 2.0), "italy"], "negative": [("france", -1.5)]},
    {"positive": "computer"},
    {"positive": ["apple", "banana", "orange"], "topn": 3},
]


@pytest.fixture(scope="module")
def reference(glove) -> KeyedVectors:
    """gensim's own object over the same 400,000 vectors."""
    return glove.to_gensim()


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: repr(q)[:40])
def test_most_similar_gives_gensims_words_and_similarities(glove, reference, query):
    ours, theirs = glove.most_similar(**query), reference.most_similar(**query)
    assert [w for w, _ in ours] == [w for w, _ in theirs]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-5)


def test_a_vector_query_and_restricted_vocabulary_match_gensim(glove, reference):
    vector = glove["river"] + glove["money"]
    assert [w for w, _ in glove.most_similar(positive=[vector], topn=5)] == \
        [w for w, _ in reference.most_similar(positive=[vector], topn=5)]
    ours, theirs = (kv.most_similar("bank", topn=5, restrict_vocab=5000) for kv in (glove, reference))
    assert [w for w, _ in ours] == [w for w, _ in theirs]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-5)


def test_every_similarity_at_once_matches_gensim(glove, reference):
    np.testing.assert_allclose(glove.most_similar("tree", topn=None), reference.most_similar("tree", topn=None),
                               rtol=1e-4, atol=1e-6)


def test_lookups_match_gensim(glove, reference):
    assert glove.similarity("king", "queen") == pytest.approx(reference.similarity("king", "queen"), rel=1e-6)
    np.testing.assert_array_equal(glove.get_vector("human"), reference.get_vector("human"))
    np.testing.assert_allclose(glove.get_vector("human", norm=True), reference.get_vector("human", norm=True),
                               rtol=1e-6)
    np.testing.assert_array_equal(glove[["king", "queen"]], reference[["king", "queen"]])
    assert glove.get_index("human") == reference.get_index("human") == 473
    assert glove.get_index(473) == 473 and "human" in glove and "qwxzv" not in glove and len(glove) == 400_000


def test_many_words_at_once_are_gensims_rows(glove, reference):
    """A list of words is looked up in one search (a context map's 1,000 words); the rows are gensim's."""
    words = [reference.index_to_key[i] for i in range(0, 400_000, 397)] + ["human", "king", "human"]
    np.testing.assert_array_equal(glove[words], reference[words])
    with pytest.raises(KeyError, match="qwxzv"):
        glove[["king", "qwxzv"]]


def test_vectors_handed_out_are_read_only(glove):
    with pytest.raises(ValueError):
        glove["king"][0] = 0.0


def test_bad_queries_fail_as_in_gensim(glove, reference):
    for kv in (glove, reference):
        with pytest.raises(KeyError, match="qwxzv"):
            kv.most_similar("qwxzv")
        with pytest.raises(ValueError, match="no input"):
            kv.most_similar(positive=[])
        assert kv.most_similar("king", topn=0) == []


def test_an_in_memory_model_computes_its_norms():
    kv = keyed_vectors(["a", "b", "c"], np.array([[3.0, 4.0], [1.0, 0.0], [0.0, 2.0]]))
    assert kv.norms is None
    found = kv.most_similar("a", topn=2)
    assert [w for w, _ in found] == ["c", "b"]
    np.testing.assert_allclose([s for _, s in found], [0.8, 0.6], rtol=1e-6)
    np.testing.assert_allclose(kv.norms, [5.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="3 words but 2 vectors"):
        WordVectors(["a", "b", "c"], np.zeros((2, 2), dtype=np.float32))


def test_drawing_the_first_figure_imports_neither_gensim_nor_scikit_learn_nor_pandas():
    """Why this class exists: importing gensim (0.6 s), scikit-learn (0.3 s) and pandas (0.25 s) held up a
    reader's first figure (bench/bench_browser.py). The explorer page's own modules are imported too."""
    code = ("import sys; from embeddings import alt_text, catalogue, export, figures, models, saved_figures, scene, "
            "url_state; from ui import figure_export; from ui.explorer import controls; "
            "from embeddings.reduce import ReductionParams; kv = models.load(catalogue.DEFAULT_MODEL); "
            "s = scene.build_scene(kv, scene.SceneRequest(catalogue.DEFAULT_MODEL, url_state.DEFAULT_WORDS, "
            "ReductionParams(), neighbours=2)); figures.scatter(s); alt_text.summary(s); "
            "print(sorted(m for m in ('gensim', 'sklearn', 'scipy', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
