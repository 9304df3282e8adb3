"""Reductions: right shape, seeded, clamped to the number of points, honest about few points."""
import numpy as np
import pytest

from embeddings.reduce import ReductionParams, clamp, principal_axes, reduce, unit_rows

WORDS = "king queen man woman prince princess boy girl apple banana orange grape paris london berlin rome".split()


@pytest.fixture(scope="module")
def vectors(glove):
    return glove[WORDS]


@pytest.mark.parametrize("method", ["pca", "tsne", "umap"])
@pytest.mark.parametrize("dims", [2, 3])
def test_each_method_gives_finite_coordinates_and_same_picture_twice(vectors, method, dims):
    params = ReductionParams(method=method, dims=dims, n_neighbors=5)
    first, second = reduce(vectors, params), reduce(vectors, params)
    assert first.coords.shape == (len(WORDS), dims)
    assert np.isfinite(first.coords).all()
    np.testing.assert_allclose(first.coords, second.coords, atol=1e-6)
    assert len(first.axis_titles) == dims


def test_pca_axes_say_how_much_variance_they_explain(vectors):
    titles = reduce(vectors, ReductionParams()).axis_titles
    assert titles[0].startswith("PC1 (") and "% of variance" in titles[0]


def test_pca_keeps_near_things_near(vectors):
    coords = reduce(vectors, ReductionParams()).coords
    at = {w: coords[i] for i, w in enumerate(WORDS)}
    assert np.linalg.norm(at["apple"] - at["banana"]) < np.linalg.norm(at["apple"] - at["berlin"])


def test_parameters_are_clamped_to_the_number_of_points():
    params, notes = clamp(ReductionParams(method="tsne", perplexity=50), 10)
    assert params.perplexity < 10 and notes
    params, notes = clamp(ReductionParams(method="umap", n_neighbors=50), 10)
    assert params.n_neighbors == 9 and notes


@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_few_points_are_drawn_with_a_warning(vectors, method):
    result = reduce(vectors[:5], ReductionParams(method=method))
    assert result.coords.shape == (5, 2)
    assert any("almost nothing to learn" in note for note in result.notes)


@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_three_points_are_placed_by_pca_and_say_so(vectors, method):
    result = reduce(vectors[:3], ReductionParams(method=method))
    assert result.params.method == "pca" and result.axis_titles[0].startswith("PC1")
    assert any("placed by PCA" in note for note in result.notes)


def test_one_point_and_zero_points(vectors):
    assert reduce(vectors[:1], ReductionParams()).coords.shape == (1, 2)
    assert reduce(vectors[:0], ReductionParams(dims=3)).coords.shape == (0, 3)


def test_invalid_settings_are_refused():
    with pytest.raises(ValueError):
        ReductionParams(method="lda")
    with pytest.raises(ValueError):
        ReductionParams(dims=4)


@pytest.mark.parametrize("shape", [(10, 50), (600, 50), (700, 300), (40, 1200)],
                         ids=["few points", "tall: covariance", "wide: randomized in sklearn", "many features"])
def test_pca_is_scikit_learns_pca(shape):
    """Same axes, same signs, same explained variance as scikit-learn's exact PCA, in each of its regimes."""
    from sklearn.decomposition import PCA

    x = unit_rows(np.random.default_rng(7).normal(size=shape))
    axes, ratios = principal_axes(x, 3)
    expected = PCA(n_components=3, svd_solver="full").fit(x)
    np.testing.assert_allclose(axes, expected.components_, atol=1e-8)
    np.testing.assert_allclose(ratios, expected.explained_variance_ratio_, rtol=1e-8)


def test_pca_of_identical_points_explains_no_variance(vectors):
    same = np.repeat(vectors[:1], 4, axis=0)
    result = reduce(same, ReductionParams())
    assert np.allclose(result.coords, 0) and result.axis_titles == ["PC1 (0.0% of variance)",
                                                                     "PC2 (0.0% of variance)"]


@pytest.mark.parametrize("points, method, few", [(5, "tsne", True), (3, "umap", True), (5, "pca", False),
                                                 (40, "tsne", False)])
def test_too_few_points_is_carried_as_a_code_that_survives_the_cache(glove, vectors, points, method, few):
    """The page offers more points from the note's code, never by searching its words (which may change)."""
    import pickle

    from embeddings.reduce import too_few_points

    rows = vectors[:points] if points <= len(vectors) else glove.vectors[:points]  # WORDS has only 16
    notes = reduce(rows, ReductionParams(method=method)).notes
    assert too_few_points(notes) is few
    assert too_few_points(pickle.loads(pickle.dumps(notes))) is few  # st.cache_data pickles scenes
