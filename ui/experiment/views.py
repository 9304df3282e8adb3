"""The experiment page's other views: the overview's figures and their export, the comparison of two models or
prompt variants, and the sidebar's provenance and live watch. Figures and pairing live in `experiment/results_page/`."""
from __future__ import annotations

import html
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from embeddings.plotly_block import embed_config
from embeddings.words import markdown_text
from experiment.results_page import (
    answer_digits,
    claim,
    figures,
    overview,
    pairing,
    plain_words,
    provenance_table,
    replay_frames,
    sources,
    url_state,
)
from experiment.results_page.url_state import Selection
from ui import figure_export
from ui.experiment.controls import notice, seeded_choice
from ui.experiment.resources import as_figure, compare_figures, overview_of, read_trace

LIVE_POLL_S = 3.0
EMBED_BELOW_PX = 220  # under an embedded figure: its reading (a few lines on a phone) and the link to the app


# -- sidebar -------------------------------------------------------------------------------------------
def show_provenance(runs: list[tuple[str, list[dict]]], table: pd.DataFrame) -> None:
    with st.popover("Provenance", icon=":material/info:", width="stretch"):
        for name, file_runs in runs:
            st.markdown(f"**{markdown_text(name)}**")
            mine = table[table["source"] == name]
            rows = provenance_table.run_rows(file_runs, mine) or provenance_table.model_rows(mine)
            st.dataframe(pd.DataFrame(rows).astype(str).T, width="stretch")


def live_watch(chosen: list[sources.Source], paths: dict[str, Path]) -> None:
    """Poll the files of a run that may still be written; a change reruns the page with the new records."""
    live = [paths[s.name] for s in chosen if s.name in paths and sources.may_be_live(paths[s.name])]
    if not live:
        return
    follow = st.toggle("Follow new records", value=True, key="x_follow",
                       help="A run is being written: the page refreshes as records arrive.")
    seen = tuple(sources.fingerprint(p) for p in live)

    @st.fragment(run_every=LIVE_POLL_S if follow else None)
    def watch() -> None:
        now = tuple(sources.fingerprint(p) for p in live)
        if now != seen and not st.session_state.get("x_playing"):
            st.rerun()
        st.caption(f"Live: checked at {time.strftime('%H:%M:%S')}")

    watch()


# -- the claim -----------------------------------------------------------------------------------------
def show_claim(table: pd.DataFrame, selection: Selection) -> None:
    """The essay's claim from these results, first; the clearest case's replay; what the data cannot show;
    what the figures' symbols mean."""
    said = overview_of(table).claim
    text = said.sentences()
    case = said.clearest
    if case is not None:
        url = url_state.share_url(st.context.url, selection, tab="replay", model=case["model_label"],
                                  variant=case["variant"], problem=case["item_key"], cell=None, outcome="",
                                  category="", pos=0)
        text += (f" The clearest case: [{markdown_text(case['model_label'])} on {case['a']} × {case['b']}, "
                 f"replayed step by step]({url}).")
    elif said.reasoning_models:
        text += (" No reasoning model in these results wrote out its working and then went wrong in a step, "
                 "so there is no such replay to show.")
    st.markdown(text)
    limits = said.limits()
    if limits:
        st.markdown("**What these results cannot show.** " + " ".join(limits))
    with st.expander("What the symbols mean", icon=":material/help:"):
        st.markdown(claim.DEFINITIONS)


# -- overview ------------------------------------------------------------------------------------------
def export_controls(name: str, fig, selection: Selection) -> None:
    """Under each figure: the essay's exports (the plotly block, the standalone page, the camera's format)
    and its link and iframe."""
    with st.expander("Export for the essay", icon=":material/ios_share:"):
        figure_export.essay_exports(fig, f"experiment-{name}", key=f"x_export_{name}")
    with st.popover("Link and embed", icon=":material/share:"):
        url = url_state.share_url(st.context.url, selection, embed=True, view="figure", figure=name, tab="overview")
        st.code(url_state.share_url(st.context.url, selection, figure=name, tab="overview"), language=None)
        height = int(fig.layout.height or 450) + EMBED_BELOW_PX  # the figure, its reading and its link
        st.code(f'<iframe src="{url}" width="100%" height="{height}" style="border:0" loading="lazy" '
                f'title="{figures.FIGURES[name][0]}"></iframe>', language="html")


def show_overview(table: pd.DataFrame, selection: Selection) -> None:
    single = overview.one_sample_per_cell(table)
    if overview.pooled(table):
        kinds = table.groupby("kind")["model_label"].nunique()
        counts = ", ".join(f"{kinds[k]} {overview.KINDS[k]}" for k in overview.KINDS if k in kinds)
        st.caption(f"{table['model_label'].nunique()} models ({counts}): the figures pool them by kind, as the "
                   "table of reasoning models says (`experiment/reasoning_models.csv`, with a source for each). "
                   "The replay and the compare tab show each model.")
    if single:
        st.caption("One sample per cell: each model answered each problem once, so one model's accuracy in a "
                   "cell is 0% or 100%. A pooled point is the share of the models that answered right, with "
                   "its 95% interval; these are a few problems, not estimates of a model's skill.")
    drawn = overview_of(table).figures
    for name in figures.FIGURES:
        shown = drawn[name]
        if shown.unavailable is not None:
            if name != "answers" or single:
                st.caption(shown.unavailable)
            continue
        fig = shown.figure()
        st.plotly_chart(fig, key=f"x_fig_{name}", config=figure_export.config(f"experiment-{name}",
                                                                               f"x_export_{name}"))
        st.caption(markdown_text(shown.reading))
        export_controls(name, fig, selection)


# -- embedded ------------------------------------------------------------------------------------------
def open_in_app(selection: Selection, text: str) -> None:
    """The link under every embed to the same view on the full page, in a new tab (out of the iframe)."""
    url = url_state.share_url(st.context.url, selection)
    st.markdown(f'<a href="{html.escape(url)}" target="_blank">{html.escape(text)}</a>', unsafe_allow_html=True)


def show_embedded_figure(seeded: Selection, table: pd.DataFrame) -> None:
    """One figure of the overview for an iframe: the page's figure for the same link, or why there is none;
    its reading in words and a link to the page under it."""
    name = seeded.figure
    if name not in figures.FIGURES:
        notice(f"Unknown figure {url_state.shown(name)}; showing the accuracy heatmap.")
        name = "heatmap"
    page = replace(seeded, view="page", tab="overview", figure=name)
    shown = overview_of(table).figures[name]
    if shown.unavailable is not None:
        st.info(shown.unavailable, icon=":material/info:")
    else:
        fig = shown.figure()
        fig.update_layout(dragmode=False)
        st.plotly_chart(fig, key="x_embedded_figure", config=embed_config(f"experiment-{name}"))
        st.caption(markdown_text(shown.reading))
    open_in_app(page, "Open in the app ↗")


# -- compare -------------------------------------------------------------------------------------------
def show_compare(table: pd.DataFrame, paths: dict[str, Path], seeded: Selection) -> None:
    arms = pairing.arms(table)
    if len(arms) < 2:
        st.info("A comparison needs two models or two prompt variants; these results hold one. Add a file "
                "in the sidebar, or choose more results.")
        return
    if overview.one_sample_per_cell(table):
        st.caption("One sample per cell: the two sides are compared problem by problem, one answer each; "
                   "the counts below are a few problems, not rates.")
    labels = [arm.label for arm in arms]
    kinds = dict(zip(table["model_label"], table["kind"])) if "kind" in table else {}
    first_default, second_default = pairing.default_pair(table, kinds)
    # The replay's featured model is not a comparison's default: only a model2 in the link makes a pair.
    named = bool(seeded.model2)
    seeded_choice("x_arm1", labels, f"{seeded.model} · {seeded.variant}" if named and seeded.model
                  else first_default.label, "First side")
    seeded_choice("x_arm2", labels, f"{seeded.model2} · {seeded.variant2}" if named else second_default.label,
                  "Second side")
    left, right = st.columns(2)
    first = arms[labels.index(left.selectbox("First", labels, key="x_arm1"))]
    second = arms[labels.index(right.selectbox("Second", labels, key="x_arm2"))]
    pairs = pairing.paired(table, first, second)
    if pairs.empty:
        st.info("These two were not asked any of the same problems.")
        return
    counts = pairing.agreement(pairs)
    for column, (name, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(name, value)
    shared = pairing.shared_table(table, first, second)
    accuracy, heatmap = compare_figures(shared)
    st.plotly_chart(as_figure(accuracy), key="x_compare_accuracy")
    st.plotly_chart(as_figure(heatmap), key="x_compare_heatmap")
    differ = pairs[(pairs["outcome_1"] == "correct") != (pairs["outcome_2"] == "correct")]
    if differ.empty:
        st.markdown(f"**They agree on every one of the {len(pairs)} shared problems**: pick one to read both "
                    "traces side by side.")
    else:
        st.markdown(f"**Problems where one was right and the other not** ({len(differ)}): pick one to read "
                    "both traces side by side.")
    options = (differ if not differ.empty else pairs).head(500)
    index = st.selectbox("Problem", range(len(options)), key="x_compare_problem",
                         format_func=lambda i: f"{options.iloc[i]['a']} × {options.iloc[i]['b']}: "
                                               f"{options.iloc[i]['outcome_1']} / {options.iloc[i]['outcome_2']}")
    pair = options.iloc[index]
    for column, arm, suffix in ((left, first, "_1"), (right, second, "_2")):
        row = table[table["record_id"] == pair[f"record_id{suffix}"]].iloc[0]
        record, analysis = read_trace(str(paths[row["source"]]), row["record_id"],
                                      sources.fingerprint(paths[row["source"]]))
        with column:
            st.markdown(f"**{markdown_text(arm.label)}**: {record['outcome']}"
                        + (f", {plain_words.category(analysis.category)}" if analysis else ""))
            replay = replay_frames.build_replay(record["reasoning"], record["answer"], analysis)
            st.html(replay_frames.render_html(replay, replay.length, cursor=False))
            pairs_ = answer_digits.compare_digits(record.get("extracted_value"), int(record["a"]) * int(record["b"]))
            if pairs_:
                st.html(replay_frames.digits_html(pairs_))
