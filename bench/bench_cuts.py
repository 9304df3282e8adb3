"""Replies cut at the token limit anywhere: each right dev trace of every notation (tests/analysis/generator/),
cut at every third space from 20% to 95% of its length with no answer, should be reported truncated with no
wrong step, unless the cut falls after a slip and before the words that take it back (then the slip stands).

    .venv/bin/python bench/bench_cuts.py [NOTATION ...]

Prints, per notation, the cut traces on which a wrong step is reported, and the first few of each with the
text just before the cut. Dev traces only: the held-out split is measured by bench/bench_analyzer.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ (the generator) is not an installed package

from experiment.analysis import analyze_trace  # noqa: E402
from experiment.analysis.kinds import Category  # noqa: E402
from tests.analysis.generator import ErrorKind, Split, generate  # noqa: E402
from tests.analysis.generator.coverage import cells  # noqa: E402

TRACES = 8  # right dev traces per notation
EVERY = 3  # cut at every third space


def main(argv: list[str] | None = None) -> int:
    notations = sorted({notation for notation, _ in cells()})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notations", nargs="*", metavar="NOTATION", help=f"default: all of {', '.join(notations)}")
    args = parser.parse_args(argv)
    if unknown := sorted(set(args.notations) - set(notations)):
        parser.error(f"no notation {', '.join(unknown)}; the notations are {', '.join(notations)}")
    reported, cut = Counter(), Counter()
    examples: dict[str, list[str]] = {}
    for notation in args.notations or notations:
        for index in range(TRACES):
            trace = generate(notation, ErrorKind.NONE, index, Split.DEV)
            text = trace.reasoning
            spaces = [k for k in range(int(len(text) * 0.2), int(len(text) * 0.95)) if text[k] == " "]
            for at in spaces[::EVERY]:
                verdict = analyze_trace(trace.a, trace.b, text[:at], "", "length").verdict()
                cut[notation] += 1
                if verdict.first_wrong is not None or verdict.category is not Category.TRUNCATED:
                    reported[notation] += 1
                    start, end = verdict.first_wrong.span if verdict.first_wrong else (at, at)
                    examples.setdefault(notation, []).append(
                        f"trace {index}, cut at {at}: {text[start:end]!r} in ...{text[max(0, at - 70):at]!r}")
    for notation in args.notations or notations:
        print(f"{notation:15} {reported[notation]:4} of {cut[notation]:5} cut traces with a wrong step reported")
    print(f"{'all':15} {sum(reported.values()):4} of {sum(cut.values()):5}")
    for notation, lines in examples.items():
        for line in lines[:4]:
            print(f"  {notation}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
