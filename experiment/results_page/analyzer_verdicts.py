"""The trace analyzer's verdicts for the page: stored ones when the file has them, computed otherwise.

A results file analysed with `python -m experiment analyze --db` carries its verdicts; a fresh run, an
upload or a run still being written may not. The page never writes to a results file, so missing verdicts
are computed in memory, up to a bound (the analyzer reads about a thousand traces a second): beyond it the
analyzer's figures say how many traces they cover and how to analyse the rest.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from experiment.analysis.result import TraceVerdict
from experiment.analysis.storage import analyse, analyse_missing
from experiment.results_page.data import stored_analysis

ON_THE_FLY_LIMIT = 3000


def analyse_record(record: dict) -> TraceVerdict:
    """The full analysis (with every step) of one stored record."""
    return analyse(record)


def analysis_for(path: Path, record: dict) -> TraceVerdict | None:
    """What the replay draws its marks from: the stored analysis, or one made now; None for a request that got
    no answer."""
    if record["outcome"] == "error":
        return None
    stored = stored_analysis(path, record["record_id"])
    return TraceVerdict.from_dict(stored) if stored else analyse_record(record)


def fill_missing(path: Path, table: pd.DataFrame, limit: int = ON_THE_FLY_LIMIT) -> tuple[pd.DataFrame, int]:
    """The table with verdicts computed in memory for records that lack one (at most `limit`); returns how
    many records are still without a verdict."""
    return analyse_missing(path, table, limit)
