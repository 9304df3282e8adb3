"""The explorer's Analogy tab: the reader's analogy with its baselines, beside the model's own scores on the
standard test set (embeddings/analogy_baselines.py, embeddings/analogy_scores.py)."""
from __future__ import annotations

import html
import threading
from dataclasses import dataclass

import streamlit as st

from embeddings.analogy_baselines import AnalogyReport, Candidate, explain
from embeddings.analogy_scores import AnalogyScores, cached_by_name, read_cached
from embeddings.neighbours import Analogy
from embeddings.words import markdown_code, markdown_text
from ui import resources
from ui.deployment import public_mode


@st.cache_data(max_entries=256, show_spinner=False)
def report(model: str, analogy: Analogy) -> AnalogyReport:
    return explain(resources.model(model), analogy)


@dataclass
class Scoring:
    """A model's scores being computed in the background: `result` once done, `error` if it failed."""

    result: AnalogyScores | None = None
    error: str = ""


@st.cache_resource(show_spinner=False)
def _scoring(model: str) -> Scoring:
    """Once per model and server, in a daemon thread: scoring takes from seconds to minutes on a busy machine,
    and no reader should wait for it (`python -m embeddings analogies --model M` prepares it before readers
    come). Stored in cache/analogies/ except on a public server, whose readers never write files."""
    # in the worker process that fits t-SNE and UMAP: scoring is numba code, which the server never imports
    job, store, worker = Scoring(), not public_mode(), resources.fit_worker()

    def run() -> None:
        try:
            job.result = worker.call(cached_by_name, model, store=store)
        except Exception as error:  # said on the page, never a traceback
            job.error = f"{type(error).__name__}: {error}"

    threading.Thread(target=run, name=f"analogy-scores-{model}", daemon=True).start()
    return job


def scores(model: str) -> Scoring:
    """The model's scores if they exist; else the background job that computes them."""
    found = read_cached(model)
    return Scoring(found) if found is not None else _scoring(model)


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
        found = report(model, analogy)
    except KeyError as error:
        st.warning(f"Analogy not explained: {html.escape(str(error).strip(chr(39)))}.")
        return
    answer = found.answer.word if found.answer else "?"
    st.markdown(f"{markdown_code(str(analogy))} ≈ **{markdown_text(answer)}**")
    st.info(markdown_text(found.verdict), icon=":material/balance:")
    left, middle, right = st.columns(3)
    left.markdown(candidates_table("query words left out", found.answers, mark=answer))
    middle.markdown(candidates_table("query words left in", found.with_inputs, mark=answer))
    right.markdown(candidates_table(f"nearest to {markdown_text(found.last_word)} alone", found.last_neighbours,
                                    mark=answer))
    job = scores(model)
    if job.result is not None:
        st.caption(scores_sentence(job.result))
    elif job.error:
        st.caption(f"This model's scores on the standard analogy test set could not be computed ({job.error}).")
    else:
        st.caption("This model's scores on the standard analogy test set are being computed on the server (once "
                   "per model); open this tab again in a minute to see them.")
