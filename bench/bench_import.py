"""Benchmark of ``python -m experiment import`` on promptfoo exports: records per second, parse and write.

Builds promptfoo exports of N results (the shape of the shared llmmath export: long reasoning outputs for a
tenth of them, bare answers for the rest), parses each whole, then writes it into a fresh SQLite file
through the same writer the command line uses. Prints records/s for parsing and for writing, and the
file's size. Not part of the test suite.

    .venv/bin/python bench/bench_import.py                  # 364 and 20,000 results
    .venv/bin/python bench/bench_import.py --results 100000
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from experiment.importers import parse_file, write_import
from experiment.results import ResultsWriter


def export(count: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    results = []
    for index in range(count):
        a, b = rng.randint(10, 10**9), rng.randint(10, 10**9)
        long = index % 10 == 0
        working = f"Let me multiply {a} by {b} step by step. " * 40 + f"So the answer is {a * b}."
        output = working if long else str(a * b)
        results.append({"id": f"r{index}", "provider": {"id": f"vendor/model-{index % 50}", "label": ""},
                        "vars": {"a": a, "b": b, "expected": a * b},
                        "prompt": {"raw": f"Calculate {a} times {b}.", "label": "Calculate {{a}} times {{b}}."},
                        "response": {"output": output, "tokenUsage": {"total": len(output) // 4 + 20}},
                        "success": True, "latencyMs": 100, "testIdx": index})
    return {"evalId": "bench", "config": {}, "results": {"version": 3, "timestamp": "2025-01-01T00:00:00Z",
                                                          "results": results}}


def measure(count: int, folder: Path) -> None:
    source = folder / f"export-{count}.json"
    source.write_text(json.dumps(export(count)))
    started = time.perf_counter()
    _, parsed = parse_file(source)
    parsed_at = time.perf_counter()
    with ResultsWriter(folder / f"db-{count}.sqlite") as writer:
        write_import(parsed, writer)
    written_at = time.perf_counter()
    size = source.stat().st_size / 2**20
    print(f"{count:>7,} results ({size:,.1f} MB): parse {count / (parsed_at - started):>8,.0f} records/s, "
          f"write {count / (written_at - parsed_at):>8,.0f} records/s, total {written_at - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=int, nargs="*", default=[364, 20_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.results:
            measure(count, Path(folder))


if __name__ == "__main__":
    main()
