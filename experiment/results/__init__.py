"""The results of the experiment: what a results file holds, and the one way to read and write it.

    with ResultsWriter(path) as writer:          # creates or migrates the file
        writer.lock_for_writing()                # one runner per file
        writer.add_run(run); writer.add_record(record)

    with ResultsReader(path) as reader:          # never writes; a database or a JSON Lines export
        reader.records(latest_only=True), reader.light_table(version), reader.record(record_id)

`schema.py` holds the fields (Run, Record, Analysis), `migrations.py` the SQL schema as named steps,
`queries.py` every question asked of a file, `jsonl.py` the export format. Everything raises ResultsError.
"""

from __future__ import annotations

from experiment.results.errors import ResultsError
from experiment.results.migrations import MIGRATIONS, SCHEMA_VERSION
from experiment.results.reader import ResultsReader
from experiment.results.schema import (
    FORMAT_NAME,
    RECORD_FIELDS,
    RUN_FIELDS,
    Analysis,
    Record,
    Run,
    new_id,
    utc_now,
)
from experiment.results.writer import ResultsWriter

__all__ = ["FORMAT_NAME", "MIGRATIONS", "RECORD_FIELDS", "RUN_FIELDS", "SCHEMA_VERSION", "Analysis", "Record",
           "ResultsError", "ResultsReader", "ResultsWriter", "Run", "new_id", "utc_now"]
