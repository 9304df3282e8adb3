"""The gallery (/gallery): the essay's saved figures (figures/saved.json), grouped by the essay's sections, each
with its caption, the figure as the explorer draws it today (or the essay's code block it is), and its stable
link. `?name=NAME` shows one figure alone.

UI only: the file and the re-creation of a figure are `embeddings.saved_figures`.
"""
from __future__ import annotations

import html

import numpy as np
import streamlit as st

from embeddings import catalogue, essay_blocks, saved_figures
from embeddings.figures import scatter
from embeddings.reduce import METHOD_TITLES
from embeddings.word_forms import display_label
from ui import figure_export, resources
from ui.navigation import page_links


def show(figure: saved_figures.SavedFigure, base: str) -> None:
    state = figure.state
    spec = catalogue.get_spec(state.model)
    st.subheader(figure.name)
    st.markdown(figure.caption)
    try:
        scene = resources.saved_scene(tuple(sorted(figure.settings.items())))
    except Exception as error:  # a model no longer ready, words it lost: a message, never a traceback
        st.error(f"This figure cannot be drawn on this server: {error}")
        return
    title = f"{state.model} · {METHOD_TITLES[state.method]} · {state.dims}D"
    fig = scatter(scene, title=title, height=520, label=lambda key: display_label(spec, key))
    key = f"g_export_{figure.name}"
    if figure.block:
        show_block(figure, scene)
    else:
        st.plotly_chart(fig, key=f"g_fig_{figure.name}", config=figure_export.config(figure.name, key))
    changes = saved_figures.moved(figure, scene)
    if changes:
        st.warning(f"Drawn today, this figure differs from the one saved ({len(changes)} changes, for example: "
                   f"{changes[0]}). `python -m embeddings figures check` lists them.")
    st.markdown(f'<a href=".{html.escape(figure.url)}" target="_self">Open in the word explorer</a> · '
                f"link: `{saved_figures.link(base, figure.name)}`", unsafe_allow_html=True)
    with st.expander("Export for the essay", icon=":material/ios_share:"):
        st.code(f'<iframe src="{html.escape(saved_figures.link(base, figure.name, embed=True))}" width="100%" '
                f'height="640" style="border:0" loading="lazy" title="{html.escape(figure.caption[:80])}"></iframe>',
                language="html")
        figure_export.essay_exports(fig, figure.name, key=key)
    st.divider()


def show_block(figure: saved_figures.SavedFigure, scene) -> None:
    """The essay's code block of the figure's focus word, in the model of the figure."""
    state = figure.state
    spec = catalogue.get_spec(state.model)
    vector = np.asarray(resources.model(state.model)[state.focus], dtype=float).tolist()
    word = display_label(spec, state.focus)
    if figure.block == saved_figures.Block.GRID:
        block = essay_blocks.grid_block(word, vector, list((scene.coordinates_of(state.focus) or {}).values()))
    else:
        block = essay_blocks.vector_block(word, state.model, vector)
    st.code(block, language="markdown", height=360 if block.count("\n") > 20 else "content")


def main() -> None:
    with st.sidebar:
        page_links()
    st.title("Saved figures")
    st.caption("The views kept for the essay, each re-created from its settings and checked against the points "
               "it was saved with. Each has a stable link.")
    try:
        figures = saved_figures.load_all()
    except saved_figures.SavedFigureError as error:
        st.error(str(error))
        return
    wanted = st.query_params.get("name")
    if wanted:
        figures = {wanted: figures[wanted]} if wanted in figures else {}
        if not figures:
            st.warning(f"No saved figure is called {wanted[:60]!r}.")
            return
    if not figures:
        st.info("No saved figures yet. The author saves one with "
                "`python -m embeddings figures save NAME URL --caption TEXT`, or from the explorer's "
                "Share & export tab when the app runs with EXPLORER_AUTHOR=1.")
        return
    base = (st.context.url or "http://localhost:8501").split("?")[0].rstrip("/").removesuffix("/gallery")
    for section, found in saved_figures.sections(figures).items():
        if not wanted:
            st.header(section, divider="gray")
        blocks = [f for f in found if f.block]
        if len(blocks) >= 2:  # code blocks side by side, as the essay's grid has them (GloVe beside Gemma)
            for column, figure in zip(st.columns(len(blocks[:2])), blocks[:2]):
                with column:
                    show(figure, base)
            found = [f for f in found if f not in blocks[:2]]
        for figure in found:
            show(figure, base)


main()
