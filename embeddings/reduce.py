"""PCA, t-SNE and UMAP behind one call, with parameters clamped to what the points allow and a fixed seed.

Every method works on unit-length vectors, so that distances in the picture follow cosine similarity,
the measure the neighbours and analogies use. Same inputs and settings give the same coordinates.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import Enum

import numpy as np

METHODS = ("pca", "tsne", "umap")  # the reductions: compare and stones pages offer these
PROJECTIONS = ("dimensions", "axes")  # no reduction: chosen numbers of each vector, or named directions
ALL_METHODS = METHODS + PROJECTIONS  # what the explorer offers (embeddings/projections.py draws the last two)
METHOD_TITLES = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP", "dimensions": "Raw dimensions",
                 "axes": "Meaning axes"}
UMAP_METRICS = ("cosine", "euclidean", "correlation", "manhattan")
SEED = 42
FEW_POINTS = 19  # at or below this (fewer than about 20 words), t-SNE and UMAP have too little to work with


@dataclass(frozen=True)
class ReductionParams:
    """The settings that determine a picture; hashable so results can be cached on it."""

    method: str = "pca"
    dims: int = 2
    perplexity: float = 30.0
    n_neighbors: int = 15
    min_dist: float = 0.1
    metric: str = "cosine"
    seed: int = SEED

    def __post_init__(self) -> None:
        if self.method not in ALL_METHODS:
            raise ValueError(f"method must be one of {', '.join(ALL_METHODS)}, not {self.method!r}")
        if self.dims not in (2, 3):
            raise ValueError(f"dims must be 2 or 3, not {self.dims!r}")
        if self.metric not in UMAP_METRICS:
            raise ValueError(f"metric must be one of {', '.join(UMAP_METRICS)}, not {self.metric!r}")
        if not 0.0 <= self.min_dist <= 1.0:
            raise ValueError(f"min_dist must be between 0 and 1, not {self.min_dist!r}")
        if self.perplexity <= 0 or self.n_neighbors < 2:
            raise ValueError("perplexity must be positive and n_neighbors at least 2")


class NoteCode(Enum):
    """What a note is about, for a page to act on (never by reading the note's words)."""

    INFO = "info"
    TOO_FEW_POINTS = "too-few-points"  # t-SNE or UMAP has too few points to learn from: more points would help


class Note(str):
    """A sentence for the reader about the picture, carrying its code."""

    code: NoteCode

    def __new__(cls, text: str, code: NoteCode = NoteCode.INFO) -> Note:
        note = super().__new__(cls, text)
        note.code = code
        return note

    def __reduce__(self):  # cached scenes are pickled: keep the code
        return Note, (str(self), self.code)


def too_few_points(notes: Iterable[str]) -> bool:
    """Whether the picture was drawn from too few points for its method (the page then offers more)."""
    return any(getattr(note, "code", None) is NoteCode.TOO_FEW_POINTS for note in notes)


@dataclass
class Reduction:
    coords: np.ndarray  # (n, dims)
    axis_titles: list[str]
    params: ReductionParams  # as actually used, after clamping
    notes: list[str] = field(default_factory=list)  # what the reader should know about this picture
    projection: tuple[np.ndarray, np.ndarray] | None = None  # PCA's (mean, components): places new points


def clamped_settings(asked: ReductionParams, used: ReductionParams) -> list[str]:
    """The settings a slider shows that the picture did not use, each with the value it used instead."""
    said = []
    if used.method == "tsne" and used.perplexity != asked.perplexity:
        said.append(f"Perplexity used: {used.perplexity:g} (the slider's {asked.perplexity:g} is too many for "
                    "these points)")
    if used.method == "umap" and used.n_neighbors != asked.n_neighbors:
        said.append(f"n_neighbors used: {used.n_neighbors} (the slider's {asked.n_neighbors} is more than these "
                    "points allow)")
    return said


def clamp(params: ReductionParams, n_points: int) -> tuple[ReductionParams, list[Note]]:
    """Fit the parameters to the number of points, saying what changed and why."""
    notes: list[Note] = []
    if params.method == "tsne":
        limit = max(1.0, (n_points - 1) / 3)
        if params.perplexity > limit:
            notes.append(Note(
                f"t-SNE perplexity lowered from {params.perplexity:g} to {limit:.3g}: it must stay well below "
                f"the number of points ({n_points})."
            ))
            params = replace(params, perplexity=round(limit, 3))
    if params.method == "umap":
        limit = max(2, n_points - 1)
        if params.n_neighbors > limit:
            notes.append(Note(
                f"UMAP n_neighbors lowered from {params.n_neighbors} to {limit}: there are only {n_points} points."
            ))
            params = replace(params, n_neighbors=limit)
    if params.method in ("tsne", "umap") and n_points <= FEW_POINTS:
        notes.append(Note(
            f"{METHOD_TITLES[params.method]} learns the shape of the data from each point's neighbours; with "
            f"{n_points} points it has almost nothing to learn from, so distances in this picture mean little. "
            "Add neighbours or the vocabulary context, or use PCA.", NoteCode.TOO_FEW_POINTS,
        ))
    return params, notes


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


Fit = Callable[[np.ndarray, "ReductionParams"], np.ndarray]


def fit_stochastic(x: np.ndarray, params: ReductionParams) -> np.ndarray:
    """The t-SNE or UMAP coordinates of unit rows `x` with settings already clamped: the one step that needs the
    heavy libraries, so a server can run it in a process of its own (embeddings/fit_worker.py)."""
    return _tsne(x, params) if params.method == "tsne" else _umap(x, params)


def reduce(vectors: np.ndarray, params: ReductionParams, fit: Fit = fit_stochastic) -> Reduction:
    """Reduce the rows of `vectors` to `params.dims` coordinates; `fit` does t-SNE and UMAP (in this process by
    default)."""
    if params.method in PROJECTIONS:
        raise ValueError(f"{params.method} is not a reduction: embeddings.projections draws it")
    x = unit_rows(vectors)
    n = x.shape[0]
    if params.method != "pca" and n <= 3:
        notes = [Note(f"{METHOD_TITLES[params.method]} needs at least 4 points; these {n} are placed by PCA. "
                      "Add words, neighbours or the vocabulary context.", NoteCode.TOO_FEW_POINTS)]
        return _pca(x, replace(params, method="pca"), notes)
    params, notes = clamp(params, n)
    if n == 0:
        return Reduction(np.zeros((0, params.dims)), default_axis_titles(params), params, notes)
    if params.method == "pca":
        return _pca(x, params, notes)
    return Reduction(np.asarray(fit(x, params)), default_axis_titles(params), params, notes)


def default_axis_titles(params: ReductionParams) -> list[str]:
    return [f"{METHOD_TITLES[params.method]} {i + 1}" for i in range(params.dims)]


def _pca(x: np.ndarray, params: ReductionParams, notes: list[str]) -> Reduction:
    """PCA that still answers for fewer points than dimensions: missing components are zero."""
    n, dims = x.shape[0], params.dims
    k = min(dims, max(n - 1, 1), x.shape[1])
    components = np.zeros((dims, x.shape[1]))
    ratios = np.zeros(dims)
    mean = x.mean(axis=0)
    if n >= 2:
        components[:k], ratios[:k] = principal_axes(x, k)
    titles = [f"PC{i + 1} ({ratios[i]:.1%} of variance)" for i in range(dims)]
    return Reduction((x - mean) @ components.T, titles, params, notes, projection=(mean, components))


def principal_axes(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The first `k` principal axes of the rows of `x` and the share of the variance each explains.

    This is scikit-learn's PCA (its exact solvers and its sign convention: each axis's largest entry is
    positive) in a few lines of numpy, because importing scikit-learn costs a reader's first figure 0.3 s.
    Where scikit-learn would switch to its randomized solver (more than 500 points and features, few
    components), the exact one is kept: a few milliseconds more for our sizes, and no random state.
    """
    n, d = x.shape
    mean = x.mean(axis=0)
    if d <= 1_000 and n >= 10 * d:  # tall and skinny: the eigenvectors of the d x d covariance matrix
        covariance = (x.T @ x - n * np.outer(mean, mean)) / (n - 1)
        values, vectors = np.linalg.eigh(covariance)
        variances, axes = np.clip(values[::-1], 0.0, None), vectors[:, ::-1].T
    else:
        _, singular, axes = np.linalg.svd(x - mean, full_matrices=False)
        variances = singular**2 / (n - 1)
    axes = axes * np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])[:, np.newaxis]
    total = variances.sum()
    return axes[:k], (variances[:k] / total if total > 0 else np.zeros(k))


def _tsne(x: np.ndarray, params: ReductionParams) -> np.ndarray:
    """openTSNE's Barnes-Hut: several times faster than scikit-learn's here, in 2D and 3D, and deterministic."""
    from embeddings.heavy_imports import load

    tsne = load("openTSNE").TSNE(
        n_components=params.dims,
        perplexity=params.perplexity,
        metric="cosine",
        initialization="pca",
        negative_gradient_method="bh",
        random_state=params.seed,
        n_jobs=1,  # a server runs several readers' requests on two cores: two threads each only wait on each other
        verbose=False,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.asarray(tsne.fit(x))


def _umap(x: np.ndarray, params: ReductionParams) -> np.ndarray:
    from embeddings.heavy_imports import load

    umap = load("umap")

    reducer = umap.UMAP(
        n_components=params.dims,
        n_neighbors=params.n_neighbors,
        min_dist=params.min_dist,
        metric=params.metric,
        random_state=params.seed,
        init="spectral" if x.shape[0] > params.dims + 10 else "pca",
        n_jobs=1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # n_jobs overridden by random_state, graph not connected: both expected
        return reducer.fit_transform(x)
