"""The results store: the SQLite database every run is written to, and nothing else.

    with ResultsWriter(path) as writer:          # creates or migrates the file
        writer.lock_for_writing()                # one runner per file
        writer.add_run(run); writer.add_record(record)

    with DatabaseReader(path) as reader:         # never writes
        reader.records(latest_only=True), reader.light_table(version), reader.record(record_id)

`schema.py` holds the fields (Run, Record, Analysis), `migrations.py` the SQL schema as named steps,
`queries.py` every question asked of a file, `files.py` how a database file is recognised and removed.
Everything raises ResultsError. Other formats (this project's JSON Lines export, promptfoo, Inspect AI) are
the importers' (`experiment/importers/`); `experiment.result_files` reads any of them, and a database, alike.
"""

from __future__ import annotations

from experiment.results.errors import ResultsError
from experiment.results.migrations import MIGRATIONS, SCHEMA_VERSION
from experiment.results.reader import DatabaseReader
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
           "ResultsError", "DatabaseReader", "ResultsWriter", "Run", "new_id", "utc_now"]
