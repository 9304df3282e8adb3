"""The generator from the command line.

    .venv/bin/python -m tests.analysis.generator                      # the dev coverage matrix
    .venv/bin/python -m tests.analysis.generator --misses             # ... and its failing cells, as KNOWN_MISSES
    .venv/bin/python -m tests.analysis.generator --show latex_align shift 3   # one trace, its step marked
    .venv/bin/python -m tests.analysis.generator --jsonl dev.jsonl    # the traces in the corpus format

Held-out traces are for measuring: `--split held-out` prints their matrix, but `--show` and `--jsonl` only
write dev traces, so that nobody tunes the analyzer on them by accident.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.analysis.generator.coverage import cells, coverage, format_matrix, read_verdict
from tests.analysis.generator.generate import generate
from tests.analysis.generator.model import ErrorKind, GeneratedTrace, Split
from tests.analysis.generator.notations import BY_NAME


def corpus_record(trace: GeneratedTrace, index: int) -> dict:
    """A trace in the hand-labelled corpus's JSON Lines form (tests/analysis/corpus/), with the span."""
    span = trace.expected.first_wrong
    return {
        "id": f"generated_{trace.notation}_{trace.kind.value}_{index}", "style": trace.notation,
        "source": "generated", "a": trace.a, "b": trace.b, "reasoning": trace.reasoning, "answer": trace.answer,
        "finish_reason": trace.finish_reason, "outcome": trace.expected.outcome.value,
        "label": {
            "kind": trace.kind.value, "followed_algorithm": trace.expected.followed_algorithm,
            "first_wrong": None if span is None else {
                "claimed": trace.expected.claimed, "source": span.source.value, "span": [span.start, span.end],
                "at": trace.text_at(span)},
        },
    }


def show(trace: GeneratedTrace) -> str:
    """The trace with the expected first wrong step between >>> and <<<, and the analyzer's verdict."""
    span = trace.expected.first_wrong
    fields = {"reasoning": trace.reasoning, "answer": trace.answer}
    if span is not None:
        text = fields[span.source.value]
        fields[span.source.value] = text[:span.start] + ">>>" + text[span.start:span.end] + "<<<" + text[span.end:]
    verdict = read_verdict(trace)
    got = verdict.first_wrong
    return (f"{trace.notation} / {trace.kind.value}: {trace.a} x {trace.b} = {trace.a * trace.b}\n"
            f"--- reasoning\n{fields['reasoning']}\n--- answer\n{fields['answer']}\n---\n"
            f"expected: {trace.expected}\n"
            f"analyzer: {verdict.category}, first wrong {got and repr(trace.text_at(got))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-cell", type=int, default=20)
    parser.add_argument("--split", choices=[s.value for s in Split], default=Split.DEV.value)
    parser.add_argument("--misses", action="store_true", help="print the cells below 95%% as Python tuples")
    parser.add_argument("--show", nargs="+", metavar="NOTATION KIND [INDEX]")
    parser.add_argument("--jsonl", type=Path, help="write the dev traces of every cell to this file")
    args = parser.parse_args(argv)
    if args.per_cell < 1:
        parser.error("--per-cell must be at least 1")
    if args.show:
        kinds = [k.value for k in ErrorKind]
        if len(args.show) not in (2, 3) or args.show[0] not in BY_NAME or args.show[1] not in kinds:
            parser.error(f"--show NOTATION KIND [INDEX]: notations {', '.join(BY_NAME)}; "
                         f"kinds {', '.join(k.value for k in ErrorKind)}")
        notation, kind = args.show[0], ErrorKind(args.show[1])
        if kind not in BY_NAME[notation].kinds:
            parser.error(f"notation {notation} cannot show a {kind.value} error")
        print(show(generate(notation, kind, int(args.show[2]) if len(args.show) == 3 else 0, Split.DEV)))
        return 0
    if args.jsonl:
        lines = [json.dumps(corpus_record(generate(n, k, i, Split.DEV), i), ensure_ascii=False)
                 for n, k in cells() for i in range(args.per_cell)]
        args.jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(lines)} dev traces to {args.jsonl}")
        return 0
    matrix = coverage(Split(args.split), args.per_cell)
    print(format_matrix(matrix))
    if args.misses:
        print("\nKNOWN_MISSES cells (below 95%):")
        for (notation, kind), cell in matrix.cells.items():
            if cell.share < 0.95:
                print(f'    ("{notation}", "{kind.value}"),  # {cell.right}/{cell.total}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
