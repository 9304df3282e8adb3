"""Context maps: fitted once, stored under cache/maps, reused, new words placed among their neighbours."""
import numpy as np

from embeddings import context
from embeddings.reduce import ReductionParams


def test_context_words_are_the_most_frequent_plain_words(glove):
    words = context.context_words(glove, 50)
    assert len(words) == 50
    assert words[0] == "the"
    assert all(w.isalpha() or "-" in w or "'" in w for w in words)


def test_map_is_cached_on_disk_and_reused(glove):
    params = ReductionParams(method="pca", dims=2)
    path = context.map_path("glove-wiki-gigaword-50", 500, params)
    path.unlink(missing_ok=True)
    first = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    second = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
    assert path.stat().st_mtime_ns == stamp
    np.testing.assert_allclose(first.coords, second.coords)


def test_pca_map_places_context_words_where_the_fit_put_them(glove):
    cmap = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, ReductionParams())
    word = cmap.words[10]
    np.testing.assert_allclose(cmap._project(glove[[word]] / np.linalg.norm(glove[word])), cmap.coords[[10]], atol=1e-6)


def test_umap_map_places_a_new_word_among_its_neighbours(glove):
    cmap = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, ReductionParams(method="umap"))
    new = "princess"  # not among the 500 most frequent words
    assert new not in cmap.words
    placed = cmap.place(glove, [new])[0]
    sims = [glove.similarity(new, w) for w in cmap.words]
    closest = cmap.coords[int(np.argmax(sims))]
    distances = np.linalg.norm(cmap.coords - placed, axis=1)
    assert np.linalg.norm(placed - closest) < np.percentile(distances, 10)


def test_a_damaged_cache_file_is_refitted(glove):
    params = ReductionParams(method="pca", dims=3)
    path = context.map_path("glove-wiki-gigaword-50", 500, params)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a map")
    cmap = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
    assert cmap.coords.shape == (len(cmap.words), 3)


def test_a_damaged_context_map_is_logged_and_fitted_again_never_drawn(glove, tmp_path, monkeypatch, caplog):
    """Cut short, or altered at the same size (a flipped coordinate), the stored map is not used."""
    import logging

    from embeddings.context import load_or_fit, map_path
    from embeddings.reduce import ReductionParams

    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    params = ReductionParams(method="pca", dims=2)
    fitted = load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
    path = map_path("glove-wiki-gigaword-50", 500, params)
    good = path.read_bytes()

    def altered(data: bytes) -> bytes:
        row = fitted.coords[3].tobytes()
        at = data.index(row)  # savez stores arrays uncompressed: the row's bytes are in the file as they are
        return data[:at] + (-fitted.coords[3]).tobytes() + data[at + len(row):]

    for damaged in (good[: len(good) // 2], altered(good)):
        assert len(damaged) < len(good) or damaged != good
        path.write_bytes(damaged)
        with caplog.at_level(logging.ERROR, logger="embeddings"):
            again = load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
        np.testing.assert_allclose(again.coords, fitted.coords, atol=1e-6)
        assert "is damaged and was not used" in caplog.text
        caplog.clear()
        assert path.read_bytes() != damaged
