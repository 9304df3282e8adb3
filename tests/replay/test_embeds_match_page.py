"""Every embed draws exactly what its link promises: for every figure name and for the replay, the embedded
view (`view=figure` / `view=replay`) of a link shows the same figure, from the same runs, as the page does
with that link. Checked on the results that ship with the app (two runs: the reasoning models' and a
base model's, which the page leaves out by default) and on a link naming both runs."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from experiment.results_page import figures
from experiment.results_page.analyzer_verdicts import fill_missing
from experiment.results_page.data import load_results
from experiment.results_page.overview import with_series
from tests.conftest import PROJECT
from tests.replay.helpers import assert_no_traceback, html_text, messages, run_page

RESULTS = PROJECT / "results"
REAL = RESULTS / "llmmath-2025-04-27.sqlite"
BOTH = "gemma3-270m-few-shot,llmmath-2025-04-27"
# What an embed may change in a figure for the iframe: no drag-to-zoom, so a finger scrolls the post.
EMBED_ONLY = ("dragmode",)


def charts(at) -> dict[str, dict]:
    """The page's figures by title (each figure's title is its own)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {spec["layout"]["title"]["text"]: spec for spec in specs}


def without_embed_settings(spec: dict) -> dict:
    return {**spec, "layout": {k: v for k, v in spec["layout"].items() if k not in EMBED_ONLY}}


def page_and_link(monkeypatch, **query):
    """The page's overview for this query, and the query the page wrote back (its own link)."""
    at = run_page(monkeypatch, RESULTS, **query)
    assert_no_traceback(at)
    return at, {k: at.query_params[k] for k in at.query_params}


@pytest.mark.parametrize("query", [{}, {"run": BOTH}], ids=["default", "both-runs"])
def test_every_embedded_figure_is_the_page_figure_of_the_same_link(monkeypatch, query):
    page, link = page_and_link(monkeypatch, **query)
    drawn = charts(page)
    for name in figures.FIGURES:
        embed = run_page(monkeypatch, RESULTS, **{**link, "view": "figure", "figure": name})
        assert_no_traceback(embed)
        shown = embed.get("plotly_chart")
        reason = figures.unavailable(name, page_table(page))
        if reason is not None:
            assert not shown, f"{name}: the page draws nothing, the embed drew axes"
            assert reason in messages(embed), f"{name}: the embed does not say why it draws nothing"
            continue
        assert len(shown) == 1, name
        spec = json.loads(shown[0].proto.spec)
        title = spec["layout"]["title"]["text"]
        assert title in drawn, f"{name}: the page has no figure titled {title!r}"
        assert without_embed_settings(spec) == without_embed_settings(drawn[title]), f"{name} differs"


def page_table(at):
    """The table the page drew its figures from, rebuilt the way the page builds it (the chosen runs)."""
    tables = []
    for name in at.session_state.x_runs:
        path = RESULTS / f"{name}.sqlite"
        table, _ = fill_missing(path, load_results(path).table)
        tables.append(table.assign(source=name))
    return with_series(pd.concat(tables, ignore_index=True))


@pytest.mark.parametrize("query", [
    {"tab": "replay"},
    {"tab": "replay", "run": BOTH},
    {"tab": "replay", "model": "openrouter:openai/o3-mini", "outcome": "wrong"},  # filters, no problem named
], ids=["default", "both-runs", "filters"])
def test_the_embedded_replay_is_the_page_replay_of_the_same_link(monkeypatch, query):
    page, link = page_and_link(monkeypatch, **query)
    embed = run_page(monkeypatch, RESULTS, **{**query, "view": "replay"})  # the link as someone wrote it
    assert_no_traceback(embed)
    assert "replay-text" in html_text(page)
    assert html_text(embed) == html_text(page)
    truth = [c.value for c in page.code if "sum of the rows" in c.value]  # the true long multiplication
    assert truth and [c.value for c in embed.code if "sum of the rows" in c.value] == truth


def test_a_figure_with_nothing_to_draw_says_why_in_words(monkeypatch):
    embed = run_page(monkeypatch, RESULTS, run=BOTH, view="figure", figure="answers")
    assert_no_traceback(embed)
    assert not embed.get("plotly_chart")
    assert "one sample per cell" in messages(embed).lower()
