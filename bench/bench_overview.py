"""Benchmark of the experiment page's overview: 100,000 records, from the database to drawn figures.

    .venv/bin/python bench/bench_overview.py [--records 100000] [--keep DIR]

Builds a synthetic run through the runner's store (4 models x 2..11 x 2..11 digits, every outcome), stores
the trace analyzer's verdicts with its own command (`analyse_database`, as `python -m experiment analyze
--db` does), then times what the page does: read the light table (cold: the page caches it per file version)
and compute and draw the overview (every aggregation, all seven figures built and serialised to the JSON
Streamlit sends to the browser). "Warm" is the second draw in the same process, as on a page rerun. Goal:
the warm overview in at most 2 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from experiment.analysis.storage import analyse_database
from experiment.results_page import figures
from experiment.results_page.analyzer_verdicts import fill_missing
from experiment.results_page.data import load_results
from experiment.results_page.overview import with_series
from testkit import synthetic_results as synthetic

MODELS = ("tiny-base", "mid-chat", "reasoner-a", "reasoner-b")
GOAL_S = 2.0


def build(path: Path, records: int) -> None:
    digits = range(2, 12)  # 10 x 10 cells; a 1 x 1 cell holds only 81 distinct problems
    samples = max(1, records // (len(MODELS) * len(digits) ** 2))
    run = synthetic.new_run("bench")
    rows = (record for index, model in enumerate(MODELS)
            for record in synthetic.grid_records(run.run_id, model, "algorithm", digits, samples, seed=index,
                                                 style=synthetic.REASONING_STYLE if index else synthetic.WORKING_STYLE))
    started = time.perf_counter()
    written = synthetic.write_records(path, rows, run)
    print(f"wrote {written:,} records through the store in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    analysed, _ = analyse_database(path)
    print(f"analysed {analysed:,} traces with the trace analyzer in {time.perf_counter() - started:.1f} s")


def draw(table) -> tuple[float, int]:
    started = time.perf_counter()
    table = with_series(table)
    size = sum(len(figures.build(name, table).to_json()) for name in figures.FIGURES)
    return time.perf_counter() - started, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create) the database in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-overview-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bench-{args.records}.sqlite"
    if not path.exists():
        build(path, args.records)

    started = time.perf_counter()
    results = load_results(path)
    table, unanalysed = fill_missing(path, results.table)
    load_s = time.perf_counter() - started
    print(f"read {len(table):,} latest records (light columns, verdicts joined) in {load_s:.2f} s "
          f"({unanalysed} without a verdict)")
    cold_s, size = draw(table)
    warm = [draw(table)[0] for _ in range(3)]
    warm_s = min(warm)
    print(f"overview, cold: {cold_s:.2f} s; warm: {warm_s:.2f} s (best of 3; {size / 1e6:.1f} MB of figure JSON)")
    print(f"first view of an uncached file (read + draw): {load_s + cold_s:.2f} s")
    print(f"goal: warm overview <= {GOAL_S:.0f} s: {'met' if warm_s <= GOAL_S else 'NOT met'}")
    return 0 if warm_s <= GOAL_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
