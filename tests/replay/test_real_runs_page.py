"""The page on the real runs that ship in results/: it opens on the reasoning models, pools the many models
by kind, shows every answer of a one-sample run, and replays a reasoning model whose working goes wrong."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from experiment.reasoning_models import by_kind, model_kind
from experiment.results_page import featured, pairing
from experiment.results_page.analyzer_verdicts import fill_missing
from experiment.results_page.data import load_results
from experiment.results_page.overview import MAX_SERIES, pooled, with_series
from tests.conftest import PROJECT
from tests.replay.helpers import assert_no_traceback, figure, figure_titled, html_text, messages, run_page, title_of

RESULTS = PROJECT / "results"
REAL = RESULTS / "llmmath-2025-04-27.sqlite"


def titles(at) -> list[str]:
    return [title_of(figure(at, i)) for i in range(len(at.get("plotly_chart")))]


def test_the_page_opens_on_the_run_of_reasoning_models_pooled_by_kind(monkeypatch):
    at = run_page(monkeypatch, RESULTS)
    assert_no_traceback(at)
    assert at.session_state.x_runs == ["llmmath-2025-04-27"]  # the Gemma base-model run holds no reasoning model
    text = messages(at)
    assert "52 models (11 reasoning models, 41 non-reasoning models)" in text
    assert "One sample per cell" in text
    heatmap = figure_titled(at, "Accuracy by digit counts")
    assert {trace["name"] for trace in heatmap["data"]} == {"reasoning models", "non-reasoning models"}
    answers = figure(at, titles(at).index(next(t for t in titles(at) if t.startswith("Every answer"))))
    grid = answers["data"][0]  # the grid; then its colours' key, as legend entries
    assert len(grid["y"]) == 52 and len(grid["x"]) == 7
    kinds = [label.endswith("★") for label in grid["y"]]
    assert kinds == sorted(kinds, reverse=True) and sum(kinds) == 11  # reasoning models first


def test_the_replay_opens_on_a_reasoning_model_whose_working_goes_wrong(monkeypatch):
    """Not a reply cut at the token limit (the harness stopping a model): a wrong answer after written working."""
    at = run_page(monkeypatch, RESULTS, tab="replay")
    assert_no_traceback(at)
    assert at.session_state.x_model == "openrouter:openai/o3-mini"
    row = load_results(REAL).table.set_index("item_key").loc[at.session_state.x_problem]
    assert (int(row["a"]), int(row["b"]), row["outcome"]) == (1234567, 8901234, "wrong")
    assert "the model wrote 99766 where 98766 was due" in " ".join(str(c.value) for c in at.caption).replace("*", "")
    at.button(key="x_first_error").click().run()
    shown = html_text(at)
    assert 'id="first-error"' in shown and "should be 98766\">100000 − 234</span>" in shown


def test_the_page_states_the_claim_from_the_data_first(monkeypatch):
    at = run_page(monkeypatch, RESULTS)
    assert_no_traceback(at)
    table = with_series(fill_missing(REAL, load_results(REAL).table)[0])
    wrong = table[(table["kind"] == "reasoning") & (table["outcome"] == "wrong")]
    followed = int(wrong["followed_algorithm"].sum())
    first = at.markdown[0].value
    assert first.startswith(f"Of {len(wrong)} wrong answers by reasoning models, {followed} came after the model "
                            "wrote out every partial product; the first error that stuck was splitting a number")
    assert "replayed step by step](" in first and "tab=replay" in first
    limits = at.markdown[1].value
    assert "kept the reasoning hidden" in limits and "cut off at the token limit" in limits
    assert "the 9 × 9 cell is 987654321 × 123456789 alone" in limits
    assert "1 to N" not in messages(at)
    captions = [str(c.value).replace("\\", "") for c in at.caption]  # Markdown escapes
    assert any(c.startswith("Each bar: of a group") for c in captions)
    assert title_of(figure(at, 0)).startswith("Wrong answers given after writing every partial")


def test_every_figure_of_the_real_run_can_be_embedded(monkeypatch):
    for name in ("heatmap", "accuracy", "answers", "outcomes", "followed", "categories"):
        at = run_page(monkeypatch, RESULTS, view="figure", figure=name, run="llmmath-2025-04-27")
        assert_no_traceback(at)
        assert len(at.get("plotly_chart")) == 1


def test_the_featured_replay_is_a_wrong_answer_after_written_working_never_a_truncation():
    table = with_series(load_results(REAL).table).assign(
        first_wrong_kind=lambda t: t["first_wrong_kind"].astype(object))
    rows = pd.DataFrame([
        {"kind": "reasoning", "first_wrong_kind": "partial_product", "outcome": "wrong", "m": 5, "n": 5,
         "model_label": "r", "a": 12345, "item_key": "big", "followed_algorithm": 1.0},
        {"kind": "reasoning", "first_wrong_kind": "decomposition", "outcome": "truncated", "m": 3, "n": 3,
         "model_label": "r", "a": 123, "item_key": "small cut"},
        {"kind": "reasoning", "first_wrong_kind": "addition", "outcome": "wrong", "m": 3, "n": 3,
         "model_label": "r", "a": 321, "item_key": "small wrong"},
        {"kind": "reasoning", "first_wrong_kind": "answer", "outcome": "wrong", "m": 2, "n": 2,
         "model_label": "r", "a": 12, "item_key": "only the answer"},
        {"kind": "other", "first_wrong_kind": "addition", "outcome": "wrong", "m": 1, "n": 1,
         "model_label": "c", "a": 1, "item_key": "a chat model"},
    ])
    assert featured.featured_record(rows)["item_key"] == "big"  # it wrote every partial product
    assert featured.featured_record(rows[rows["item_key"] != "big"])["item_key"] == "small wrong"
    assert featured.featured_record(rows[rows["item_key"] == "small cut"]) is None  # never a truncation
    assert featured.featured_record(rows[rows["kind"] == "other"]) is None
    assert featured.holds_reasoning_models(table)


def test_a_few_models_stay_model_by_model_and_many_are_pooled():
    table = load_results(REAL).table
    few = table[table["model_label"].isin(table["model_label"].unique()[:MAX_SERIES])]
    assert not pooled(with_series(few)) and pooled(with_series(table))
    assert model_kind("openrouter:openai/o3-mini") == "reasoning" and model_kind("openai/gpt-4o") == "other"
    assert model_kind("someone/unheard-of-7b") == "unknown"


def test_the_command_line_pools_by_kind_as_the_page_does():
    done = subprocess.run([sys.executable, "-m", "experiment", "stats", str(REAL), "--format", "json",
                           "--by", "kind"], capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert done.returncode == 0, done.stderr
    cells = json.loads(done.stdout)
    assert {cell["model"] for cell in cells} == {"reasoning models", "non-reasoning models"}
    pooled_table = by_kind(load_results(REAL).table)
    for cell in cells:
        mine = pooled_table[(pooled_table["model_label"] == cell["model"]) & (pooled_table["m"] == cell["m"])
                            & (pooled_table["n"] == cell["n"])]
        assert cell["correct"] == (mine["outcome"] == "correct").sum()
        assert cell["counted"] == mine["outcome"].isin(["correct", "wrong", "unparsed"]).sum()


def test_the_compare_tab_opens_on_two_models_that_share_problems_and_differ(monkeypatch):
    at = run_page(monkeypatch, RESULTS, tab="compare")
    assert_no_traceback(at)
    first, second = at.session_state.x_arm1, at.session_state.x_arm2
    assert first != second
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["shared problems"] == 7  # every problem of the run
    assert metrics["only the first right"] + metrics["only the second right"] > 0
    assert "(0)" not in " ".join(m.value for m in at.markdown)


def test_the_default_pair_prefers_shared_problems_with_a_difference():
    def rows(model, outcomes):
        return [{"model_label": model, "variant": "v", "a": str(10 + i), "b": "3", "outcome": o}
                for i, o in enumerate(outcomes)]
    table = pd.DataFrame([*rows("agrees-1", ["correct"] * 5), *rows("agrees-2", ["correct"] * 5),
                          *rows("differs", ["wrong", "correct", "correct"])])
    first, second = pairing.default_pair(table)
    assert {first.model, second.model} in ({"agrees-1", "differs"}, {"agrees-2", "differs"})
    assert pairing.default_pair(table[table["model_label"] == "differs"]) is None
