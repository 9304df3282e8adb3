"""With and without the working (/steps): the model's probability of the right answer, digit by digit, in four
contexts. UI only; the logic lives in `inside/steps/`."""
from __future__ import annotations

import html
from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from inside import share
from inside.steps.answers import StepsAnswer
from inside.steps.figure import answers_figure, answers_summary, digits_figure, digits_summary
from inside.steps.sources import NotAvailable
from inside.steps.url_state import to_query
from inside.steps.working import CONTEXTS, Problem, check_problem, wrong_line
from ui import figure_export
from ui.navigation import page_links
from ui.screen_reader import screen_reader_text
from ui.steps import controls
from ui.steps import resources as steps_resources

EMBEDDED_HEIGHT = 520  # the figure and its link inside the 640-pixel iframe of the embed snippet
sources, setup_problem = steps_resources.sources()
state = controls.state()
figure_only = state.view == "figure"


def label(problem: Problem) -> str:
    return f"{problem.a} x {problem.b}"


def examples() -> dict[str, Problem]:
    recording = sources.recording
    return {label(p): p for p in recording.examples} if recording else {}


def probability_table(found: StepsAnswer) -> pd.DataFrame:
    rows = []
    for context in CONTEXTS:
        answer = found.contexts[context]
        top, top_p = answer.likeliest[0] if answer.likeliest else ("", 0.0)
        rows.append({"context": context.title, f"P({found.problem.product}, right)": answer.right.probability,
                     f"P({found.problem.led_to}, where the wrong step leads)": answer.led_to.probability,
                     "likeliest answer": top, "its P": top_p})
    return pd.DataFrame(rows)


def digit_table(found: StepsAnswer) -> pd.DataFrame:
    """The right answer token by token: each digit's probability given the right digits before it."""
    right = str(found.problem.product)
    columns = [f"{i + 1}: {d}" for i, d in enumerate(right)] + ["end"]
    return pd.DataFrame([[c.title, *found.contexts[c].right.factors] for c in CONTEXTS],
                        columns=["context", *columns])


def show_contexts(found: StepsAnswer) -> None:
    for context in CONTEXTS:
        st.markdown(f"**{context.title}**")
        st.code(found.contexts[context].text + " …", language=None)


def show_provenance(source: str) -> None:
    if source == "live":
        st.markdown("Answered by the **live model server** the operator set up for this page.")
        return
    st.markdown("**Recorded** from the real model; the recording and its provenance are in "
                "`results/steps-gemma3-270m.json` (re-record with `scripts/record_steps.sh`).")
    st.json(sources.recording.provenance, expanded=True)


def show_share(current, answers_fig, digits_fig) -> None:
    base = (st.context.url or "http://localhost:8501/steps").split("?")[0]
    st.markdown("**Link to this view**")
    st.code(share.page_url(base, to_query(current)), language=None)
    for name, fig, stem, title in (
        ("answers", answers_fig, f"steps-{current.a}x{current.b}", "Where the answer's probability goes"),
        ("digits", digits_fig, "steps-by-digits", "P(right answer) against digits, with and without the working"),
    ):
        if fig is None:
            continue
        st.markdown(f"**{title}**: embed it in a page (no controls; readers can still zoom and hover)")
        st.code(share.iframe_snippet(base, to_query(replace(current, figure=name)), title=title), language="html")
        figure_export.essay_exports(fig, stem, key=f"steps_export_{name}")


def figure_view(current, found: StepsAnswer | None, rows) -> None:
    if current.figure == "digits":
        fig, alternative = digits_figure(rows, height=EMBEDDED_HEIGHT), digits_summary(rows)
    elif found is not None:
        fig, alternative = answers_figure(found, height=EMBEDDED_HEIGHT), answers_summary(found)
    else:
        return
    st.plotly_chart(fig, key="steps_figure", config={"displaylogo": False})
    screen_reader_text(alternative)
    full_view = urlencode(to_query(replace(current, view="full")))
    st.markdown(f'<a href="./steps?{html.escape(full_view)}" target="_blank">Open in With and without the working '
                '↗</a>', unsafe_allow_html=True)


def main() -> None:
    current = controls.state()
    if not figure_only:
        with st.sidebar:
            page_links()
        st.title("With and without the working")
        st.caption(
            "A language model writes its answer one token at a time, each drawn from its probabilities for the next "
            "token. Here is Gemma 3 270M's probability of a multiplication's right answer, digit by digit (the right "
            "digits forced in, one request per digit), after the question alone, after correct working, after the "
            "working stopped before the final sum, and after working with one wrong step."
        )
        for notice in controls.notices():
            st.warning(notice, icon=":material/link_off:")
        if setup_problem:
            st.warning(f"Page set-up: {setup_problem}.")
        if sources.recording:
            st.pills("Recorded examples", list(examples()), key="steps_example",
                     on_change=controls.picked_example, args=(examples(),))
        controls.problem_inputs()
        error = controls.input_error()
        if error:
            st.warning(error)
        current = controls.state()
        controls.write_url(current)
    problem = current.problem
    found, unavailable = None, None
    try:
        check_problem(problem.a, problem.b, problem.wrong)
        with st.spinner("Asking the model for every digit…"):
            found = sources.answer(problem)
    except (NotAvailable, ValueError) as error:
        unavailable = str(error)
    rows, _ = steps_resources.figure_rows(sources)
    if figure_only:
        figure_view(current, found, rows)
        return
    answers_fig = digits_fig = None
    if found is None:
        st.warning(f"No answer for {label(problem)}: {unavailable}. The recorded examples above still work.")
    else:
        written, true = wrong_line(problem)
        st.markdown(f"**{problem.a} x {problem.b} = {problem.product}**. The wrong step writes `{written}` instead "
                    f"of `{true}`, which leads to **{problem.led_to}**.")
        answers_fig = answers_figure(found, title=f"{label(problem)}: where the answer's probability goes")
        st.plotly_chart(answers_fig, key="steps_answers", config=figure_export.config(
            f"steps-{problem.a}x{problem.b}", "steps_export_answers"))
        st.caption(answers_summary(found))
        table = probability_table(found)
        st.dataframe(table, hide_index=True, column_config={
            c: st.column_config.NumberColumn(format="%.4f") for c in table.columns[1:] if c != "likeliest answer"})
    if rows:
        st.subheader("P(right answer) against digits")
        digits_fig = digits_figure(rows)
        st.plotly_chart(digits_fig, key="steps_digits", config=figure_export.config("steps-by-digits",
                                                                                  "steps_export_digits"))
        st.caption(digits_summary(rows) + " Recorded problems: the first of each cell of the shipped experiment "
                   "run, each with a seeded one-digit slip in one row.")
    tabs = st.tabs(["Digit by digit", "What the model reads", "Where this comes from", "Share & export"])
    if found is not None:
        with tabs[0]:
            st.caption(f"The right answer {problem.product}, token by token: each digit's probability given the "
                       "context and the right digits before it, then the probability that the number ends.")
            st.dataframe(digit_table(found), hide_index=True)
        with tabs[1]:
            show_contexts(found)
        with tabs[2]:
            show_provenance(found.source)
    with tabs[3]:
        show_share(current, answers_fig, digits_fig)


main()
