"""What the page opens on when the URL names nothing: the results and the replay that make the essay's
point, chosen by rule from whatever results the server holds, so that no file name or model is wired in."""

from __future__ import annotations

import pandas as pd

from experiment.reasoning_models import model_kind

# A wrong final answer alone is not "wrong working": the featured replay goes wrong inside the algorithm.
_NOT_WORKING = ("answer", "result")


def holds_reasoning_models(table: pd.DataFrame) -> bool:
    """Whether a file's light table holds a reasoning model."""
    models = table[["model_label", "model"]].drop_duplicates()
    return any(model_kind(row.model_label, row.model) == "reasoning" for row in models.itertuples())


def featured_record(table: pd.DataFrame) -> pd.Series | None:
    """The smallest problem on which a reasoning model wrote out its working and went wrong inside it
    (a lasting error in a step, not only a wrong final answer), a wrong answer before a truncated one;
    None when no reasoning model did."""
    rows = table[(table["kind"] == "reasoning") & table["first_wrong_kind"].notna()
                 & ~table["first_wrong_kind"].isin(_NOT_WORKING) & table["outcome"].isin(["wrong", "truncated"])]
    if rows.empty:
        return None
    ranked = rows.assign(_digits=rows["m"] + rows["n"], _cut=rows["outcome"] == "truncated")
    return ranked.sort_values(["_digits", "_cut", "model_label", "a"], kind="stable").iloc[0]
