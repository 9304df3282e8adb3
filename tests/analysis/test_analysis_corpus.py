"""The analyzer against the hand-labelled corpus: the issue's evidence that it finds first wrong steps.

The corpus is every `*.jsonl` file in `corpus/`: `traces.jsonl` holds traces written to mirror the
published outputs of reasoning models; `gemma_real.jsonl` holds real replies from the shipped run
(`results/gemma3-270m-few-shot.jsonl`, field `source`, with their `record_id`), copied verbatim and
labelled by hand; `llmmath_real.jsonl` holds real replies of several models from the promptfoo export in
/work/shared/data/llmmath (source `llmmath-promptfoo`), labelled by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from experiment.analysis import CATEGORIES
from experiment.analysis.score import format_score, load_corpus, score_corpus

CORPUS = Path(__file__).parent / "corpus"
REAL_RUN = Path(__file__).resolve().parents[2] / "results" / "gemma3-270m-few-shot.jsonl"

# The issue's list of error categories, each of which the corpus must exercise.
ISSUE_CATEGORIES = {
    "arithmetic_slip", "wrong_partial_product", "copy_error", "shift_error", "omitted_partial",
    "duplicated_partial", "addition_error", "answer_mismatch", "no_algorithm", "truncated",
    "self_corrected", "false_verification",
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_corpus(CORPUS)


def test_corpus_is_large_and_covers_every_category_and_style(records: list[dict]) -> None:
    assert len(records) >= 40
    labelled = {r["label"]["category"] for r in records}
    assert ISSUE_CATEGORIES <= labelled
    assert labelled <= set(CATEGORIES)
    styles = {r["style"] for r in records}
    expected = {"plain", "markdown_table", "markdown_list", "latex", "spaces", "column", "rambling", "decomposition"}
    assert expected <= styles
    assert len({r["id"] for r in records}) == len(records)


def test_every_label_points_at_a_passage_of_its_trace(records: list[dict]) -> None:
    """The score compares spans with the labelled passage, so the passage must exist where it says."""
    for record in records:
        label = record["label"]["first_wrong"]
        if label is None:
            continue
        text = record[label.get("source", "reasoning")]
        assert text.count(label["at"]) >= label.get("occurrence", 1), record["id"]


def test_first_wrong_steps_are_found_in_at_least_95_percent(records: list[dict]) -> None:
    score = score_corpus(records)
    assert score.first_wrong_share >= 0.95, format_score(score)
    assert score.category_share >= 0.90, format_score(score)


@pytest.mark.parametrize("source", ["mirrored", "gemma3-270m-few-shot", "llmmath-promptfoo"])
def test_each_source_finds_first_wrong_steps_and_raises_no_false_alarms(records: list[dict], source: str) -> None:
    """Per source: at least 95% of the traces with an error have it found where it is, and at least 98%
    of the traces without one are left without one (the goals bench/bench_analyzer.py prints)."""
    part = [r for r in records if r.get("source", "mirrored") == source]
    assert len(part) >= 20, source
    score = score_corpus(part)
    assert score.wrong_found_share >= 0.95, format_score(score)
    assert score.right_clean_share >= 0.98, format_score(score)


def test_real_traces_are_verbatim_records_of_the_shipped_run(records: list[dict]) -> None:
    """About 20 traces from the real run, each exactly as recorded (operands, texts, finish reason)."""
    real = [r for r in records if r.get("source") == "gemma3-270m-few-shot"]
    assert len(real) >= 20
    shipped = {}
    with REAL_RUN.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("kind") == "record":
                shipped[row["record_id"]] = row
    assert len({r["record_id"] for r in real}) == len(real)
    for record in real:
        row = shipped[record["record_id"]]
        for key in ("a", "b", "reasoning", "answer", "finish_reason", "outcome"):
            assert record[key] == row[key], (record["id"], key)
    assert {r["outcome"] for r in real} >= {"correct", "wrong", "truncated", "unparsed"}
    assert len({(len(str(r["a"])), len(str(r["b"]))) for r in real}) >= 10
