"""Typed results (issue 17): the analyzer's verdict as TraceVerdict / FirstWrong, read back from what the
store holds, and the fixed sets of kinds failing on a value they do not know."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from experiment.analysis import analyze_trace
from experiment.analysis.check import Checker
from experiment.analysis.claims import Claim
from experiment.analysis.kinds import Category, StepKind
from experiment.analysis.notation import plain_text
from experiment.analysis.result import FirstWrong, TraceVerdict
from experiment.results import Analysis

# Two lines written by analyzer 1.1.0 (main at 7f778ae), as `analyze` printed them and the store kept them.
STORED_1_1 = [
    '{"analyzer_version": "1.1.0", "followed_algorithm": true, "category": "wrong_partial_product", "answer": '
    '4074664, "answer_correct": false, "trace_result": 4074664, "first_wrong": {"index": 1, "kind": '
    '"shifted_partial_product", "claimed": 411930, "own": 411030, "true": 411030, "label": "local_error", '
    '"span": [42, 49], "source": "reasoning", "verification": false}, "labels": {"correct": 2, "local_error": 1, '
    '"propagated": 2}, "steps": [{"index": 0, "kind": "shifted_partial_product", "claimed": 3653600, "own": '
    '3653600, "true": 3653600, "label": "correct", "span": [19, 28], "source": "reasoning", "verification": '
    'false}, {"index": 1, "kind": "shifted_partial_product", "claimed": 411930, "own": 411030, "true": 411030, '
    '"label": "local_error", "span": [42, 49], "source": "reasoning", "verification": false}, {"index": 4, '
    '"kind": "answer", "claimed": 4074664, "own": 4074664, "true": 4073764, "label": "propagated", "span": '
    '[14, 21], "source": "answer", "verification": false}]}',
    '{"analyzer_version": "1.1.0", "followed_algorithm": false, "category": "correct", "answer": 144, '
    '"answer_correct": true, "trace_result": null, "first_wrong": null, "labels": {"correct": 1}, "steps": '
    '[{"index": 0, "kind": "answer", "claimed": 144, "own": 144, "true": 144, "label": "correct", "span": [0, 3], '
    '"source": "answer", "verification": false}]}',
]


def test_analyses_stored_by_analyzer_1_1_read_back_unchanged(tmp_path: Path) -> None:
    for line in STORED_1_1:
        stored = json.loads(line)
        verdict = TraceVerdict.from_dict(stored)
        assert verdict.to_dict() == stored
        assert verdict.first_wrong is None or isinstance(verdict.first_wrong, FirstWrong)
        row = Analysis.of("r1", verdict)  # the store keeps an old line as it keeps a new verdict
        assert row.analysis == stored
        assert (row.category, row.first_wrong_kind) == (stored["category"], (stored["first_wrong"] or {}).get("kind"))


def test_the_verdict_is_typed_and_its_dict_is_the_documented_json() -> None:
    result = analyze_trace(4567, 892, "4567 x 800 = 3653600\n4567 x 90 = 411030\n4567 x 2 = 9134\n"
                           "3653600 + 411030 + 9134 = 4073864", "Final Answer: 4073864")
    verdict = result.verdict()
    assert verdict.category is Category.ADDITION_ERROR
    assert verdict.first_wrong is not None and verdict.first_wrong.kind is StepKind.ADDITION
    assert TraceVerdict.from_dict(verdict.to_dict()) == verdict
    assert "steps" not in verdict.to_dict(brief=True)


def test_an_unknown_category_or_kind_fails_with_its_name() -> None:
    with pytest.raises(ValueError, match="unknown category 'lucky_guess'"):
        TraceVerdict.from_dict({"analyzer_version": "9", "followed_algorithm": False, "category": "lucky_guess"})
    with pytest.raises(ValueError, match="no handler for claim kind 'guess'"):
        Checker(12, 34, []).check(Claim("guess", 1, 0, 1, 0))


def test_every_number_of_the_plain_text_maps_back_to_the_characters_the_model_wrote() -> None:
    reply = ("So \\(4{,}567 \\times 892\\) is\n\\[\n\\begin{align*}\n&= 3,\\!653,\\!600 + 411\\,030 \\\\\n"
             "&= \\boxed{4{,}064{,}630}\n\\end{align*}\n\\]\n50% done, **bold** 12 x 3 = 36")
    plain = plain_text(reply)
    import re
    found = {m.group(): reply[slice(*plain.span(*m.span()))] for m in re.finditer(r"\d[\d,]*", plain.text)}
    assert found == {"4,567": "4{,}567", "892": "892", "3,653,600": "3,\\!653,\\!600", "411030": "411\\,030",
                     "4,064,630": "4{,}064{,}630", "50": "50", "12": "12", "3": "3", "36": "36"}
    for m in re.finditer(r"\d[\d,]*", plain.text):
        start, _ = plain.span(*m.span())
        assert plain.plain_offset(start) == m.start()
    assert "\n\n" not in plain.text.replace(" ", "")  # no blank line (a new paragraph) the reply did not have
