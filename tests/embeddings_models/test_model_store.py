"""The cache layout: memory-mapped vectors and norms, a vocabulary that is never rebuilt, and the index."""
from __future__ import annotations

import numpy as np
import pytest

from embeddings import convert
from embeddings.convert import write_model
from embeddings.model_store import open_model
from embeddings.neighbour_index import exact_nearest_ids, nearest


def build(name, keys, vectors, **kwargs):
    return open_model(write_model(name, vectors.shape[1], iter([(keys, vectors)]), **kwargs))


def test_vocabulary_behaves_like_gensims_list_and_dict(isolated):
    keys = ["the", "Zürich", "New_York", "日本", "a b"]
    kv = build("v", keys, np.eye(5, dtype=np.float32))
    assert len(kv) == 5 and kv.index_to_key[1] == "Zürich" and kv.index_to_key[-1] == "a b"
    assert kv.index_to_key[1:3] == ["Zürich", "New_York"] and list(kv.index_to_key) == keys
    assert kv.key_to_index["日本"] == 3 and kv.get_index("New_York") == 2
    assert "zürich" not in kv and "Zürich" in kv and kv.key_to_index.get("nope", -1) == -1
    assert kv.similarity("the", "the") == pytest.approx(1.0)


def test_vectors_and_norms_are_read_only_maps(isolated):
    vectors = np.random.default_rng(0).normal(size=(50, 8)).astype(np.float32)
    kv = build("m", [f"k{i}" for i in range(50)], vectors)
    assert isinstance(kv.vectors, np.memmap) and isinstance(kv.norms, np.memmap)
    np.testing.assert_allclose(kv.norms, np.linalg.norm(vectors, axis=1), rtol=1e-6)
    with pytest.raises(ValueError):
        kv.vectors[0, 0] = 1


def test_index_answers_like_an_exact_scan_and_leaves_query_words_out(isolated):
    rng = np.random.default_rng(0)
    n, d = 20_000, 16
    vectors = rng.normal(size=(n, d)).astype(np.float32)
    keys = [f"w{i}" for i in range(n)]
    kv = build("indexed", keys, vectors, index_min_floats=0)
    assert kv.neighbour_index is not None
    hits = 0
    for i in rng.choice(n, 20, replace=False):
        exact_ids, exact_sims = exact_nearest_ids(kv, vectors[i], 10)
        found = nearest(kv, vectors[i], 10)
        hits += len({kv.key_to_index[k] for k, _ in found} & set(exact_ids.tolist()))
        assert found[0][1] == pytest.approx(float(exact_sims[0]), abs=1e-5)  # exact cosines, not estimates
    assert hits / 200 >= 0.95
    through_index = kv.most_similar("w7", topn=5)
    assert len(through_index) == 5 and "w7" not in [k for k, _ in through_index]
    reference = [kv.index_to_key[i] for i in exact_nearest_ids(kv, vectors[7], 6)[0] if i != 7][:5]
    assert len(set(reference) & {k for k, _ in through_index}) >= 4


def test_small_models_have_no_index_and_scan_every_vector(isolated):
    vectors = np.random.default_rng(0).normal(size=(100, 5)).astype(np.float32)
    kv = build("small", [f"w{i}" for i in range(100)], vectors)
    assert kv.neighbour_index is None
    assert [k for k, _ in kv.most_similar("w1", topn=3)] == [k for k, _ in nearest(kv, kv["w1"], 4)][1:]


def test_a_folder_left_by_an_older_format_is_replaced(isolated):
    stale = isolated / "cache" / "models" / "old"
    stale.mkdir(parents=True)
    (stale / "vectors.kv").write_text("old pickle")
    convert.save_converted("old", convert.keyed_vectors(["a", "b"], np.eye(2, dtype=np.float32)))
    assert sorted(p.name for p in (isolated / "cache" / "models").iterdir()) == ["old"]
    assert not (stale / "vectors.kv").exists() and open_model(stale).index_to_key[1] == "b"
