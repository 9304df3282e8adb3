"""Benchmark of the trace analyzer: traces per second (goal >= 1,000/s) and the labelled-corpus score
(goal >= 95% of first wrong steps right), with the confusion of categories.

    .venv/bin/python bench/bench_analyzer.py [--seconds 5]

Speed is measured on the corpus traces and on synthetic traces written out digit by digit with every
carry (5 x 5 digits, about 2,000 characters; 12 x 12 digits, about 8,500 characters), in one process.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from experiment.analysis import analyze_trace  # noqa: E402
from experiment.analysis.score import format_score, load_corpus, score_corpus  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "analysis" / "corpus" / "traces.jsonl"


def long_trace(a: int, b: int) -> str:
    """A written-out long multiplication with every digit product, carry, partial product and running sum."""
    lines = [f"Okay, let me multiply {a:,} by {b:,} step by step."]
    total = 0
    for k, digit in enumerate(reversed(str(b))):
        d = int(digit)
        carry = 0
        for x in reversed(str(a)):
            value = int(x) * d + carry
            lines.append(f"{x} × {d} = {int(x) * d}, plus carry {carry} = {value}, write {value % 10} carry {value // 10}.")
            carry = value // 10
        partial = a * d * 10**k
        lines.append(f"So {a:,} × {d * 10**k:,} = {partial:,}.")
        if k:
            lines.append(f"Running sum: {total:,} + {partial:,} = {total + partial:,}.")
        total += partial
    lines.append(f"So the product is {total:,}.")
    return "\n".join(lines)


def rate(traces: list[tuple[int, int, str, str]], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for a, b, reasoning, answer in traces:
            analyze_trace(a, b, reasoning, answer)
        done += len(traces)
    return done / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each speed measurement")
    args = parser.parse_args()

    records = load_corpus(CORPUS)
    corpus = [(r["a"], r["b"], r["reasoning"], r["answer"]) for r in records]
    a, b = 493817265049, 720418356927
    long = [(a, b, long_trace(a, b), f"Final Answer: {a * b}")]
    c, d = 58213, 94706
    medium = [(c, d, long_trace(c, d), f"Final Answer: {c * d}")]
    chars = sum(len(t[2]) for t in corpus) / len(corpus)

    corpus_rate = rate(corpus, args.seconds)
    medium_rate = rate(medium, args.seconds)
    long_rate = rate(long, args.seconds)
    print(f"corpus traces (mean {chars:,.0f} chars): {corpus_rate:,.0f} traces/s (goal >= 1,000)")
    print(f"medium traces ({len(medium[0][2]):,} chars, 5x5 digits, every carry written): {medium_rate:,.0f} traces/s")
    print(f"long traces ({len(long[0][2]):,} chars, 12x12 digits): {long_rate:,.0f} traces/s")
    print()
    score = score_corpus(records)
    print(format_score(score))
    ok = corpus_rate >= 1000 and score.first_wrong_share >= 0.95
    print()
    print("goals met" if ok else "GOALS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
