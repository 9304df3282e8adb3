"""One word in many sentences (/contexts): the word's vector in each sentence from the model's last layer, beside
its one fixed input vector. UI only; the logic lives in `inside/contexts/`."""
from __future__ import annotations

import html
from dataclasses import replace
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from embeddings.reduce import METHOD_TITLES, ReductionParams, reduce
from inside import share
from inside.contexts.figure import contexts_figure, input_figure, snippet
from inside.contexts.geometry import describe, nearest_sentences, separation
from inside.contexts.sentences import EXAMPLES, WordInSentences, example, parse_lines
from inside.contexts.sources import ContextVectors, NotAvailable
from inside.contexts.url_state import to_query
from ui import figure_export
from ui.contexts import controls
from ui.contexts import resources as contexts_resources
from ui.navigation import page_links
from ui.resources import fit
from ui.screen_reader import screen_reader_text

EMBEDDED_HEIGHT = 520
NEAREST_WORDS = 5
sources, setup_problem = contexts_resources.sources()
state = controls.state()
figure_only = state.view == "figure"


def sentences_of(current) -> tuple[WordInSentences, list[str]]:
    if not current.sentences and current.word in EXAMPLES:
        return example(current.word), []
    return parse_lines(current.word, current.sentences)


def nearest_words(kv, vectors: np.ndarray) -> list[list[tuple[str, float]]]:
    if kv is None:
        return [[] for _ in vectors]
    return [kv.most_similar(np.asarray(v, dtype=np.float32), topn=NEAREST_WORDS) for v in vectors]


def hover_lines(found: WordInSentences, vectors: np.ndarray, words: list[list[tuple[str, float]]]) -> list[str]:
    close = nearest_sentences(vectors)
    lines = []
    for i, near in enumerate(close):
        parts = ["closest: " + "; ".join(f"{snippet(found.word, found.sentences[j].text)} ({c:.2f})" for j, c in near)]
        if words[i]:
            parts.append("nearest input words: " + ", ".join(w for w, _ in words[i]))
        lines.append("<br>".join(parts))
    return lines


def points_table(found: WordInSentences, got: ContextVectors, words) -> pd.DataFrame:
    close = nearest_sentences(got.vectors)
    return pd.DataFrame({
        "sense": [s.sense for s in found.sentences],
        "sentence": [s.text for s in found.sentences],
        "tokens of the word": [" + ".join(repr(t) for t in tokens) for tokens in got.tokens],
        "closest sentences (cosine)": ["; ".join(f"{j + 1} ({c:.2f})" for j, c in near) for near in close],
        "nearest input words": [", ".join(w for w, _ in found_words) for found_words in words],
    }, index=pd.RangeIndex(1, len(found.sentences) + 1))


def static_panel(current, kv, kv_problem: str, *, height: int):
    """The word's one input vector among its nearest: the figure, or the reason there is none."""
    if kv is None:
        return None, f"The input vectors are not available here: {kv_problem}."
    key = next((k for k in (current.word, current.word.lower(), current.word.capitalize()) if k in kv), None)
    if key is None:
        return None, (f"“{current.word}” is not one whole-word token of Gemma's vocabulary: the model reads it as "
                      "pieces, so there is no single fixed vector for it.")
    near = kv.most_similar(key, topn=current.neighbors) if current.neighbors else []
    words = [key] + [w for w, _ in near]
    reduction = reduce(np.stack([kv.get_vector(w) for w in words]), ReductionParams(method=current.method), fit)
    fig = input_figure(key, words, reduction, [1.0] + [s for _, s in near], height=height,
                       title="" if figure_only else f"“{key}”: one input vector, whatever the sentence")
    return fig, (f"“{key}” has one input vector, the same in every sentence; its nearest input vectors: "
                 + ", ".join(f"{w} ({s:.2f})" for w, s in near) + ".")


def show_provenance(source: str) -> None:
    if "recorded" in source:
        st.markdown("**Recorded** from the real model; the recording and its provenance are in "
                    "`results/contexts-gemma3-270m.json` (re-record with `scripts/record_contexts.sh`).")
        st.json(sources.recording.provenance, expanded=True)
    if "live" in source:
        st.markdown("Vectors not in the recording were answered by the **live model server** the operator set up.")


def show_share(current, figures) -> None:
    base = (st.context.url or "http://localhost:8501/contexts").split("?")[0]
    st.markdown("**Link to this view**")
    st.code(share.page_url(base, to_query(current)), language=None)
    for name, fig, title in figures:
        if fig is None:
            continue
        st.markdown(f"**{title}**: embed it in a page (no controls; readers can still zoom and hover)")
        st.code(share.iframe_snippet(base, to_query(replace(current, figure=name)), title=title), language="html")
        figure_export.essay_exports(fig, f"contexts-{current.word}-{name}", key=f"contexts_export_{name}")


def main() -> None:
    current = controls.state()
    if not figure_only:
        with st.sidebar:
            page_links()
        st.title("One word in many sentences")
        st.caption(
            "The explorer shows one fixed vector per word. Inside a language model a word's vector depends on its "
            "sentence: here is Gemma 3 270M's last-layer vector of one word in each sentence, beside the one input "
            "vector the word has before the model reads anything."
        )
        for notice in controls.notices():
            st.warning(notice, icon=":material/link_off:")
        if setup_problem:
            st.warning(f"Page set-up: {setup_problem}.")
        st.pills("Examples", list(EXAMPLES), key="contexts_example", on_change=controls.picked_example)
        controls.inputs()
        current = controls.state()
        controls.write_url(current)
    try:
        found, notices = sentences_of(current)
    except ValueError as error:
        st.warning(f"No figure: {error}.")
        return
    for notice in [] if figure_only else notices:
        st.caption(notice)
    if len(found.sentences) < 2:
        st.info(f"Write at least two sentences that use “{found.word}”, one a line, or pick an example.")
        return
    try:
        with st.spinner("Reading the sentences with the model…"):
            got = sources.vectors(found)
    except NotAvailable as error:
        st.warning(f"No vectors for these sentences: {error}. The examples above still work.")
        return
    kv, kv_problem = contexts_resources.input_vectors()
    words = nearest_words(kv, got.vectors)
    reduction = reduce(got.vectors, ReductionParams(method=current.method), fit)
    height = EMBEDDED_HEIGHT if figure_only else 560
    fig = contexts_figure(found.word, found.sentences, reduction, hover_lines(found, got.vectors, words),
                          height=height, title="" if figure_only else f"“{found.word}” in each sentence: "
                          f"its last-layer vector ({METHOD_TITLES[reduction.params.method]})")
    sentence = describe(found.word, separation(got.vectors, [s.sense for s in found.sentences]))
    static_fig, static_text = static_panel(current, kv, kv_problem, height=height)
    if figure_only:
        shown, text = (static_fig, static_text) if current.figure == "input" else (fig, sentence)
        if shown is not None:
            st.plotly_chart(shown, key="contexts_figure", config={"displaylogo": False})
        screen_reader_text(text)
        full_view = urlencode(to_query(replace(current, view="full")))
        st.markdown(f'<a href="./contexts?{html.escape(full_view)}" target="_blank">Open in One word in many '
                    'sentences ↗</a>', unsafe_allow_html=True)
        return
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(fig, key="contexts_sentences", config=figure_export.config(
            f"contexts-{found.word}-contexts", "contexts_export_contexts"))
        st.markdown(sentence)
        for note in reduction.notes:
            st.caption(note)
    with right:
        if static_fig is not None:
            st.plotly_chart(static_fig, key="contexts_input", config=figure_export.config(
                f"contexts-{found.word}-input", "contexts_export_input"))
        st.caption(static_text + " This panel is another space (the model's input vectors), laid out on its own.")
    with st.expander("The points as a table"):
        st.dataframe(points_table(found, got, words))
    source_tab, share_tab = st.tabs(["Where this comes from", "Share & export"])
    with source_tab:
        show_provenance(got.source)
    with share_tab:
        show_share(current, [("contexts", fig, f"“{found.word}” in each sentence"),
                             ("input", static_fig, f"“{found.word}”: its one input vector")])


main()
