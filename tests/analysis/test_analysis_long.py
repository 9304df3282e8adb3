"""Long traces: prose and restarts around the arithmetic must not change what the analyzer finds.

Real reasoning-model traces run to 1,000-10,000 characters, mostly prose. The parser skips prose lines
without digits (experiment.analysis.tokens.parser_tokens); these tests pin that a corpus trace padded to
2,000 and 8,000 characters gets the same verdict as the short one, pointing at the same text. Correctness
only: speed is measured by bench/bench_analyzer.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from experiment.analysis import analyze_trace
from experiment.analysis.claims import _Parser
from experiment.analysis.score import load_corpus
from experiment.analysis.tokens import parser_tokens, tokenize
from testkit.longtrace import pad_trace

CORPUS = Path(__file__).parent / "corpus" / "traces.jsonl"
RECORDS = [r for r in load_corpus(CORPUS) if r["reasoning"]]


def verdict(record: dict, reasoning: str) -> tuple:
    """What the analysis finds, with the first wrong step as the text it points at (offsets move)."""
    result = analyze_trace(record["a"], record["b"], reasoning, record["answer"], record.get("finish_reason")).to_json()
    wrong = result["first_wrong"]
    if wrong is not None:
        text = reasoning if wrong["source"] == "reasoning" else record["answer"]
        start, end = wrong["span"]
        wrong = (wrong["kind"], wrong["claimed"], wrong["true"], wrong["label"], wrong["source"], text[start:end])
    steps = [(s["kind"], s["claimed"], s["true"], s["label"]) for s in result["steps"]]
    return result["category"], result["followed_algorithm"], result["answer"], result["trace_result"], wrong, steps


@pytest.mark.parametrize("target", [2000, 8000])
def test_prose_around_a_corpus_trace_changes_nothing(target: int) -> None:
    for seed, record in enumerate(RECORDS):
        padded = pad_trace(record["a"], record["b"], record["reasoning"], target, seed=seed)
        assert len(padded) >= target
        assert verdict(record, padded) == verdict(record, record["reasoning"]), record["id"]


@pytest.mark.parametrize("target", [2000, 8000])
def test_restarts_that_repeat_the_work_keep_the_verdict(target: int) -> None:
    """"Wait, let me recompute..." followed by the same work again: the same first wrong step and category.
    (Not for estimates: an estimate repeated many times holds enough numbers to look like unread work.)"""
    for seed, record in enumerate(RECORDS):
        if record["label"]["category"] == "no_algorithm":
            continue
        padded = pad_trace(record["a"], record["b"], record["reasoning"], target, seed=seed, restarts=True)
        assert padded.count(record["reasoning"].strip().split("\n\n")[0]) >= 2, record["id"]
        got, short = verdict(record, padded), verdict(record, record["reasoning"])
        assert got[:5] == short[:5], record["id"]


def test_a_long_trace_gives_the_short_traces_first_wrong_step_at_its_own_offset() -> None:
    record = next(r for r in RECORDS if r["id"] == "r1_wrong_partial")
    padded = pad_trace(record["a"], record["b"], record["reasoning"], 8000, seed=3)
    wrong = analyze_trace(record["a"], record["b"], padded, record["answer"]).to_json()["first_wrong"]
    start, end = wrong["span"]
    assert padded[start:end] == "41,193"
    assert start == padded.index("41,193")
    assert start > 100  # prose came before it


def claims_from(tokens: list) -> tuple:
    parser = _Parser("", tokens)
    claims = parser.run()
    rows = [(c.kind, c.claimed, c.start, c.end, c.step_start, c.verification, c.decomposition) for c in claims]
    return rows, parser.decompositions


TRICKY = [
    # A rule, then prose or separators, then the total of a column layout.
    "  4567\n×  892\n  9134\n411030\n3653600\n-------\n4073764\n",
    "4567 x 2 = 9134\n4567 x 890 = 4064630\n---\n| |\n4073764",
    "4567 x 2 = 9134\n4567 x 890 = 4064630\n--- then\n4073764",
    "4567 x 2 = 9134\n\\hline\nso\n4073764",
    # Verification words in a line without digits: the rest of the paragraph is a check.
    "4567 x 2 = 9134\nLet me verify.\n4567 x 2 = 9134 ✓\nok\nyes\nfine\n4567 x 2 = 9143\n\n4567 x 2 = 9134",
    "✓\n86 × 9 = 774\n\nSanity:\n86 × 70 = 6020",
    # Prose lines with a first token that starts something ("adding", "carry", "product", "(").
    "8 x 7 = 56\ncarry over the tens\nAdding these up, we get the total\n(and that is all)\nproduct: 56",
    "The product is 42\nso it is partial",
    "",
    "no digits at all, just words about multiplication",
]


@pytest.mark.parametrize("text", TRICKY)
def test_the_parser_reads_the_same_claims_from_the_pruned_tokens(text: str) -> None:
    assert claims_from(parser_tokens(text)) == claims_from(tokenize(text))


def test_the_pruned_tokens_keep_every_line_with_a_number_whole() -> None:
    record = RECORDS[0]
    for restarts in (False, True):
        padded = pad_trace(record["a"], record["b"], record["reasoning"], 8000, seed=1, restarts=restarts)
        full, pruned = tokenize(padded), parser_tokens(padded)
        assert [t for t in full if t.kind == "num"] == [t for t in pruned if t.kind == "num"]
        assert len(pruned) < len(full) / (3 if not restarts else 1.5)
        assert claims_from(pruned) == claims_from(full)
    for record in RECORDS:
        text = record["reasoning"] + "\n\n" + record["answer"]
        assert claims_from(parser_tokens(text)) == claims_from(tokenize(text)), record["id"]


def test_a_repeated_line_gets_the_tokens_it_lexes_to_where_it_stands() -> None:
    """parser_tokens lexes each distinct line once and moves its tokens to every repeat: the tokens are
    still tokenize's, line for line (a prose line is cut after its first token, so they are a subsequence)."""
    block = "Second row (729 × 6):\n6 × 9 = 54, write 4 carry 5.\nLet me verify: 3,645 + 43,740 = 47,385"
    text = f"{block}\n\nWait, let me recompute.\n{block}\n  {block}\n\n{block}"
    full, pruned = tokenize(text), parser_tokens(text)
    remaining = iter(full)
    assert all(any(tok == other for other in remaining) for tok in pruned)
    assert [t for t in full if t.kind == "num"] == [t for t in pruned if t.kind == "num"]
    assert [(t.start, t.end) for t in pruned if t.kind == "num"][-1] == (len(text) - 6, len(text))
