"""Score the analyzer on the fresh traces, one split at a time.

    .venv/bin/python -m tests.analysis.fresh.score [--split tune|held] [--misses]

Scoring is the realistic set's (`tests/analysis/realistic/score.py`): a wrong trace is located when the first
error that stuck overlaps the labelled number (or a number of the same step), a right one when no error stuck,
a cut one when it has no wrong step and is called truncated. Tune on `tune`; `held` is measured only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.analysis.realistic.score import score

PATH = Path(__file__).with_name("traces.jsonl")


def records(split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("tune", "held"), default="tune")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    result = score(recs=records(args.split))
    ok = sum(o.ok for o in result.outcomes)
    print(f"{args.split}: {ok}/{len(result.outcomes)} (clean {result.clean[0]}/{result.clean[1]}, "
          f"located {result.located[0]}/{result.located[1]})")
    if args.misses:
        for o in result.misses:
            print(f"  {o.record['id']}: {o.reason}")


if __name__ == "__main__":
    main()
