"""The explorer's controls: seeded once from the URL, read back into a ViewState on every run.

Widgets keep their values in st.session_state under the keys below; the URL is written from the resulting
state after each run, so a copied link always reproduces the picture on screen.
"""
from __future__ import annotations

import streamlit as st

from embeddings import catalogue, models
from embeddings.context import CONTEXT_SIZES
from embeddings.neighbours import MAX_NEIGHBOURS
from embeddings.projections import AXIS_NAMES, DEFAULT_DIRECTIONS
from embeddings.reduce import ALL_METHODS, METHOD_TITLES, UMAP_METRICS
from embeddings.saved_figures import SavedFigureError, expand_query
from embeddings.url_state import ViewState, from_query, to_query
from embeddings.words import format_words
from ui.navigation import page_links

SEEDED = "_explorer_seeded"
NOTICES = "_explorer_url_notices"


def seed_from_url() -> ViewState:
    """Parse the URL once per session and put its values into the widgets' state; a saved figure's link
    (`?figure=NAME`) gives that figure's settings."""
    if SEEDED not in st.session_state:
        try:
            params, unknown = expand_query(st.query_params.to_dict())
        except SavedFigureError as error:  # a damaged figures file: say so, show the rest of the URL
            params, unknown = {k: v for k, v in st.query_params.to_dict().items() if k != "figure"}, [str(error)]
        state, notices = from_query(params)
        st.session_state[NOTICES] = unknown + notices
        st.session_state[SEEDED] = state
        _put(state)
    return st.session_state[SEEDED]


def url_notices() -> list[str]:
    return st.session_state.get(NOTICES, [])


def _put(state: ViewState) -> None:
    st.session_state.w_words = format_words(state.words)
    st.session_state.w_model = state.model
    st.session_state.w_method = state.method
    st.session_state.w_dims = state.dims
    st.session_state.w_neighbours = state.neighbours
    st.session_state.w_context = state.context
    st.session_state.w_analogy = state.analogy
    st.session_state.w_perplexity = float(state.perplexity)
    st.session_state.w_n_neighbors = state.n_neighbors
    st.session_state.w_min_dist = float(state.min_dist)
    st.session_state.w_metric = state.metric
    st.session_state.w_focus = state.focus
    dimensions = state.dimensions + tuple(n for n in (1, 2, 3) if n not in state.dimensions)
    for i, axis in enumerate(AXIS_NAMES):
        st.session_state[f"w_dimension_{axis}"] = dimensions[i]
        st.session_state[f"w_axis_{axis}"] = (state.x, state.y, state.z)[i]
    st.session_state.w_trust = state.trust == "on"


def _projection_fields(method: str, dims: int) -> dict:
    """The widgets' dimensions (method=dimensions) and directions (method=axes) as ViewState fields."""
    get = st.session_state.get
    fields = {axis: " ".join(get(f"w_axis_{axis}", default).split())
              for axis, default in zip(AXIS_NAMES, DEFAULT_DIRECTIONS)}
    if method == "dimensions":
        fields["axes"] = tuple(int(get(f"w_dimension_{axis}", i + 1)) for i, axis in enumerate(AXIS_NAMES[:dims]))
    return fields


def current_state() -> tuple[ViewState, str]:
    """The state the controls hold (seeded from the URL, then as the reader set them) and the words as typed,
    read before the controls are drawn: the page draws the figure first and the sidebar after it, so that the
    reader's browser gets the figure first.

    The words are parsed by the page, with the chosen model's conventions; focus is chosen beside the figure.
    """
    ready = models.ready_names()
    if st.session_state.w_model not in ready:
        st.session_state.w_model = catalogue.DEFAULT_MODEL
    get = st.session_state.get
    state = ViewState(
        model=st.session_state.w_model,
        method=st.session_state.w_method,
        dims=st.session_state.w_dims,
        neighbours=st.session_state.w_neighbours,
        context=st.session_state.w_context,
        focus=get("w_focus", ""),
        view="full",
        analogy=" ".join(st.session_state.w_analogy.split()),
        perplexity=st.session_state.w_perplexity,
        n_neighbors=st.session_state.w_n_neighbors,
        min_dist=st.session_state.w_min_dist,
        metric=st.session_state.w_metric,
        **_projection_fields(st.session_state.w_method, st.session_state.w_dims),
        trust="on" if get("w_trust", True) else "off",
    )
    return state, st.session_state.w_words


def sidebar() -> tuple[ViewState, str]:
    """Draw the controls (after the figure: see `current_state`); return the state they describe and the words
    as typed, the same as `current_state` gave before them."""
    ready = models.ready_names()
    if st.session_state.w_model not in ready:
        st.session_state.w_model = catalogue.DEFAULT_MODEL
    with st.sidebar:
        page_links()
        st.divider()
        model = st.selectbox(
            "Model", ready, key="w_model", format_func=lambda n: f"{n} ({catalogue.get_spec(n).dims}d)",
            help="Only models that are ready on this server are listed.",
        )
        words = st.text_area(
            "Words", key="w_words", height=110,
            help='Separate words with commas, spaces or new lines; "quote a phrase". At most 200 words.',
        )
        analogy = st.text_input("Analogy", key="w_analogy", placeholder="king - man + woman", max_chars=200)
        method = st.radio("Method", ALL_METHODS, key="w_method", format_func=METHOD_TITLES.get, horizontal=True,
                          help="A reduction (PCA, t-SNE, UMAP); chosen numbers of each vector (Raw dimensions); "
                               "or directions of meaning (Meaning axes).")
        dims = st.radio("Dimensions", (2, 3), key="w_dims", format_func=lambda d: f"{d}D", horizontal=True)
        if method == "dimensions":
            size = catalogue.get_spec(model).dims or None
            columns = st.columns(dims)
            for column, axis in zip(columns, AXIS_NAMES[:dims]):
                key = f"w_dimension_{axis}"
                if size and st.session_state.get(key, 1) > size:  # another model, fewer dimensions
                    st.session_state[key] = AXIS_NAMES.index(axis) + 1
                column.number_input(f"{axis}: dimension", 1, size, key=key, step=1,
                                    help=f"Numbered from 1{f' to {size}' if size else ''}.")
        if method == "axes":
            for axis in AXIS_NAMES[:dims]:
                st.text_input(f"{axis} axis", key=f"w_axis_{axis}", max_chars=200,
                              help="A direction, written like the analogy: woman - man; several pairs, "
                                   "averaged: woman - man, queen - king; or one word.")
        if method == "tsne":
            st.slider("Perplexity", 1.0, 100.0, key="w_perplexity", step=0.5,
                      help="Roughly how many neighbours each point pays attention to.")
        if method == "umap":
            st.slider("n_neighbors", 2, 100, key="w_n_neighbors",
                      help="Small values keep local detail, large values the global shape.")
            st.slider("min_dist", 0.0, 1.0, key="w_min_dist", step=0.05,
                      help="How tightly UMAP may pack points together.")
            st.selectbox("Metric", UMAP_METRICS, key="w_metric")
        neighbours = st.slider("Add nearest neighbours of each word", 0, MAX_NEIGHBOURS, key="w_neighbours")
        context = st.select_slider(
            "Vocabulary context (most frequent words)", CONTEXT_SIZES, key="w_context",
            format_func=lambda n: "none" if n == 0 else f"{n:,}",
            help="Lay the words out among the most frequent words of the model, drawn faint.",
        )
        trust = st.toggle("Outline how far each position can be trusted", key="w_trust",
                          help="Dark outline: the word's nearest words in the full vectors are also its nearest on "
                               "screen; pale: they are not. Off for clean figures (link key trust=off).")
    state = ViewState(
        model=model,
        method=method,
        dims=dims,
        neighbours=neighbours,
        context=context,
        focus=st.session_state.get("w_focus", ""),
        view="full",
        analogy=" ".join(analogy.split()),
        perplexity=st.session_state.w_perplexity,
        n_neighbors=st.session_state.w_n_neighbors,
        min_dist=st.session_state.w_min_dist,
        metric=st.session_state.w_metric,
        **_projection_fields(method, dims),
        trust="on" if trust else "off",
    )
    return state, words


def write_url(state: ViewState) -> None:
    """Keep the address bar in step with the picture (Streamlit keeps its own `embed` keys by itself)."""
    query = to_query(state)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)

