"""The one error of the results package."""

from __future__ import annotations


class ResultsError(ValueError):
    """A results file cannot be used as asked: missing, not an experiment results file, written by a newer
    version, locked by another run, or a record that does not fit. The message is meant for the user (it
    names the file, the line or the record) and is printed as it is, never as a traceback."""
