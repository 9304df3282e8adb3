"""Write tests/analysis/realistic/traces.jsonl: ~80 held-out traces in the styles of real reasoning models.

    .venv/bin/python -m tests.analysis.realistic.build

The traces are written by `styles.py` from the arithmetic of `calc.py`; every label (the first wrong
number's substring, field and offset, the outcome) comes from the markers the styles put around the
wrong number, and `labels.py` checks each one again against Python arithmetic. The set is held out: it
measures the analyzer and is never used to tune it.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.analysis.realistic import styles, styles2
from tests.analysis.realistic.calc import (
    ALSO_CLOSE,
    ALSO_OPEN,
    FIRST_CLOSE,
    FIRST_OPEN,
    FIXED_CLOSE,
    FIXED_OPEN,
    Err,
    chunk_parts,
    digit_parts,
    make_calc,
)

PATH = Path(__file__).with_name("traces.jsonl")
TOTAL_ONLY = ("gpt4_cot", "gemini", "mismatch", "answer_first", "european", "align_chain")
# styles that compute their own numbers from a right Calc (the error is injected by the style)
SELF_INJECTED = ("qwen_math", "columns", "restart_sticks", "chunk_mult", "cross", "qwq_discrepancy",
                 "gpt4_two_misreads", "boxed_bare")
MARKERS = (FIRST_OPEN, FIRST_CLOSE, ALSO_OPEN, ALSO_CLOSE, FIXED_OPEN, FIXED_CLOSE)


@dataclass(frozen=True)
class Case:
    style: str
    digits: tuple[int, int]
    err: Err
    options: tuple[tuple[str, object], ...] = ()


E = Err
CASES: tuple[Case, ...] = (
    # DeepSeek-R1 with a reasoning channel
    Case("r1", (5, 4), E.NONE), Case("r1", (6, 6), E.NONE), Case("r1", (7, 3), E.NONE, (("restart", True),)),
    Case("r1", (8, 5), E.NONE, (("restart", True),)),
    Case("r1", (6, 4), E.PARTIAL_PRODUCT), Case("r1", (7, 5), E.CARRY), Case("r1", (5, 5), E.DIGIT),
    Case("r1", (9, 6), E.SUM), Case("r1", (6, 3), E.SHIFT), Case("r1", (8, 4), E.COPY),
    Case("r1", (10, 4), E.PARTIAL_PRODUCT),
    # R1-distill served with <think> in the content
    Case("r1_inline", (4, 4), E.NONE), Case("r1_inline", (6, 5), E.NONE),
    Case("r1_inline", (5, 4), E.PARTIAL_PRODUCT), Case("r1_inline", (7, 6), E.SUM), Case("r1_inline", (6, 6), E.DIGIT),
    # cut at the token limit
    Case("r1_cut", (8, 8), E.TRUNCATED, (("frac", 0.55),)), Case("r1_cut", (10, 10), E.TRUNCATED, (("frac", 0.8),)),
    Case("r1_cut", (9, 7), E.PARTIAL_PRODUCT, (("frac", 0.85),)),
    # QwQ
    Case("qwq", (5, 3), E.NONE), Case("qwq", (4, 4), E.NONE), Case("qwq", (6, 5), E.NONE),
    Case("qwq", (5, 4), E.CARRY), Case("qwq", (6, 4), E.PARTIAL_PRODUCT), Case("qwq", (7, 4), E.SUM),
    Case("qwq", (5, 5), E.DIGIT), Case("qwq_cut", (6, 6), E.TRUNCATED, (("frac", 0.6),)),
    # o1 / o3-mini
    Case("o_mini", (6, 4), E.NONE), Case("o_mini", (8, 8), E.NONE), Case("o_mini", (10, 9), E.NONE),
    Case("o_mini", (7, 7), E.PARTIAL_PRODUCT), Case("o_mini", (9, 5), E.DIGIT), Case("o_mini", (8, 6), E.SUM),
    Case("o_mini", (6, 6), E.COPY),
    # Claude
    Case("claude", (4, 3), E.NONE), Case("claude", (7, 4), E.NONE), Case("claude", (5, 5), E.NONE),
    Case("claude", (6, 5), E.PARTIAL_PRODUCT), Case("claude", (5, 4), E.CARRY), Case("claude", (8, 4), E.SUM),
    Case("claude", (6, 3), E.DIGIT),
    # Gemini
    Case("gemini", (5, 3), E.NONE), Case("gemini", (6, 6), E.NONE), Case("gemini", (3, 3), E.NONE),
    Case("gemini", (6, 4), E.PARTIAL_PRODUCT), Case("gemini", (7, 5), E.SUM), Case("gemini", (5, 4), E.SHIFT),
    # GPT-4 chain of thought, 4 x 4, one template (two openings)
    Case("gpt4_cot", (4, 4), E.NONE), Case("gpt4_cot", (4, 4), E.NONE),
    Case("gpt4_cot", (4, 4), E.NONE, (("variant", 1),)), Case("gpt4_cot", (4, 4), E.NONE, (("variant", 1),)),
    Case("gpt4_cot", (4, 4), E.PARTIAL_PRODUCT), Case("gpt4_cot", (4, 4), E.CARRY),
    Case("gpt4_cot", (4, 4), E.DIGIT), Case("gpt4_cot", (4, 4), E.DIGIT, (("variant", 1),)),
    Case("gpt4_cot", (4, 4), E.SHIFT), Case("gpt4_cot", (4, 4), E.SUM), Case("gpt4_cot", (4, 4), E.COPY),
    # Qwen-math chunk splits
    Case("qwen_math", (8, 4), E.NONE, (("split_at", 4),)), Case("qwen_math", (10, 5), E.NONE, (("split_at", 5),)),
    Case("qwen_math", (6, 6), E.NONE, (("split_at", 3),)),
    Case("qwen_math", (8, 5), E.SPLIT, (("split_at", 4), ("split_err", -9))),
    Case("qwen_math", (9, 4), E.SPLIT, (("split_at", 5), ("split_err", 100))),
    Case("qwen_math", (8, 6), E.PARTIAL_PRODUCT, (("split_at", 4),)),
    Case("qwen_math", (7, 7), E.SUM, (("split_at", 3),)), Case("qwen_math", (8, 8), E.COPY, (("split_at", 4),)),
    # answer first, ran code, final answer contradicting the working
    Case("answer_first", (5, 4), E.NONE), Case("answer_first", (7, 3), E.NONE),
    Case("answer_first", (6, 4), E.PARTIAL_PRODUCT), Case("answer_first", (5, 5), E.DIGIT),
    Case("ran_code", (7, 7), E.NONE), Case("ran_code", (9, 9), E.NONE),
    Case("ran_code", (8, 8), E.RAN_CODE), Case("ran_code", (10, 10), E.RAN_CODE),
    Case("mismatch", (5, 4), E.MISMATCH), Case("mismatch", (7, 5), E.MISMATCH), Case("mismatch", (6, 3), E.MISMATCH),
    # 2-digit problems and a European layout
    Case("small", (2, 2), E.NONE), Case("small", (2, 2), E.NONE), Case("small", (2, 2), E.PARTIAL_PRODUCT),
    Case("small", (2, 2), E.SUM),
    Case("european", (6, 4), E.NONE), Case("european", (7, 4), E.PARTIAL_PRODUCT),
    # ---- second batch (styles2.py): the structures of issue 17 the first batch lacked ----
    Case("columns", (5, 3), E.NONE), Case("columns", (4, 4), E.NONE),
    Case("columns", (6, 3), E.CARRY, (("slip", "carry"),)), Case("columns", (4, 4), E.CARRY, (("slip", "carry"),)),
    Case("columns", (5, 2), E.PARTIAL_PRODUCT, (("slip", "product"),)),
    Case("restart_sticks", (6, 4), E.PARTIAL_PRODUCT), Case("restart_sticks", (5, 5), E.PARTIAL_PRODUCT),
    Case("restart_sticks", (7, 3), E.PARTIAL_PRODUCT),
    Case("chunk_mult", (7, 9), E.NONE), Case("chunk_mult", (10, 10), E.NONE),
    Case("chunk_mult", (8, 9), E.PARTIAL_PRODUCT, (("slip", "inner"),)),
    Case("chunk_mult", (6, 10), E.DIGIT, (("slip", "digit"),)),
    Case("chunk_mult", (9, 7), E.SUM, (("slip", "sum"),)),
    Case("cross", (8, 8), E.NONE, (("k", 4),)), Case("cross", (10, 10), E.NONE, (("k", 5),)),
    Case("cross", (8, 8), E.SPLIT, (("k", 4), ("slip", "split"))),
    Case("cross", (6, 6), E.PARTIAL_PRODUCT, (("k", 3), ("slip", "product"))),
    Case("cross", (10, 10), E.SUM, (("k", 5), ("slip", "sum"))),
    Case("qwq_discrepancy", (5, 4), E.NONE), Case("qwq_discrepancy", (6, 6), E.NONE),
    Case("gpt4_two_misreads", (4, 4), E.DIGIT), Case("gpt4_two_misreads", (4, 4), E.DIGIT),
    Case("boxed_bare", (6, 5), E.NONE), Case("boxed_bare", (7, 6), E.MISMATCH),
    Case("align_chain", (5, 4), E.NONE), Case("align_chain", (6, 4), E.PARTIAL_PRODUCT),
    Case("align_chain", (7, 5), E.SUM),
    Case("r1_cut_in_align", (6, 5), E.TRUNCATED), Case("r1_cut_in_align", (7, 6), E.TRUNCATED, (("inline", True),)),
    # ---- third batch (styles2.r1_rich): side computations (estimates, subtraction, division checks) ----
    Case("r1_rich", (6, 4), E.NONE), Case("r1_rich", (7, 5), E.NONE), Case("r1_rich", (8, 6), E.NONE),
    Case("r1_rich", (5, 3), E.NONE), Case("r1_rich", (9, 4), E.NONE),
    Case("r1_rich", (6, 5), E.PARTIAL_PRODUCT, (("slip", "trick"),)),
    Case("r1_rich", (7, 4), E.PARTIAL_PRODUCT, (("slip", "trick"),)),
    Case("r1_rich", (8, 5), E.PARTIAL_PRODUCT, (("slip", "trick"),)),
    Case("r1_rich", (6, 6), E.SUM, (("slip", "sum"),)), Case("r1_rich", (9, 7), E.SUM, (("slip", "sum"),)),
)


def operand(digits: int, rng: random.Random) -> int:
    """A number of that many digits, no zero digits (rows of zero are left out by every style)."""
    return int("".join(str(rng.randint(1, 9)) for _ in range(digits)))


def strip_markers(text: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    spans: dict[str, list[tuple[int, int]]] = {"first": [], "also": [], "fixed": []}
    out, opened = [], {}
    names = {FIRST_OPEN: "first", ALSO_OPEN: "also", FIXED_OPEN: "fixed"}
    closes = {FIRST_CLOSE: "first", ALSO_CLOSE: "also", FIXED_CLOSE: "fixed"}
    for ch in text:
        if ch in names:
            opened[names[ch]] = len("".join(out))
        elif ch in closes:
            if closes[ch] in opened:
                spans[closes[ch]].append((opened.pop(closes[ch]), len("".join(out))))
        else:
            out.append(ch)
    return "".join(out), spans


def render(case: Case, index: int) -> dict:
    rng = random.Random(f"realistic-{index}-{case.style}")
    a, b = operand(case.digits[0], rng), operand(case.digits[1], rng)
    opts = dict(case.options)
    err = Err.NONE if case.err is Err.TRUNCATED else case.err
    style = case.style
    if style in SELF_INJECTED or (style == "r1_rich" and opts.get("slip") == "trick"):
        calc = make_calc(a, b, digit_parts(b), Err.NONE, rng)
        calc.err = err
    else:
        parts = digit_parts(b)
        if style in ("o_mini",) and len(str(b)) >= 8:
            parts = chunk_parts(b, 3)   # o-series splits long multipliers in thousands
        where = None
        if err is Err.SHIFT:
            where = rng.randrange(1, len(parts))
        if err is Err.SUM and style in TOTAL_ONLY:
            where = len(parts) - 2   # these replies write the rows and only the total of their sum
        calc = make_calc(a, b, parts, err, rng, where=where)
    if style == "r1":
        reasoning, answer, finish = styles.r1(calc, rng, restart=bool(opts.get("restart")))
    elif style == "r1_inline":
        reasoning, answer, finish = styles.r1(calc, rng, inline_think=True)
    elif style in ("r1_cut", "qwq_cut"):
        fn = styles.r1 if style == "r1_cut" else styles.qwq
        full, _, _ = fn(calc, rng)
        cut = int(len(full) * float(opts["frac"]))
        if FIRST_OPEN in full:   # a wrong step before the cut: the cut comes some way after it
            cut = max(cut, full.index(FIRST_CLOSE) + 60)
        reasoning, answer, finish = full[:cut], "", "length"
    elif style == "qwq":
        reasoning, answer, finish = styles.qwq(calc, rng)
    elif style == "gpt4_cot":
        reasoning, answer, finish = styles.gpt4_cot(calc, rng, variant=int(opts.get("variant", 0)))
    elif style == "qwen_math":
        reasoning, answer, finish = styles.qwen_math(calc, rng, split_at=int(opts["split_at"]),
                                                     split_err=int(opts.get("split_err", 0)))
    elif style == "columns":
        row_at = rng.choice([i for i, p in enumerate(calc.parts) if p.digit >= 2])
        reasoning, answer, finish = styles2.columns(calc, rng, opts.get("slip"), row_at)
    elif style == "restart_sticks":
        reasoning, answer, finish = styles2.restart_sticks(calc, rng, rng.randrange(len(calc.parts)))
    elif style == "chunk_mult":
        reasoning, answer, finish = styles2.chunk_mult(calc, rng, opts.get("slip"))
    elif style == "cross":
        reasoning, answer, finish = styles2.cross(calc, rng, int(opts["k"]), opts.get("slip"))
    elif style == "boxed_bare":
        reasoning, answer, finish = styles2.boxed_bare(calc, rng, case.err is Err.MISMATCH)
    elif style == "r1_rich":
        reasoning, answer, finish = styles2.r1_rich(calc, rng, opts.get("slip"))
    elif style == "r1_cut_in_align":
        reasoning, answer, finish = styles2.r1_cut_in_align(calc, rng, bool(opts.get("inline")))
    elif hasattr(styles2, style):
        reasoning, answer, finish = getattr(styles2, style)(calc, rng)
    else:
        reasoning, answer, finish = getattr(styles, style)(calc, rng)
    calc.marked.clear()
    reasoning, r_spans = strip_markers(reasoning)
    answer, a_spans = strip_markers(answer)
    first = None
    also: list[dict] = []
    for source, text, spans in (("reasoning", reasoning, r_spans), ("answer", answer, a_spans)):
        for start, end in spans["first"]:
            if first is None:
                first = {"source": source, "start": start, "end": end, "text": text[start:end],
                         "claimed": calc.first_num.value, "should_be": calc.first_num.should}
        also += [{"source": source, "start": s, "end": e, "text": text[s:e]} for s, e in spans["also"]]
    fixed = [{"source": src, "start": s, "end": e, "text": t[s:e]}
             for src, t, sp in (("reasoning", reasoning, r_spans), ("answer", answer, a_spans))
             for s, e in sp["fixed"]]
    if finish == "length":
        outcome = "truncated"
    else:
        outcome = "correct" if calc.final.value == a * b else "wrong"
    if first is None:
        also = []
    return {
        "id": f"{style}-{index:02d}", "style": style, "error": case.err.value, "a": a, "b": b,
        "reasoning": reasoning, "answer": answer, "finish_reason": finish,
        "outcome": outcome, "final": calc.final.value if finish != "length" else None,
        "first_wrong": first, "also_locates": also, "fixed_slips": fixed,
    }


def build() -> list[dict]:
    return [render(case, i) for i, case in enumerate(CASES)]


def main() -> None:
    records = build()
    PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    wrong = sum(r["first_wrong"] is not None for r in records)
    print(f"{len(records)} traces ({len(records) - wrong} without a wrong step, {wrong} wrong) -> {PATH}")


if __name__ == "__main__":
    main()

del asdict
