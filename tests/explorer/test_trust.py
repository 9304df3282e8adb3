"""How far each word on the map can be trusted: per word, overall (as scikit-learn computes it), on the figure."""
from __future__ import annotations

import numpy as np
import pytest
from sklearn.manifold import trustworthiness

from embeddings import trust
from embeddings.figures import scatter
from embeddings.reduce import ReductionParams, reduce
from embeddings.scene import SceneRequest, build_scene
from embeddings.url_state import from_query, to_query

MODEL = "glove-wiki-gigaword-50"


@pytest.fixture(scope="module")
def words(glove):
    return [glove.index_to_key[i] for i in range(200, 400)]


@pytest.mark.parametrize("method,dims", [("pca", 2), ("tsne", 2), ("pca", 3)])
def test_overall_trust_is_scikit_learns_and_each_words_share_is_its_kept_neighbours(glove, words, method, dims):
    vectors = glove[words]
    coords = reduce(vectors, ReductionParams(method=method, dims=dims)).coords
    found = trust.measure(vectors, coords)
    assert found.k == 10
    assert found.trustworthiness == pytest.approx(
        trustworthiness(vectors, coords, n_neighbors=10, metric="cosine"), abs=1e-12)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    for i in (0, 57, 199):
        full = [j for j in np.argsort(-(unit @ unit[i])) if j != i][:10]
        screen = [j for j in np.argsort(np.linalg.norm(coords - coords[i], axis=1)) if j != i][:10]
        assert found.kept[i] == len(set(full) & set(screen))


def test_a_faithful_picture_keeps_every_neighbour_and_a_shuffled_one_does_not():
    angles = np.sort(np.random.default_rng(0).uniform(0, np.pi, 40))
    vectors = np.column_stack([np.cos(angles), np.sin(angles), np.zeros(40)])
    faithful = trust.measure(vectors, vectors[:, :2] * 3.0)
    assert faithful.trustworthiness == pytest.approx(1.0) and set(faithful.kept) == {faithful.k}
    shuffled = trust.measure(vectors, np.random.default_rng(1).permutation(vectors[:, :2]))
    assert shuffled.trustworthiness < 0.7 and shuffled.kept.mean() < 3
    assert trust.measure(vectors[:2], vectors[:2, :2]) is None  # nothing to compare


def test_the_figure_outlines_and_hovers_trust_and_the_link_key_turns_it_off(glove):
    scene = build_scene(glove, SceneRequest(MODEL, ("king", "queen", "man", "woman", "apple", "banana", "paris",
                                                    "london"), neighbours=3), store_maps=False)
    entered = scene.rows_of("entered")
    shown = [t for t in scatter(scene).data if t.name == "entered words"][0]
    expected = [trust.outline_colour(scene.trust.kept[i] / scene.trust.k) for i in entered]
    assert list(shown.marker.line.color) == expected and shown.marker.line.width == 2
    assert "nearest on screen" in shown.customdata[0][2] and "customdata[2]" in shown.hovertemplate
    clean = [t for t in scatter(scene, trust=False).data if t.name == "entered words"][0]
    assert clean.marker.line.color is None and "customdata[2]" not in clean.hovertemplate
    assert trust.outline_colour(1.0) == "#1a1a1a" and trust.outline_colour(0.0) == "#ffffff"


def test_trust_off_is_a_link_key():
    state, notices = from_query({"words": "king,queen", "trust": "off"})
    assert state.trust == "off" and not notices and to_query(state)["trust"] == "off"
    assert "trust" not in to_query(from_query({"words": "king"})[0])
    state, notices = from_query({"trust": "maybe"})
    assert state.trust == "on" and "trust" in notices[0]


def test_context_maps_are_measured_among_all_drawn_words(glove):
    scene = build_scene(glove, SceneRequest(MODEL, ("king", "queen"), context=500), store_maps=False)
    assert len(scene.trust.kept) == len(scene.words) >= 500
    caption = trust.caption(scene.trust, points=len(scene.words), context=True, outlined=True)
    assert f"among the {len(scene.words):,} drawn words (the vocabulary context included)" in caption


def test_the_page_captions_trust_and_trust_off_draws_clean_markers():
    from tests.explorer.test_page import figure, run_page

    at = run_page(words="king,queen,man,woman,apple,banana,paris,london", method="tsne")
    assert not at.exception
    caption = " ".join(c.value for c in at.caption)
    assert "Trustworthiness 0" in caption and "nearest on screen" in caption
    entered = [t for t in figure(at)["data"] if t["name"] == "entered words"][0]
    assert len(entered["marker"]["line"]["color"]) == 8
    clean = run_page(words="king,queen,man,woman,apple,banana,paris,london", method="tsne", trust="off")
    entered = [t for t in figure(clean)["data"] if t["name"] == "entered words"][0]
    assert "line" not in entered["marker"] and dict(clean.query_params)["trust"] in ("off", ["off"])
