"""Everything one picture needs, computed from validated settings: points, groups, notes and tables.

The page asks for a scene and draws it; nothing here knows about Streamlit, so the whole path from words to
coordinates is tested without a browser, and the same call is benchmarked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from embeddings import trust
from embeddings.context import CONTEXT_SIZES, context_words, is_ready, load_or_fit
from embeddings.neighbours import Analogy, nearest_many, solve_analogy
from embeddings.projections import Projection, project
from embeddings.reduce import Fit, ReductionParams, clamp, fit_stochastic, reduce
from embeddings.trust import Trust
from embeddings.vectors import WordVectors

if TYPE_CHECKING:
    import pandas as pd

    from embeddings.url_state import ViewState

GROUPS = ("entered", "neighbour", "analogy", "context")  # drawing order, and priority when a word is in two
HOVER_NEIGHBOURS = 5
ANALOGY_RESULTS = 3
# t-SNE and UMAP take seconds per thousand points on this kind of server (PCA takes milliseconds for any
# number): a reader's request lays out at most this many, which bounds it to about ten seconds.
MAX_STOCHASTIC_POINTS = 2000


@dataclass(frozen=True)
class SceneRequest:
    """Hashable: the page caches scenes on it."""

    model: str
    words: tuple[str, ...]  # known words only
    params: ReductionParams = ReductionParams()
    neighbours: int = 0
    context: int = 0
    analogy: Analogy | None = None
    projection: Projection | None = None  # raw dimensions or meaning axes instead of a reduction
    lowercase: bool = False  # the model's case convention, for reading the meaning axes' expressions
    key_prefix: str = ""  # the model's key prefix, for its most frequent plain words (context)


def request_for(state: ViewState, known: list[str] | tuple[str, ...], analogy: Analogy | None) -> SceneRequest:
    """The scene a view's settings ask for, with the words the model knows: one place for the explorer page,
    the saved figures and the command line."""
    from embeddings.catalogue import get_spec

    spec = get_spec(state.model)
    params = ReductionParams(method=state.method, dims=state.dims, perplexity=state.perplexity,
                             n_neighbors=state.n_neighbors, min_dist=state.min_dist, metric=state.metric)
    return SceneRequest(state.model, tuple(known), params, state.neighbours, state.context, analogy,
                        state.projection, spec.lowercase, spec.key_prefix)


NeighbourRow = tuple[str, int, str, float]  # word, rank, neighbour, similarity (rounded to 4 digits)
NEIGHBOUR_COLUMNS = ("word", "rank", "neighbour", "similarity")


@dataclass
class Scene:
    """The points as plain columns (row i: `words[i]` in `groups[i]` at `coords[i]`).

    Plain lists and an array, not a DataFrame: drawing a scene must not import pandas, a quarter of a second
    of a reader's first figure (bench/bench_browser.py). `points` and `neighbour_table` build the DataFrames
    for the tables and exports that want them.
    """

    words: list[str]
    groups: list[str]
    coords: np.ndarray  # (n, dims)
    hover: list[str]
    axis_titles: list[str]
    params: ReductionParams
    notes: list[str] = field(default_factory=list)
    neighbour_rows: list[NeighbourRow] = field(default_factory=list)
    analogy_results: list[tuple[str, float]] = field(default_factory=list)
    measured: bool = False  # the axes have units (raw numbers, cosines): drawn with their numbers and zero
    trust: Trust | None = None  # how far each position can be trusted (embeddings/trust.py)

    @property
    def axes(self) -> list[str]:
        return ["x", "y", "z"][: self.coords.shape[1]]

    def rows_of(self, *groups: str) -> list[int]:
        """The rows of the points in any of `groups`, in scene order."""
        return [i for i, group in enumerate(self.groups) if group in groups]

    @cached_property
    def points(self) -> pd.DataFrame:
        """Columns word, group, x, y[, z], hover."""
        import pandas as pd

        points = pd.DataFrame({"word": self.words, "group": self.groups})
        for i, axis in enumerate(self.axes):
            points[axis] = self.coords[:, i]
        points["hover"] = self.hover
        return points

    @cached_property
    def neighbour_table(self) -> pd.DataFrame:
        """Columns word, rank, neighbour, similarity."""
        import pandas as pd

        return pd.DataFrame(self.neighbour_rows, columns=list(NEIGHBOUR_COLUMNS))

    def coordinates_of(self, word: str) -> dict[str, float] | None:
        if word not in self.words:
            return None
        row = self.coords[self.words.index(word)]
        return {title: float(value) for title, value in zip(self.axis_titles, row)}


@dataclass
class Neighbourhood:
    """The words to draw and what hovering them shows: independent of the layout, so cached apart from it.

    Switching method or dimensions reuses it; only new words, neighbours or analogies recompute it.
    """

    labelled: list[tuple[str, str]]  # (word, group), each word once
    hover: list[str]
    neighbour_rows: list[NeighbourRow]
    analogy_results: list[tuple[str, float]]


def find_neighbourhood(kv: WordVectors, request: SceneRequest) -> Neighbourhood:
    words = list(request.words)
    hover_of = nearest_many(kv, words, max(request.neighbours, HOVER_NEIGHBOURS))
    neighbour_rows = _neighbour_rows(hover_of, request.neighbours)
    analogy_results: list[tuple[str, float]] = []
    if request.analogy is not None:
        analogy_results = solve_analogy(kv, request.analogy, topn=ANALOGY_RESULTS)
        hover_of.update(nearest_many(kv, [w for w, _ in analogy_results], HOVER_NEIGHBOURS))
    labelled = _grouped_words(words, neighbour_rows, request.analogy, analogy_results)
    hover = [_hover(word, group, hover_of, neighbour_rows) for word, group in labelled]
    return Neighbourhood(labelled, hover, neighbour_rows, analogy_results)


def build_scene(kv: WordVectors, request: SceneRequest, neighbourhood: Neighbourhood | None = None, *,
                store_maps: bool = True, fit: Fit = fit_stochastic) -> Scene:
    """`fit` runs t-SNE and UMAP: in this process, or a server's fit worker (embeddings/fit_worker.py)."""
    hood = neighbourhood or find_neighbourhood(kv, request)
    if request.projection is not None:
        return _projected_scene(kv, request, hood)
    labelled, hover = list(hood.labelled), list(hood.hover)
    notes: list[str] = []
    context = request.context
    if context > MAX_STOCHASTIC_POINTS and request.params.method != "pca" and not is_ready(
            request.model, context, request.params):
        # fitting a larger t-SNE or UMAP map takes minutes: only an operator does it (`embeddings warm`)
        context = max(n for n in CONTEXT_SIZES if n <= MAX_STOCHASTIC_POINTS)
        method = "UMAP" if request.params.method == "umap" else "t-SNE"
        notes.append(f"The map of the {request.context:,} most frequent words with these {method} settings is not "
                     f"prepared on this server, and fitting it would take minutes: shown among {context:,} words. "
                     "PCA has no such limit.")
    if context:
        context_map = load_or_fit(kv, request.model, context, request.params, store=store_maps, fit=fit)
        coords = context_map.place(kv, [w for w, _ in labelled])
        drawn = {w for w, _ in labelled}
        context_only = [w for w in context_map.words if w not in drawn]
        if context_only:
            coords = np.vstack([coords, context_map.place(kv, context_only)])
        labelled += [(w, "context") for w in context_only]
        hover += ["context"] * len(context_only)
        axis_titles, params = context_map.axis_titles, request.params
        notes += clamp(request.params, len(context_map.words))[1]
        notes.append(
            f"Laid out among the {len(context_map.words):,} most frequent words of the model (grey); "
            "the entered words are placed in that map."
        )
    else:
        labelled, hover, dropped = _within_budget(labelled, hover, request.params.method, hood.neighbour_rows)
        if dropped:
            notes.append(f"{request.params.method.upper() if request.params.method == 'umap' else 't-SNE'} lays out "
                         f"at most {MAX_STOCHASTIC_POINTS:,} points here: {dropped:,} neighbours were left out "
                         "(the farthest first). Choose fewer neighbours or words, or PCA, which has no such limit.")
        reduction = reduce(kv[[w for w, _ in labelled]], request.params, fit)
        coords, axis_titles, params = reduction.coords, reduction.axis_titles, reduction.params
        notes += reduction.notes

    words = [w for w, _ in labelled]
    coords = np.asarray(coords, dtype=float)
    return Scene(words, [g for _, g in labelled], coords, hover, axis_titles, params, notes,
                 list(hood.neighbour_rows), hood.analogy_results, trust=_trust(kv, words, coords, labelled))


def _projected_scene(kv: WordVectors, request: SceneRequest, hood: Neighbourhood) -> Scene:
    """Raw dimensions or meaning axes: every point placed on its own, so the context needs no fitted map."""
    labelled, hover = list(hood.labelled), list(hood.hover)
    notes: list[str] = []
    if request.context:
        drawn = {w for w, _ in labelled}
        context = context_words(kv, request.context, request.key_prefix)
        context_only = [w for w in context if w not in drawn]
        labelled += [(w, "context") for w in context_only]
        hover += ["context"] * len(context_only)
        notes.append(f"Drawn among the {len(context):,} most frequent words of the model (grey).")
    coords, titles, projection_notes = project(kv, [w for w, _ in labelled], request.projection,
                                               lowercase=request.lowercase)
    words = [w for w, _ in labelled]
    return Scene(words, [g for _, g in labelled], coords, hover, titles, request.params,
                 notes + projection_notes, list(hood.neighbour_rows), hood.analogy_results, measured=True,
                 trust=_trust(kv, words, np.asarray(coords, dtype=float), labelled))


def _trust(kv: WordVectors, words: list[str], coords: np.ndarray, labelled: list[tuple[str, str]]) -> Trust | None:
    """How far each position can be trusted; context maps measure the labelled words (embeddings/trust.py)."""
    return trust.measure(kv[words], coords, labelled=[i for i, (_, g) in enumerate(labelled) if g != "context"])


def _within_budget(labelled: list[tuple[str, str]], hover: list[str], method: str,
                   neighbour_rows: list[NeighbourRow]) -> tuple[list[tuple[str, str]], list[str], int]:
    """Keep every entered and analogy word and as many neighbours as the method's budget allows: the
    nearest ranks of every word first (each word's 1st neighbour, then each word's 2nd, ...)."""
    if method == "pca" or len(labelled) <= MAX_STOCHASTIC_POINTS:
        return labelled, hover, 0
    room = MAX_STOCHASTIC_POINTS - sum(group != "neighbour" for _, group in labelled)
    best_rank: dict[str, int] = {}
    for _, rank, neighbour, _ in neighbour_rows:
        best_rank[neighbour] = min(rank, best_rank.get(neighbour, rank))
    neighbours = sorted((best_rank.get(word, 0), index) for index, (word, group) in enumerate(labelled)
                        if group == "neighbour")
    keep = {index for _, index in neighbours[:max(room, 0)]}
    kept = [(pair, text) for index, (pair, text) in enumerate(zip(labelled, hover))
            if pair[1] != "neighbour" or index in keep]
    return [pair for pair, _ in kept], [text for _, text in kept], len(neighbours) - len(keep)


def _neighbour_rows(nearest: dict[str, list[tuple[str, float]]], k: int) -> list[NeighbourRow]:
    return [(word, rank, other, round(sim, 4))
            for word, found in nearest.items() for rank, (other, sim) in enumerate(found[:k], start=1)]


def _grouped_words(
    words: list[str], neighbour_rows: list[NeighbourRow], analogy: Analogy | None, results: list[tuple[str, float]]
) -> list[tuple[str, str]]:
    """Each word once, in the first group that claims it: entered, then analogy, then neighbour."""
    labelled: dict[str, str] = {w: "entered" for w in words}
    if analogy is not None:
        for w in (*analogy.positive, *analogy.negative):
            labelled.setdefault(w, "entered")
        for w, _ in results[:1]:
            labelled[w] = "analogy"  # the answer stands out even when it was also typed
    for _, _, w, _ in neighbour_rows:
        labelled.setdefault(w, "neighbour")
    return list(labelled.items())


def _hover(word: str, group: str, hover_of: dict, neighbour_rows: list[NeighbourRow]) -> str:
    if word in hover_of:
        near = ", ".join(f"{w} ({s:.2f})" for w, s in hover_of[word][:HOVER_NEIGHBOURS])
        return f"nearest: {near}"
    if group == "neighbour":
        return "neighbour of " + ", ".join(f"{of} ({sim:.2f})" for of, _, neighbour, sim in neighbour_rows
                                           if neighbour == word)
    return group
