"""The trace generator itself (tests/analysis/generator/): its traces are true long multiplications, the
injected error is where it says, carried downstream, and the held-out split really holds other phrasings.
The coverage matrix is only as good as these promises."""

from __future__ import annotations

import random
import re

import pytest

from tests.analysis.generator import NOTATIONS, ErrorKind, Outcome, Source, Split, generate
from tests.analysis.generator.coverage import Verdict, cells, located_right
from tests.analysis.generator.model import Span
from tests.analysis.generator.plan import Structure, build_plan, operands
from tests.analysis.generator.surface import NumberStyle, format_number

INDICES = range(6)
_GROUPING = re.compile(r",\\!|\\,|\{,\}|,")


def _plain(text: str) -> str:
    """The text with TeX and comma digit grouping removed (3{,}200{,}000 -> 3200000)."""
    return _GROUPING.sub("", text)


@pytest.mark.parametrize(("notation", "kind"), cells())
def test_every_trace_is_deterministic_and_its_outcome_follows_the_error(notation: str, kind: ErrorKind) -> None:
    for i in INDICES:
        trace = generate(notation, kind, i, Split.DEV)
        assert trace == generate(notation, kind, i, Split.DEV)
        expected = trace.expected
        if kind is ErrorKind.TRUNCATION:
            assert trace.finish_reason == "length" and expected.outcome is Outcome.TRUNCATED
            if expected.first_wrong is not None:
                # cut after a slip and before its retraction: the slip, unretracted, is the reply's last step
                assert notation in ("restarts", "column") and re.search(r"\d", trace.text_at(expected.first_wrong))
                assert not re.search(r"[A-Za-z]", trace.reasoning[expected.first_wrong.end:])
        elif kind is ErrorKind.NONE:
            assert expected.outcome is Outcome.CORRECT and expected.first_wrong is None
            assert str(trace.a * trace.b) in _plain(trace.answer)
        else:
            # The error is carried downstream: the final answer is wrong, and the step is in the text.
            assert expected.outcome is Outcome.WRONG and expected.first_wrong is not None
            if kind in (ErrorKind.COPY, ErrorKind.ANSWER_MISMATCH):  # the working's total is right
                assert str(trace.a * trace.b) not in _plain(trace.text_at(expected.first_wrong))
            else:  # the stated answer: the reply's opening or closing words
                stated = trace.answer[:60] if notation == "answer_first" else trace.answer[-60:]
                assert str(trace.a * trace.b) not in _plain(stated)
            span = expected.first_wrong
            text = trace.reasoning if span.source is Source.REASONING else trace.answer
            assert 0 <= span.start < span.end <= len(text)
            assert re.search(r"\d", trace.text_at(span))
            if expected.claimed is not None and kind is not ErrorKind.MULTIPLIER_DIGIT:
                assert str(expected.claimed) in _plain(trace.text_at(span)), (trace.text_at(span), expected.claimed)


@pytest.mark.parametrize("structure", list(Structure))
def test_a_right_plan_is_true_long_multiplication(structure: Structure) -> None:
    for seed in range(40):
        rng = random.Random(seed)
        a, b = operands(structure, rng, digit_level=False)
        plan = build_plan(a, b, structure, ErrorKind.NONE, rng, digit_level=False)
        for split in plan.splits:
            assert sum(p.value for p in split.parts) == split.whole
        for row in plan.rows:
            assert row.unshifted == row.x * row.y and row.shifted == row.unshifted * 10**row.power
        assert plan.total == plan.answer == a * b


@pytest.mark.parametrize("kind", [k for k in ErrorKind if k not in (ErrorKind.NONE, ErrorKind.TRUNCATION)])
def test_the_error_is_injected_once_and_built_on(kind: ErrorKind) -> None:
    """Every step after the injected one is computed from the values written before it."""
    for seed in range(40):
        rng = random.Random(seed)
        a, b = operands(Structure.DIGITS, rng, digit_level=True)
        plan = build_plan(a, b, Structure.DIGITS, kind, rng, digit_level=kind is not ErrorKind.PARTIAL_PRODUCT)
        for j in range(1, len(plan.rows)):
            if plan.first_wrong != ("sum", j):
                assert plan.running[j] == plan.running[j - 1] + plan.rows[j].shifted
        wrong_rows = [r for r in plan.rows if r.shifted != r.x * r.y * 10**r.power]
        assert len(wrong_rows) == (kind in (ErrorKind.PARTIAL_PRODUCT, ErrorKind.CARRY, ErrorKind.SHIFT))
        assert plan.answer != a * b


def test_tex_groupings_are_the_ones_models_write() -> None:
    assert format_number(3200000, NumberStyle.TEX_NEG_THIN) == "3,\\!200,\\!000"
    assert format_number(3200000, NumberStyle.TEX_THIN) == "3\\,200\\,000"
    assert format_number(3200000, NumberStyle.TEX_BRACE) == "3{,}200{,}000"
    assert format_number(999, NumberStyle.TEX_BRACE) == "999"


@pytest.mark.parametrize("notation", [n.name for n in NOTATIONS if n.name != "gpt4_template"])
def test_held_out_traces_open_with_phrasings_dev_traces_never_use(notation: str) -> None:
    def openings(split: Split) -> set[str]:
        found = set()
        for i in range(30):
            trace = generate(notation, ErrorKind.NONE, i, split)
            text = trace.reasoning or trace.answer
            found.add(re.sub(r"[\d,.$\\(){}!×x*·\s]+", " ", text.split("\n")[0 if trace.reasoning else 4])[:25])
        return found

    assert not openings(Split.DEV) & openings(Split.HELD_OUT)


def test_located_right_needs_an_overlap_in_the_same_field() -> None:
    trace = generate("plain", ErrorKind.SUM, 0)
    span = trace.expected.first_wrong
    assert span is not None

    def verdict(first: Span | None, truncated: bool = False) -> Verdict:
        return Verdict(first, truncated, True, "x")

    assert located_right(trace, verdict(Span(span.source, span.end - 1, span.end + 5)))
    assert not located_right(trace, verdict(Span(span.source, span.end, span.end + 5)))
    assert not located_right(trace, verdict(Span(Source.ANSWER, span.start, span.end)))
    assert not located_right(trace, verdict(None))
    right = generate("plain", ErrorKind.NONE, 0)
    assert located_right(right, verdict(None)) and not located_right(right, verdict(Span(Source.REASONING, 0, 3)))
    cut = generate("plain", ErrorKind.TRUNCATION, 0)
    assert located_right(cut, verdict(None, truncated=True)) and not located_right(cut, verdict(None))


def test_the_command_line_writes_dev_traces_and_refuses_what_it_cannot_write(tmp_path, capsys) -> None:
    import json

    from tests.analysis.generator.__main__ import main

    out = tmp_path / "dev.jsonl"
    assert main(["--jsonl", str(out), "--per-cell", "1"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(cells())
    for record in records:
        label = record["label"]["first_wrong"]
        if label is not None:
            text = record[label["source"]]
            assert text[label["span"][0]:label["span"][1]] == label["at"]
    for argv, message in ((["--show", "nope", "sum"], "notations"), (["--show", "column", "split"], "cannot show"),
                          (["--per-cell", "0"], "at least 1")):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_a_restart_records_the_slip_the_model_fixed() -> None:
    for i in INDICES:
        trace = generate("restarts", ErrorKind.NONE, i)
        assert trace.expected.fixed is not None and trace.expected.first_wrong is None
        assert re.search(r"wait|hold on|hmm|no\b", trace.text_at(trace.expected.fixed), re.IGNORECASE)
    assert all(generate("plain", ErrorKind.NONE, i).expected.fixed is None for i in INDICES)
