"""A reader cannot make the server lay out more points with t-SNE or UMAP than it does in seconds."""
from __future__ import annotations

import pytest

from embeddings.reduce import ReductionParams
from embeddings.scene import MAX_STOCHASTIC_POINTS, SceneRequest, build_scene, find_neighbourhood
from embeddings.words import MAX_WORDS


@pytest.fixture(scope="module")
def many_words(glove) -> tuple[str, ...]:
    return tuple(glove.index_to_key[1000:1000 + MAX_WORDS])


def test_tsne_and_umap_lay_out_at_most_the_budget_keeping_every_entered_word(glove, many_words):
    request = SceneRequest("glove-wiki-gigaword-50", many_words, ReductionParams(method="umap", dims=2),
                           neighbours=30)
    hood = find_neighbourhood(glove, request)
    assert len(hood.labelled) > MAX_STOCHASTIC_POINTS  # 200 words x 30 neighbours would be far more
    scene = build_scene(glove, request, hood)
    assert len(scene.points) == MAX_STOCHASTIC_POINTS
    assert set(many_words) <= set(scene.points.word)
    kept = set(scene.points.word[scene.points.group == "neighbour"])
    firsts = {neighbour for _, rank, neighbour, _ in hood.neighbour_rows if rank == 1} - set(many_words)
    assert firsts <= kept  # the nearest neighbour of every word stays; the farthest go first
    assert any("at most 2,000 points" in note for note in scene.notes)


def test_pca_has_no_such_limit(glove, many_words):
    request = SceneRequest("glove-wiki-gigaword-50", many_words, ReductionParams(method="pca", dims=2),
                           neighbours=30)
    scene = build_scene(glove, request)
    assert len(scene.points) > MAX_STOCHASTIC_POINTS and not any("at most" in n for n in scene.notes)


def test_a_public_server_fits_new_vocabulary_maps_in_memory_only(glove, tmp_path, monkeypatch):
    from embeddings import context

    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    params = ReductionParams(method="pca", dims=2)
    first = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params, store=False)
    assert not context.map_path("glove-wiki-gigaword-50", 500, params).exists()
    assert not list(tmp_path.rglob("*.npz")) and len(first.words) == 500
    assert context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params, store=False) is first
    monkeypatch.setattr(context, "IN_MEMORY_MAPS", 2)
    for size in (1000, 2000):  # the maps kept in memory are bounded
        for dims in (2, 3):
            context.load_or_fit(glove, "glove-wiki-gigaword-50", size, ReductionParams(dims=dims), store=False)
    assert len(context._IN_MEMORY) == 2
    stored = context.load_or_fit(glove, "glove-wiki-gigaword-50", 500, params)
    assert context.map_path("glove-wiki-gigaword-50", 500, params).exists() and stored.words == first.words


def test_a_large_tsne_map_that_is_not_prepared_is_not_fitted_on_a_readers_request(glove, tmp_path, monkeypatch):
    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    request = SceneRequest("glove-wiki-gigaword-50", ("king", "queen"), ReductionParams(method="umap"), context=5000)
    scene = build_scene(glove, request, store_maps=False)
    assert (scene.points.group == "context").sum() <= MAX_STOCHASTIC_POINTS
    assert any("not prepared on this server" in note for note in scene.notes)
