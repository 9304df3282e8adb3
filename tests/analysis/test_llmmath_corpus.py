"""The integrity of `corpus/llmmath_real.jsonl`: real replies from the llmmath promptfoo export, labelled by hand.

These tests check the FILE, not the analyzer: every trace is a verbatim record of the export (operands,
record id, text), its outcome agrees with the true product `a * b` (never the export's `expected`, which is
wrong for 987654321 x 123456789), and each label is consistent with itself and with the operands, so that
scoring the analyzer against it (`test_analysis_corpus.py`, `bench/bench_analyzer.py`) measures the analyzer
and not a typo in a label.

The export is read from `../shared/data/llmmath/` beside the repository root (for a git worktree, beside the
main checkout); the tests that need it are skipped, saying so, where it is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from experiment.analysis import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILE = Path(__file__).parent / "corpus" / "llmmath_real.jsonl"
EXPORT_NAME = "multiplication-2025-04-27.promptfoo.json"
SOURCE = "llmmath-promptfoo"

# Replies longer than 150 characters left out of the corpus because they show no working: the product
# stated in prose, nothing computed. Every other long reply of the export must be in the corpus.
BARE_RESTATEMENTS = {
    "ff488a7e-12ad-411a-96d9-9dbedcf0fc01": "nova-lite 12 x 12: '12 times 12 is equal to 144' and a definition",
    "99d31a27-6225-4150-b9c9-fb663035d357": "llama-2-13b 1234 x 5678: '6,965,200' with greetings",
    "2a9ecea7-7f28-4515-9549-ac33e8e139c6": "grok-3-mini 12 x 12: '12 x 12 = 144' and talk about commas",
    "6da4063f-150b-4d8b-ae6d-d8881fbc37f7": "nova-pro 123456 x 789012: 'we perform the multiplication directly'",
    "a5056ce4-cec6-4302-80e1-9da8bbcba079": "nova-pro 1234567 x 8901234: 'rely on a calculator'",
    "cf1b6065-8912-4c95-8fa0-14a0fd9567fd": "llama-2-13b 1234567 x 8901234: a number with greetings",
    "381e552c-ff21-450a-9f8b-59e382755aa2": "o3-mini 987654321 x 123456789: 'the result is'",
    "696276ec-8768-497f-b223-aa72577c6250": "nova-lite 987654321 x 123456789: 'is equal to' and a remark",
    "2ed2874d-2b59-4f3d-82a0-2e8927686954": "llama-2-13b 987654321 x 123456789: one equation",
}

# Kinds whose `true` value can be recomputed from the operands alone.
PARTIAL_KINDS = {"partial_product"}
SHIFTED_KINDS = {"shifted_partial_product", "shift"}
PRODUCT_KINDS = {"result", "answer"}


def _main_checkout(root: Path) -> Path:
    """The main checkout's root: `root` itself, or for a git worktree the checkout its `.git` file points to."""
    dot_git = root / ".git"
    if dot_git.is_file():
        match = re.match(r"gitdir:\s*(.+)", dot_git.read_text(encoding="utf-8").strip())
        if match:  # <main>/.git/worktrees/<name>
            return Path(match.group(1)).resolve().parents[2]
    return root


def _export_path() -> Path | None:
    for base in (ROOT, _main_checkout(ROOT)):
        path = base.parent / "shared" / "data" / "llmmath" / EXPORT_NAME
        if path.is_file():
            return path
    return None


@pytest.fixture(scope="module")
def traces() -> list[dict[str, Any]]:
    with CORPUS_FILE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="module")
def export() -> dict[str, dict[str, Any]]:
    path = _export_path()
    if path is None:
        pytest.skip(f"the llmmath export {EXPORT_NAME} is not in ../shared/data/llmmath/ beside the checkout")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {row["id"]: row for row in data["results"]["results"]}


def _numbers(text: str) -> list[int]:
    """The integers written in `text`, in order, with grouping commas and LaTeX thin spaces removed."""
    text = text.replace("\\,", "")
    return [int(m.replace(",", "")) for m in re.findall(r"\d+(?:,\d{3})*", text)]


def _final_number(trace: dict[str, Any]) -> int | None:
    """The last integer of the reply that is not one of the operands: the reply's final answer.

    Replies often end by restating the problem ("... the same result of 144 for 12 times 12"), so the
    operands themselves are skipped.
    """
    others = [n for n in _numbers(trace["answer"]) if n not in (trace["a"], trace["b"])]
    return others[-1] if others else None


def _blocks(n: int, placed: bool = True) -> set[int]:
    """Every run of consecutive digits of `n`, at its place value (8901234 -> 4, 30, 1234, 8900000, ...) or,
    with `placed=False`, as written (4, 3, 1234, 89, ...)."""
    digits = str(n)
    out = set()
    for i in range(len(digits)):
        for j in range(i + 1, len(digits) + 1):
            out.add(int(digits[i:j]) * (10 ** (len(digits) - j) if placed else 1))
    return out


def _is_round(n: int) -> bool:
    """One significant digit: 9000000, 100000, 7."""
    return n > 0 and len(str(n).rstrip("0")) == 1


def _derived_from_operand(n: int, operand: int) -> bool:
    """Whether `n` is the operand, a high or low part of it (789000 or 12 of 789012), or its complement to a
    round number (98766 = 9000000 - 8901234): the numbers a model decomposes."""
    if n == operand or (_is_round(operand + n)) or (n < operand and _is_round(operand - n)):
        return True
    return any(n in (operand % 10**k, operand - operand % 10**k) for k in range(1, len(str(operand))))


def _spans(text: str, at: str) -> list[int]:
    starts, start = [], text.find(at)
    while start != -1:
        starts.append(start)
        start = text.find(at, start + 1)
    return starts


def test_the_file_is_a_corpus_of_at_least_40_real_traces(traces: list[dict[str, Any]]) -> None:
    assert len(traces) >= 40
    assert len({t["id"] for t in traces}) == len(traces)
    assert len({t["record_id"] for t in traces}) == len(traces)
    for trace in traces:
        assert trace["style"] == "real" and trace["source"] == SOURCE, trace["id"]
        assert trace["reasoning"] == "", trace["id"]
        assert isinstance(trace["a"], int) and isinstance(trace["b"], int), trace["id"]
        assert trace["id"] == f"llmmath_{_slug(trace['model'])}_{trace['a']}x{trace['b']}"


def _slug(provider: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", provider.split("/")[-1].lower()).strip("-")


def test_every_trace_is_a_verbatim_record_of_the_export(traces: list[dict[str, Any]],
                                                         export: dict[str, dict[str, Any]]) -> None:
    for trace in traces:
        row = export.get(trace["record_id"])
        assert row is not None, f"{trace['id']}: no record {trace['record_id']} in the export"
        assert (trace["a"], trace["b"]) == (int(row["vars"]["a"]), int(row["vars"]["b"])), trace["id"]
        assert trace["model"] == row["provider"]["id"], trace["id"]
        assert trace["answer"] == row["response"]["output"], trace["id"]


def test_every_long_reply_with_working_is_in_the_corpus(traces: list[dict[str, Any]],
                                                         export: dict[str, dict[str, Any]]) -> None:
    """Nothing dropped: each reply over 150 characters is either labelled here or a known bare restatement."""
    labelled = {t["record_id"] for t in traces}
    assert not labelled & set(BARE_RESTATEMENTS)
    long_replies = {rid for rid, row in export.items() if len(str(row["response"].get("output") or "")) > 150}
    assert long_replies - labelled - set(BARE_RESTATEMENTS) == set()
    assert set(BARE_RESTATEMENTS) <= set(export)


def test_outcomes_agree_with_the_true_product(traces: list[dict[str, Any]]) -> None:
    for trace in traces:
        product = trace["a"] * trace["b"]
        truncated = trace["finish_reason"] == "length"
        assert trace["finish_reason"] in ("stop", "length"), trace["id"]
        if truncated:
            assert trace["outcome"] == "truncated", trace["id"]
            continue
        expected = "correct" if _final_number(trace) == product else "wrong"
        assert trace["outcome"] == expected, (trace["id"], _final_number(trace), product)


def test_categories_agree_with_outcomes_and_first_wrong_steps(traces: list[dict[str, Any]]) -> None:
    for trace in traces:
        category, first_wrong = trace["label"]["category"], trace["label"]["first_wrong"]
        assert category in CATEGORIES, trace["id"]
        assert trace["label"]["note"], trace["id"]
        assert (category == "truncated") == (trace["outcome"] == "truncated"), trace["id"]
        if category in ("correct", "self_corrected"):
            assert trace["outcome"] == "correct", trace["id"]
        if category == "correct":
            assert first_wrong is None, trace["id"]
        elif category != "truncated":
            assert first_wrong is not None, trace["id"]


def test_every_label_points_at_its_claimed_value_in_the_answer(traces: list[dict[str, Any]]) -> None:
    """`at` occurs at least `occurrence` times and holds the claimed value as written (a decomposition's
    `at` holds its parts, which must add up to the claim)."""
    for trace in traces:
        label = trace["label"]["first_wrong"]
        if label is None:
            continue
        assert label["source"] == "answer", trace["id"]
        assert len(_spans(trace["answer"], label["at"])) >= label["occurrence"] >= 1, trace["id"]
        assert label["claimed"] != label["true"], trace["id"]
        if label["kind"] == "decomposition":
            expression = label["at"].replace("plus", "+").replace("minus", "-").replace("−", "-")
            terms = re.findall(r"([+-]?)\s*(\d[\d,]*)", expression)
            total = sum((-1 if sign == "-" else 1) * int(value.replace(",", "")) for sign, value in terms)
            assert total == label["claimed"], (trace["id"], total)
        else:
            assert label["claimed"] in _numbers(label["at"]), trace["id"]


def test_true_values_are_consistent_with_the_operands(traces: list[dict[str, Any]]) -> None:
    """Where `true` can be recomputed from a and b alone, it is: the product, an operand's part times the
    other operand, or (for a decomposition) the number being decomposed, derived from an operand."""
    checked = 0
    for trace in traces:
        label = trace["label"]["first_wrong"]
        if label is None:
            continue
        a, b, true, kind = trace["a"], trace["b"], label["true"], label["kind"]
        pairs = ((a, b), (b, a))
        if kind in PRODUCT_KINDS:
            assert true == a * b, trace["id"]
        elif kind in PARTIAL_KINDS:
            assert any(true == x * int(d) for x, other in pairs for d in str(other)), trace["id"]
        elif kind in SHIFTED_KINDS:
            assert any(true == x * part for x, other in pairs for part in _blocks(other)), trace["id"]
        elif kind == "decomposition":
            assert _derived_from_operand(true, a) or _derived_from_operand(true, b), trace["id"]
        elif kind == "copy":
            assert true in _blocks(a, placed=False) | _blocks(b, placed=False), trace["id"]
        else:
            continue
        checked += 1
    assert checked >= 10
