"""The results that ship carry the current analyzer's verdicts.

A page reads stored verdicts; a record without one for the current analyzer version is analysed in memory
when a server first reads its file. For the shipped runs that was every record after each version change: 10 s
of CPU on every fresh server, while every reader of the experiment page waited (bench/bench_load.py). Whoever
changes ANALYZER_VERSION reanalyses them: `python -m experiment reanalyze results/NAME.sqlite`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from experiment.analysis import ANALYZER_VERSION
from experiment.result_files import ResultsReader

SHIPPED = sorted((Path(__file__).resolve().parents[2] / "results").glob("*.sqlite"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_analysable_record_has_the_current_analyzers_verdict(path: Path) -> None:
    with ResultsReader(path, name=path.name) as reader:
        analysable = {record.record_id for record in reader.analysable()}
        analysed = reader.analysed_ids(ANALYZER_VERSION)
    missing = analysable - analysed
    assert not missing, (f"{len(missing)} of {len(analysable)} records in results/{path.name} have no verdict of "
                         f"analyzer {ANALYZER_VERSION}: run `python -m experiment reanalyze results/{path.name}`")


def test_results_ship() -> None:
    assert len(SHIPPED) >= 2
