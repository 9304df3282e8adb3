"""Everything the analyzer says about every trace this repository can reach, one JSON line each: the check
that a speed change is pure speed (issue 17: a change that is only faster must leave this file byte-identical).

    .venv/bin/python bench/dump_analyzer_output.py OUT.jsonl [--per-cell 20]
    cmp BEFORE.jsonl AFTER.jsonl

The same check holds the compiled build to its sources (experiment/analysis/compiled.py): a dump made with
`ANALYZER_PURE_PYTHON=1` and one made without it are the same bytes.

Traces: the corpus and dev files (tests/analysis/corpus, tests/analysis/dev), the realistic styles
(tests/analysis/realistic/traces.jsonl), the shipped runs' exports (results/*.jsonl), each of those with
reasoning also padded to ~2,000 and ~8,000 characters with prose and restarts (as bench_analyzer.py reads
them), the generator's dev and held-out traces of every cell (`--per-cell` each: held-out traces are only
read here, never shown), every record of the shipped results databases (read as the grader read them,
and also without the grade), the llmmath promptfoo export in ../shared/data/llmmath, five ~30,000-character
LaTeX traces and the written-out worst cases. Per trace: the verdict with every step (`to_dict`) as given,
as if cut at the token limit, the trace's own result, and what the layers below read (the plain text with
its map back to the reply, the claims and the decompositions), so that a difference shows where it starts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/ (the generator) is not an installed package

from bench.bench_analyzer import long_trace  # noqa: E402
from experiment.analysis import analyze_trace  # noqa: E402
from experiment.analysis.claims import parse_claims  # noqa: E402
from experiment.analysis.notation import plain_text  # noqa: E402
from experiment.importers import parse_file  # noqa: E402
from experiment.result_files import ResultsReader  # noqa: E402
from testkit.longtrace import pad_trace  # noqa: E402
from tests.analysis.generator import Split, generate  # noqa: E402
from tests.analysis.generator.coverage import cells  # noqa: E402
from tests.analysis.generator.long import long_latex_trace  # noqa: E402

PROMPTFOO = ROOT.parent / "shared" / "data" / "llmmath" / "multiplication-2025-04-27.promptfoo.json"

# (name, a, b, reasoning, answer, finish_reason, the grader's value or None)
Trace = tuple[str, int, int, str, str, Optional[str], Optional[int]]


def traces(per_cell: int) -> Iterator[Trace]:
    files = [*sorted((ROOT / "tests/analysis/corpus").glob("*.jsonl")),
             *sorted((ROOT / "tests/analysis/dev").glob("*.jsonl")),
             ROOT / "tests/analysis/realistic/traces.jsonl", *sorted((ROOT / "results").glob("*.jsonl"))]
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [r for r in (json.loads(line) for line in lines if line.strip()) if "a" in r and "reasoning" in r]
        for i, r in enumerate(records):
            a, b, reasoning, answer = int(r["a"]), int(r["b"]), r["reasoning"] or "", r.get("answer") or ""
            yield f"{path.name}:{i}", a, b, reasoning, answer, r.get("finish_reason"), None
            if reasoning:
                for target in (2000, 8000):
                    padded = pad_trace(a, b, reasoning, target, seed=i, restarts=True)
                    yield f"{path.name}:{i}:pad{target}", a, b, padded, answer, None, None
    for split in (Split.DEV, Split.HELD_OUT):
        for notation, kind in cells():
            for i in range(per_cell):
                t = generate(notation, kind, i, split)
                yield (f"generated:{split.value}:{notation}:{kind.value}:{i}", t.a, t.b, t.reasoning, t.answer,
                       t.finish_reason, None)
    for db in sorted((ROOT / "results").glob("*.sqlite")):
        with ResultsReader(db) as reader:
            for rec in reader.analysable():
                graded = int(rec.extracted_value) if rec.extracted_value is not None else None
                yield (f"{db.name}:{rec.record_id}", int(rec.a), int(rec.b), rec.reasoning or "", rec.answer or "",
                       rec.finish_reason, graded)
    if PROMPTFOO.exists():
        _, parsed = parse_file(PROMPTFOO)
        for i, rec in enumerate(parsed.records):
            if rec.get("a") is not None:
                yield (f"promptfoo:{i}", int(rec["a"]), int(rec["b"]), rec.get("reasoning") or "",
                       rec.get("answer") or "", rec.get("finish_reason"), None)
    for seed in range(5):
        a, b, reasoning, answer = long_latex_trace(30_000, seed=seed)
        yield f"long_latex:{seed}", a, b, reasoning, answer, None, None
    for a, b in ((58213, 94706), (493817265049, 720418356927), (4567, 892)):
        yield f"worst_case:{a}", a, b, long_trace(a, b), f"Final Answer: {a * b}", None, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--per-cell", type=int, default=20, help="generated traces per cell and split")
    args = parser.parse_args()
    count = 0
    with args.output.open("w", encoding="utf-8") as out:
        for name, a, b, reasoning, answer, finish, graded in traces(args.per_cell):
            plain_reasoning, plain_answer = plain_text(reasoning), plain_text(answer)
            claims, decompositions = parse_claims(plain_reasoning.text + "\n\n" + plain_answer.text)
            variants = [("as given", finish, graded), ("cut", "length", None)]
            if graded is not None:
                variants.append(("ungraded", finish, None))
            for variant, finish_reason, value in variants:
                analysis = analyze_trace(a, b, reasoning, answer, finish_reason, value)
                out.write(json.dumps({"id": name, "variant": variant, "verdict": analysis.verdict().to_dict(),
                                      "trace_result": analysis.trace_result}, sort_keys=True) + "\n")
            out.write(json.dumps({
                "id": name, "plain": [plain_reasoning.text, plain_reasoning.segments, plain_answer.text,
                                      plain_answer.segments],
                "claims": [repr(claim) for claim in claims], "decompositions": decompositions}) + "\n")
            count += 1
    print(f"{count} traces written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
