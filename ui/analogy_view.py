"""The explorer's Analogy tab: the reader's analogy with its baselines, beside the model's own scores on the
standard test set (embeddings/analogy_baselines.py, embeddings/analogy_scores.py)."""
from __future__ import annotations

import html

import streamlit as st

from embeddings.analogy_baselines import AnalogyReport, Candidate, explain
from embeddings.analogy_scores import AnalogyScores, cached
from embeddings.neighbours import Analogy
from embeddings.words import markdown_code, markdown_text
from ui import resources


@st.cache_data(max_entries=256, show_spinner=False)
def report(model: str, analogy: Analogy) -> AnalogyReport:
    return explain(resources.model(model), analogy)


@st.cache_resource(show_spinner="Scoring this model on the 19,544 analogy questions (once per model)…")
def scores(model: str) -> AnalogyScores:
    """Once per model and server: read from cache/analogies/, or computed there (seconds) by the first reader
    who opens the tab (`python -m embeddings analogies --model M` prepares it before readers come)."""
    return cached(resources.model(model), model)


def candidates_table(title: str, rows: tuple[Candidate, ...], *, mark: str = "") -> str:
    """A small markdown table: light, no dataframe component for the tab a link opens on."""
    lines = [f"| {title} | similarity |", "|:--|--:|"]
    for c in rows:
        word = markdown_text(c.word)
        if c.is_input:
            word = f"{word} *(query word)*"
        elif c.word == mark:
            word = f"**{word}**"
        lines.append(f"| {c.rank}. {word} | {c.similarity:.3f} |")
    return "\n".join(lines)


def scores_sentence(result: AnalogyScores) -> str:
    total = result.total
    return (f"On the standard test set (Mikolov et al.'s {total.questions:,} questions within this model's "
            f"first {result.restrict:,} words, such as *athens - greece + norway*), this model answers "
            f"**{total.left_out_accuracy:.0%}** right with the query words left out, as here; "
            f"**{total.left_in_accuracy:.0%}** with them left in; and **{total.baseline_accuracy:.0%}** with no "
            "offset at all, taking the nearest word of the last word alone.")


def show(model: str, analogy: Analogy) -> None:
    try:
        result = report(model, analogy)
    except KeyError as error:
        st.warning(f"Analogy not explained: {html.escape(str(error).strip(chr(39)))}.")
        return
    answer = result.answer.word if result.answer else "?"
    st.markdown(f"{markdown_code(str(analogy))} ≈ **{markdown_text(answer)}**")
    st.info(markdown_text(result.verdict), icon=":material/balance:")
    left, middle, right = st.columns(3)
    left.markdown(candidates_table("query words left out", result.answers, mark=answer))
    middle.markdown(candidates_table("query words left in", result.with_inputs, mark=answer))
    right.markdown(candidates_table(f"nearest to {markdown_text(result.last_word)} alone", result.last_neighbours,
                                    mark=answer))
    st.caption(scores_sentence(scores(model)))
