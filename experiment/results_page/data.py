"""What the page reads from a results file: a light table for the overview, one full record for a replay.

Texts are read one record at a time, when a trace is replayed. The questions themselves are the results
reader's (`experiment/results/queries.py`); this module only shapes the answers for the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from experiment.analysis import ANALYZER_VERSION
from experiment.result_files import ResultsReader
from experiment.results.queries import LIGHT_COLUMNS

TABLE_COLUMNS = LIGHT_COLUMNS


@dataclass(slots=True)
class Results:
    """One results file as the page sees it."""

    table: pd.DataFrame
    runs: list[dict] = field(default_factory=list)


def load_results(path: Path) -> Results:
    """Every item's latest record (light columns) and the runs with their provenance."""
    with ResultsReader(path, name=Path(path).name) as reader:
        return Results(table=reader.light_table(ANALYZER_VERSION), runs=[run.to_dict() for run in reader.runs()])


def load_record(path: Path, record_id: str) -> dict | None:
    """One full record (texts included, the raw response left out), or None when it is not there."""
    with ResultsReader(path, name=Path(path).name) as reader:
        record = reader.record(record_id)
    if record is None:
        return None
    data = record.to_dict()
    data.pop("raw_response")
    return data


def stored_analysis(path: Path, record_id: str) -> dict | None:
    """The stored analysis (full JSON with steps) of this analyzer version, if the file has one."""
    with ResultsReader(path, name=Path(path).name) as reader:
        return reader.analysis(record_id, ANALYZER_VERSION)
