"""The series of the experiment page: which records make one line, bar or panel of a figure.

The numbers themselves are the experiment's metrics (experiment/metrics/), shared with the command line.
"""

from __future__ import annotations

import pandas as pd


def with_series(table: pd.DataFrame) -> pd.DataFrame:
    """Add `series`: the model's label, with the prompt variant when a model was asked in several ways
    (or several files hold the same model), so that every line of a figure is one thing that was measured;
    and `digits`, m + n."""
    table = table.copy()
    variants = table.groupby("model_label")["variant"].transform("nunique")
    label = table["model_label"].where(variants <= 1, table["model_label"] + " · " + table["variant"])
    if "source" in table and table.groupby("model_label")["source"].transform("nunique").gt(1).any():
        several = table.groupby("model_label")["source"].transform("nunique") > 1
        label = label.where(~several, label + " (" + table["source"] + ")")
    table["series"] = label
    table["digits"] = table["m"] + table["n"]
    return table
