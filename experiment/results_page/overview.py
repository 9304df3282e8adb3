"""The series of the experiment page: which records make one line, bar or panel of a figure.

A handful of models is drawn model by model. Many models (an imported evaluation holds dozens) would make
every figure a tangle of lines, so they are pooled by kind: reasoning models and the others, as the table
of reasoning models (`experiment/reasoning_models.csv`, a source for every row) says. That is the essay's
comparison. The replay and the compare tab still show each model. The numbers themselves are the
experiment's metrics (experiment/metrics/), shared with the command line.
"""

from __future__ import annotations

import pandas as pd

from experiment.reasoning_models import KINDS, model_kind

MAX_SERIES = 8  # more series than this are pooled by kind of model
CELL_KEYS = ["model_label", "variant", "m", "n"]


def with_series(table: pd.DataFrame) -> pd.DataFrame:
    """Add `kind` (model_kind), `series`, `series_model` and `digits` (m + n).

    `series` is the model's label, with the prompt variant when a model was asked in several ways (or
    several files hold the same model), so that every line of a figure is one thing that was measured;
    beyond MAX_SERIES, the kind of model (and the file, when several are shown). `series_model` is what
    the command line calls that model: its label, or the kind's (`stats --by kind`)."""
    table = table.copy()
    models = table[["model_label", "model"]].drop_duplicates()
    kinds = {row.model_label: model_kind(row.model_label, row.model) for row in models.itertuples()}
    table["kind"] = table["model_label"].map(kinds)
    variants = table.groupby("model_label")["variant"].transform("nunique")
    label = table["model_label"].where(variants <= 1, table["model_label"] + " · " + table["variant"])
    several_files = "source" in table and table["source"].nunique() > 1
    if several_files and table.groupby("model_label")["source"].transform("nunique").gt(1).any():
        several = table.groupby("model_label")["source"].transform("nunique") > 1
        label = label.where(~several, label + " (" + table["source"] + ")")
    table["series"] = label
    table["series_model"] = table["model_label"]
    if label.nunique() > MAX_SERIES:
        table["series_model"] = table["kind"].map(KINDS)
        table["series"] = table["series_model"] + (" · " + table["source"] if several_files else "")
    table["digits"] = table["m"] + table["n"]
    order = {kind: index for index, kind in enumerate(KINDS)}
    return table.sort_values("kind", key=lambda k: k.map(order), kind="stable")


def pooled(table: pd.DataFrame) -> bool:
    """Whether the figures pool models by kind (see with_series)."""
    return bool(table["series"].nunique() < table["model_label"].nunique())


def one_sample_per_cell(table: pd.DataFrame) -> bool:
    """Each model answered each cell's problem once: fixed problems, not a sampled grid."""
    return bool(table.groupby(CELL_KEYS).size().max() == 1)
