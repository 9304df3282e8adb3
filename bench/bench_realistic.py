"""The analyzer on the realistic held-out traces (tests/analysis/realistic/traces.jsonl, issue 17).

    .venv/bin/python bench/bench_realistic.py [--analyzer-root DIR] [--by-style]

~80 traces written the way DeepSeek-R1 / R1-distill, QwQ, o1/o3-mini, Claude, Gemini, GPT-4 CoT and
Qwen-math write long multiplication (2 to 10 digits), every label checked against arithmetic by
tests/analysis/realistic/labels.py. The set is held out: the analyzer is never tuned on it. Printed: the
traces without a wrong step reported clean, the wrong traces whose first wrong step is found and
located, and every miss with a one-line reason.

`--analyzer-root DIR` scores the `experiment.analysis` of another source tree (e.g. an export of main:
`git archive main | tar -x -C /tmp/main_tree`), for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.analysis.realistic.labels import problems, records  # noqa: E402
from tests.analysis.realistic.score import score  # noqa: E402

GOAL_LOCATED, GOAL_CLEAN = 0.95, 0.98


def use_analyzer_of(root: Path) -> None:
    """Import `experiment` from another tree: drop what is loaded and put that tree first."""
    for name in [m for m in sys.modules if m == "experiment" or m.startswith("experiment.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root.resolve()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyzer-root", type=Path, help="score the experiment.analysis of this source tree")
    parser.add_argument("--by-style", action="store_true", help="also print the figures per model style")
    args = parser.parse_args()
    recs = records()
    bad = [(r["id"], p) for r in recs for p in problems(r)]
    if bad:
        print("labels do not check out against arithmetic:", *bad, sep="\n  ")
        return 1
    if args.analyzer_root is not None:
        if not (args.analyzer_root / "experiment" / "analysis").is_dir():
            print(f"error: {args.analyzer_root} has no experiment/analysis", file=sys.stderr)
            return 2
        use_analyzer_of(args.analyzer_root)
    from experiment.analysis import ANALYZER_VERSION

    began = time.perf_counter()
    result = score(recs=recs)
    seconds = time.perf_counter() - began
    clean_ok, clean_n = result.clean
    loc_ok, loc_n = result.located
    right = sum(r["outcome"] == "correct" for r in recs)
    print(f"analyzer {ANALYZER_VERSION} from {args.analyzer_root or ROOT}: {len(recs)} realistic held-out traces "
          f"({right} right, {sum(r['outcome'] == 'truncated' for r in recs)} cut at the token limit, "
          f"{loc_n} wrong), {seconds:.2f} s")
    print(f"  right/cut traces reported clean:               {clean_ok} of {clean_n} "
          f"({clean_ok / clean_n:.0%}; goal {GOAL_CLEAN:.0%})")
    print(f"  wrong traces, first wrong step found+located:  {loc_ok} of {loc_n} "
          f"({loc_ok / loc_n:.0%}; goal {GOAL_LOCATED:.0%})")
    if args.by_style:
        totals, oks = Counter(), Counter()
        for o in result.outcomes:
            totals[o.record["style"]] += 1
            oks[o.record["style"]] += o.ok
        print("  per style: " + ", ".join(f"{s} {oks[s]}/{totals[s]}" for s in totals))
    misses = result.misses
    print(f"misses ({len(misses)}):")
    for o in misses:
        print(f"  {o.record['id']:<16} {o.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
