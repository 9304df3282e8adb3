"""The analyzer on the tuning and the held-out parts of the hand-labelled evidence (issue 17).

    .venv/bin/python bench/bench_holdout.py [--misses]

The split is written down in tests/analysis/holdout.json (sha256 of each trace id, or of each test's
name; 3 in 10 held out), made before the analyzer was changed for issue 17. The analyzer is tuned on the
tuning part only; the held-out part is looked at only to measure. Printed per part: the corpus traces
(tests/analysis/corpus/*.jsonl) with an error whose first wrong step is found, the traces without one
left without one, and how many of the real-styles tests (tests/analysis/test_analysis_real_styles.py) pass.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from experiment.analysis.score import load_corpus, score_corpus  # noqa: E402
from tests.analysis import test_analysis_real_styles as styles  # noqa: E402

SPLIT = ROOT / "tests" / "analysis" / "holdout.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the traces and tests missed")
    args = parser.parse_args()
    split = json.loads(SPLIT.read_text())
    records = {r["id"]: r for r in load_corpus(ROOT / "tests" / "analysis" / "corpus")}
    for part in ("tuning", "held_out"):
        chosen = [records[i] for i in split["corpus"][part] if i in records]
        score = score_corpus(chosen)
        passed, failed = 0, []
        for name in split["real_styles_tests"][part]:
            try:
                getattr(styles, name)()
                passed += 1
            except Exception as error:  # noqa: BLE001 - a failed test is a figure here
                failed.append(f"{name}: {type(error).__name__}")
        total = len(split["real_styles_tests"][part])
        print(f"{part:9s} corpus {len(chosen):3d} traces: with an error, first wrong step found "
              f"{score.wrong_found}/{score.wrong_total} = {score.wrong_found_share:.1%}; without one, none reported "
              f"{score.right_clean}/{score.right_total} = {score.right_clean_share:.1%}; "
              f"real-styles tests {passed}/{total}")
        if args.misses:
            for miss in score.misses:
                print(f"    miss {miss['id']}: labelled {miss['labelled']}, predicted {miss['predicted']}")
            for name in failed:
                print(f"    failed {name}")


if __name__ == "__main__":
    main()
