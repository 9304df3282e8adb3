"""Each figure of the overview in one or two sentences: what it shows, read from the same numbers it draws.

The page prints the reading under the figure, and the embedded figure under itself: it is the figure's
text alternative for a reader who cannot see it, and the one line a reader who can see it needs to know
what to look at. Numbers come from experiment/metrics/, as the figures' do.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from experiment import metrics
from experiment.results_page import plain_words


def _percent(value: float) -> str:
    return "–" if pd.isna(value) else f"{100 * value:.0f}%"


def _series_list(parts: list[str]) -> str:
    return "; ".join(parts)


def heatmap(table: pd.DataFrame) -> str:
    cells = metrics.accuracy(table, ["series", "m", "n"]).dropna(subset=["accuracy"])
    parts = []
    for name, group in cells.groupby("series", sort=False):
        worst = group.sort_values(["accuracy", "m", "n"], ascending=[True, False, False]).iloc[0]
        parts.append(f"{name}: from {_percent(group['accuracy'].max())} down to {_percent(worst['accuracy'])} "
                     f"(in the {worst['m']} × {worst['n']} cell)")
    return ("Each square is a cell (digits of a × digits of b), coloured by the share of right answers, green "
            "for all right, red for none. " + _series_list(parts) + ".")


def accuracy(table: pd.DataFrame) -> str:
    data = metrics.accuracy(table, ["series", "digits"]).dropna(subset=["accuracy"])
    parts = []
    for name, group in data.groupby("series", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        low = group.loc[group["accuracy"].idxmin()]
        parts.append(f"{name}: {_percent(first['accuracy'])} at {first['digits']} digits, lowest "
                     f"{_percent(low['accuracy'])} at {low['digits']}, {_percent(last['accuracy'])} at "
                     f"{last['digits']}")
    return ("Share of right answers against m + n, the total number of digits, with its 95% interval as a "
            "band. " + _series_list(parts) + ".")


def answers(table: pd.DataFrame) -> str:
    models = table["model_label"].nunique()
    problems = table.drop_duplicates(["a", "b"]).shape[0]
    counts = table["outcome"].value_counts()
    said = ", ".join(f"{counts[o]:,} {o}" for o in ("correct", "wrong", "truncated", "unparsed", "refused", "error")
                     if o in counts)
    return (f"{models} models (one row each, reasoning models ★ first) on {problems} problems (one column "
            f"each, smallest first), each answer coloured by its outcome: {said}.")


def outcomes(table: pd.DataFrame) -> str:
    counts = metrics.outcome_counts(table, ["series"])
    parts = [f"{row.series}: {row.correct:,} correct, {row.wrong:,} wrong, {row.truncated:,} cut off at the "
             f"token limit of {row.total:,}" for row in counts.itertuples()]
    return ("What happened to every question, cell by cell; a reply cut off at the token limit is its own "
            "colour, not a wrong answer. " + _series_list(parts) + ".")


def tokens(table: pd.DataFrame) -> str:
    data = metrics.token_counts(table, ["series", "digits"], "completion_tokens")
    parts = []
    for name, group in data.groupby("series", sort=False):
        first, last = group.iloc[0], group.iloc[-1]
        parts.append(f"{name}: median {first['median']:.0f} tokens at {first['digits']} digits, "
                     f"{last['median']:.0f} at {last['digits']}")
    if not parts:
        return "No record of these results says how many tokens it used."
    return "How much each model wrote, against the total number of digits. " + _series_list(parts) + "."


def followed(table: pd.DataFrame) -> str:
    data = metrics.followed_share(table, ["series"])
    parts = [f"{row.series}: {row.followed:,} of {row.wrong:,}" for row in data.itertuples()]
    return ("Each bar: of a group's wrong answers, the share given after the model wrote out every partial "
            "product (the thin line is its 95% interval). A tall bar means wrong answers despite the written "
            "algorithm. " + _series_list(parts) + ".")


def first_error(table: pd.DataFrame) -> str:
    data = metrics.first_error_position(table, ["series"])
    parts = []
    for name, group in data.groupby("series", sort=False):
        top = group.sort_values("count", ascending=False, kind="stable").iloc[0]
        parts.append(f"{name}: most often in the {top['position']} of the text ({top['count']:,} of "
                     f"{group['count'].sum():,})")
    return ("Where, in the text the model wrote (reasoning, then answer), its first error that stuck begins: "
            "early means the working went wrong from the start. " + _series_list(parts) + ".")


def categories(table: pd.DataFrame) -> str:
    data = metrics.error_categories(table, ["series"])
    parts = []
    for name, group in data.groupby("series", sort=False):
        top = group.iloc[0]
        parts.append(f"{name}: most often {plain_words.category(top['category'])} ({top['count']:,} of "
                     f"{group['count'].sum():,})")
    return ("What went wrong in the replies that did not end in a right answer, sorted by the trace analyzer. "
            + _series_list(parts) + ".")


READINGS: dict[str, Callable[[pd.DataFrame], str]] = {
    "heatmap": heatmap, "accuracy": accuracy, "answers": answers, "outcomes": outcomes, "tokens": tokens,
    "followed": followed, "first_error": first_error, "categories": categories,
}


def reading(name: str, table: pd.DataFrame) -> str:
    """The reading of figure `name` (a key of figures.FIGURES) for this table."""
    return READINGS[name](table)
