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
    """The clearest case of the essay's claim: a reasoning model's wrong answer (the grader's outcome, never
    a reply cut at the token limit: that shows the harness stopping a model, not a model going wrong) whose
    written working goes wrong inside a step (a lasting error in a step, not only a wrong final answer);
    first one that wrote out every partial product, then the smallest problem. None when no reasoning
    model's working went wrong in a step: the page says so rather than feature something else."""
    rows = table[(table["kind"] == "reasoning") & table["first_wrong_kind"].notna()
                 & ~table["first_wrong_kind"].isin(_NOT_WORKING) & (table["outcome"] == "wrong")]
    if rows.empty:
        return None
    followed = rows["followed_algorithm"].fillna(0).astype(bool) if "followed_algorithm" in rows else False
    ranked = rows.assign(_digits=rows["m"] + rows["n"], _not_followed=~followed)
    return ranked.sort_values(["_not_followed", "_digits", "model_label", "a"], kind="stable").iloc[0]
