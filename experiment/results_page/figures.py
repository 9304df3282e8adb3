"""The overview's plotly figures. Each takes the record table (with `series`, see overview.with_series) and
returns a figure that stands on its own, because each can be exported as the blog's plotly block or shown
alone in an iframe (`?view=figure&figure=NAME&embed=true`). Every number drawn is one of the experiment's
metrics (experiment/metrics/), grouped by series: the same numbers the command line prints."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from experiment import metrics
from experiment.grading import OUTCOMES
from experiment.results_page import overview

OUTCOME_COLOURS = {"correct": "#2e7d32", "wrong": "#c62828", "unparsed": "#ef9a9a", "truncated": "#f9a825",
                   "refused": "#6a1b9a", "error": "#9e9e9e"}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
_LAYOUT = dict(template="plotly_white", margin=dict(l=60, r=20, t=70, b=50), font=dict(size=13))


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _band_colour(index: int) -> str:
    colour = _colour(index).lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},0.18)"


def _percent(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{100 * value:.0f}%"


def _gap(pixels: int, height: int, rows: int) -> float:
    """The vertical gap between panels as the share of the figure plotly wants: a fixed number of pixels,
    so that 50 models' panels still fit (plotly refuses a gap above 1 / (rows - 1))."""
    return min(pixels / height, 0.9 / max(rows - 1, 1))


def accuracy_heatmap(table: pd.DataFrame) -> go.Figure:
    """One m x n grid per series; hover gives the counts behind each cell and its Wilson interval."""
    cells = metrics.accuracy(table, ["series", "m", "n"])
    names = list(dict.fromkeys(cells["series"]))
    columns = min(len(names), 3) or 1
    rows = max(math.ceil(len(names) / columns), 1)
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=names or [""], horizontal_spacing=0.08,
                        vertical_spacing=_gap(80, 360 * rows + 60, rows))
    ms = sorted(cells["m"].unique())
    ns = sorted(cells["n"].unique())
    for index, name in enumerate(names):
        grid = cells[cells["series"] == name].set_index(["m", "n"])
        z, text, custom = [], [], []
        for m in ms:
            z.append([grid.at[(m, n), "accuracy"] if (m, n) in grid.index else None for n in ns])
            text.append([_percent(grid.at[(m, n), "accuracy"]) if (m, n) in grid.index else "" for n in ns])
            custom.append([_cell_hover(grid.loc[(m, n)]) if (m, n) in grid.index else "no records" for n in ns])
        fig.add_trace(go.Heatmap(
            z=z, x=[str(n) for n in ns], y=[str(m) for m in ms], text=text, texttemplate="%{text}",
            customdata=custom, hovertemplate="a: %{y} digits, b: %{x} digits<br>%{customdata}<extra></extra>",
            zmin=0, zmax=1, colorscale="RdYlGn", showscale=index == 0, name=name,
            colorbar=dict(title="accuracy", tickformat=".0%")),
            row=index // columns + 1, col=index % columns + 1)
    fig.update_xaxes(title_text="digits of b", type="category")
    fig.update_yaxes(title_text="digits of a", type="category", autorange="reversed")
    fig.update_layout(title="Accuracy by digit counts", height=360 * rows + 60, **_LAYOUT)
    return fig


def _cell_hover(row: pd.Series) -> str:
    interval = ("–" if pd.isna(row["ci_low"]) else f"{100 * row['ci_low']:.0f}–{100 * row['ci_high']:.0f}%")
    left_out = ", ".join(f"{int(row[o])} {o}" for o in ("truncated", "refused", "error") if row[o])
    return (f"accuracy {_percent(row['accuracy'])} ({int(row['correct'])} of {int(row['counted'])} counted)"
            f"<br>95% interval (Wilson): {interval}<br>wrong {int(row['wrong'])}, unparsed {int(row['unparsed'])}"
            + (f"<br>not counted: {left_out}" if left_out else ""))


def accuracy_by_digits(table: pd.DataFrame) -> go.Figure:
    """One line per series against m + n, with its Wilson band."""
    data = metrics.accuracy(table, ["series", "digits"])
    fig = go.Figure()
    for index, (name, group) in enumerate(data.groupby("series", sort=False)):
        x = group["digits"].tolist()
        fig.add_trace(go.Scatter(x=x + x[::-1], y=group["ci_high"].tolist() + group["ci_low"].tolist()[::-1],
                                 fill="toself", fillcolor=_band_colour(index), line=dict(width=0), mode="lines",
                                 hoverinfo="skip", showlegend=False, name=f"{name} 95% interval"))
        fig.add_trace(go.Scatter(
            x=x, y=group["accuracy"], mode="lines+markers", name=name, line=dict(color=_colour(index)),
            customdata=group[["correct", "counted", "ci_low", "ci_high"]].to_numpy(),
            hovertemplate=(f"{name}<br>%{{x}} digits in all: %{{y:.0%}} (%{{customdata[0]}} of "
                           "%{customdata[1]})<br>95% interval %{customdata[2]:.0%}–%{customdata[3]:.0%}"
                           "<extra></extra>")))
    fig.update_layout(title="Accuracy against the total number of digits (m + n), with 95% intervals",
                      xaxis_title="digits of a + digits of b", yaxis=dict(title="accuracy", tickformat=".0%",
                                                                          range=[0, 1.02]), height=420, **_LAYOUT)
    return fig


def outcome_mix(table: pd.DataFrame) -> go.Figure:
    """Stacked shares of every outcome per cell, one panel per series: truncation is not failure."""
    data = metrics.outcome_shares(table, ["series", "m", "n"])
    data["cell"] = data["m"].astype(str) + "×" + data["n"].astype(str)
    names = list(dict.fromkeys(data["series"]))
    fig = make_subplots(rows=max(len(names), 1), cols=1, subplot_titles=names or [""], shared_xaxes=False,
                        vertical_spacing=_gap(70, 300 * max(len(names), 1) + 80, max(len(names), 1)))
    for row, name in enumerate(names, start=1):
        group = data[data["series"] == name]
        for outcome in OUTCOMES:
            part = group[group["outcome"] == outcome]
            fig.add_trace(go.Bar(
                x=part["cell"], y=part["share"], name=outcome, marker_color=OUTCOME_COLOURS[outcome],
                legendgroup=outcome, showlegend=row == 1, customdata=part[["count", "total"]].to_numpy(),
                hovertemplate=f"{outcome}<br>cell %{{x}}: %{{customdata[0]}} of %{{customdata[1]}} "
                              "(%{y:.0%})<extra></extra>"), row=row, col=1)
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_xaxes(title_text="cell (digits of a × digits of b)", type="category")
    fig.update_layout(barmode="stack", title="Outcome of every record per cell: truncated is not wrong",
                      height=300 * max(len(names), 1) + 80, **_LAYOUT)
    return fig


def tokens_by_digits(table: pd.DataFrame) -> go.Figure:
    """Median completion tokens against m + n, with the interquartile range; reasoning tokens, where the
    provider reports them, as a dashed line of the same colour."""
    fig = go.Figure()
    completion = metrics.token_counts(table, ["series", "digits"], "completion_tokens")
    reasoning = metrics.token_counts(table, ["series", "digits"], "reasoning_tokens")
    for index, (name, group) in enumerate(completion.groupby("series", sort=False)):
        x = group["digits"].tolist()
        fig.add_trace(go.Scatter(x=x + x[::-1], y=group["q3"].tolist() + group["q1"].tolist()[::-1],
                                 fill="toself", fillcolor=_band_colour(index), line=dict(width=0), mode="lines",
                                 hoverinfo="skip", showlegend=False, name=f"{name} quartiles"))
        fig.add_trace(_median_line(group, name, "completion", _colour(index), "solid"))
        own = reasoning[reasoning["series"] == name]
        if not own.empty:
            fig.add_trace(_median_line(own, f"{name} (reasoning)", "reasoning", _colour(index), "dash"))
    fig.update_layout(title="Tokens written against the total number of digits (median and quartiles)",
                      xaxis_title="digits of a + digits of b", yaxis_title="tokens", height=420, **_LAYOUT)
    return fig


def _median_line(group: pd.DataFrame, name: str, what: str, colour: str, dash: str) -> go.Scatter:
    return go.Scatter(x=group["digits"], y=group["median"], mode="lines+markers", name=name,
                      line=dict(color=colour, dash=dash), customdata=group[["q1", "q3", "records"]].to_numpy(),
                      hovertemplate=(f"{name}<br>%{{x}} digits: median %{{y:.0f}} {what} tokens<br>quartiles "
                                     "%{customdata[0]:.0f}–%{customdata[1]:.0f} over %{customdata[2]} "
                                     "records<extra></extra>"))


def followed_algorithm(table: pd.DataFrame) -> go.Figure:
    """The essay's claim in one bar per series: wrong answers that came after the full algorithm."""
    data = metrics.followed_share(table, ["series"])
    fig = go.Figure(go.Bar(
        x=data["series"], y=data["share"], marker_color=[_colour(i) for i in range(len(data))],
        error_y=dict(type="data", symmetric=False, array=data["ci_high"] - data["share"],
                     arrayminus=data["share"] - data["ci_low"]),
        customdata=data[["followed", "wrong"]].to_numpy(),
        hovertemplate="%{x}<br>%{customdata[0]:.0f} of %{customdata[1]} wrong answers (%{y:.0%}) followed "
                      "the algorithm<extra></extra>"))
    fig.update_layout(title="Wrong answers given after writing every partial product (95% intervals)",
                      yaxis=dict(title="share of wrong answers", tickformat=".0%", range=[0, 1.02]),
                      height=400, **_LAYOUT)
    return fig


def first_error_position(table: pd.DataFrame) -> go.Figure:
    data = metrics.first_error_position(table, ["series"])
    fig = go.Figure()
    for index, (name, group) in enumerate(data.groupby("series", sort=False)):
        fig.add_trace(go.Bar(x=group["position"], y=group["share"], name=name, marker_color=_colour(index),
                             customdata=group["count"],
                             hovertemplate=(f"{name}<br>%{{x}} of the text: "
                                            "%{customdata} traces (%{y:.0%})<extra></extra>")))
    fig.update_layout(title="Where the first error that stuck falls in the text the model wrote",
                      xaxis_title="where it starts in the text (reasoning, then answer)", barmode="group",
                      yaxis=dict(title="share of traces with an error", tickformat=".0%"), height=400, **_LAYOUT)
    return fig


def error_categories(table: pd.DataFrame) -> go.Figure:
    data = metrics.error_categories(table, ["series"])
    fig = go.Figure()
    for index, (category, group) in enumerate(data.groupby("category", sort=False)):
        fig.add_trace(go.Bar(y=group["series"], x=group["share"], name=category, orientation="h",
                             marker_color=_colour(index), customdata=group["count"],
                             hovertemplate=f"{category}<br>%{{y}}: %{{customdata}} traces (%{{x:.0%}})<extra></extra>"))
    fig.update_layout(title="What went wrong, in the traces that did not end in a correct answer",
                      barmode="stack", xaxis=dict(title="share of those traces", tickformat=".0%"),
                      height=260 + 40 * data["series"].nunique(), **_LAYOUT)
    return fig


MAX_PROBLEMS = 60  # columns of the answers grid


def answers_grid(table: pd.DataFrame) -> go.Figure:
    """Every answer, one row per model and one column per problem, coloured by outcome: the view of fixed
    problems asked once each (one sample per cell), where a cell's accuracy is 0% or 100%. Models are
    grouped by kind (reasoning models first), then by how many they got right."""
    problems = table.drop_duplicates(["a", "b"]).assign(
        _size=lambda t: t["a"].astype(str).str.len() + t["b"].astype(str).str.len())
    problems = problems.sort_values(["_size", "m"], kind="stable")
    columns = [f"{a} × {b}" for a, b in zip(problems["a"], problems["b"])]
    right = table.assign(_right=table["outcome"] == "correct").groupby(["kind", "model_label"])["_right"].sum()
    order = {kind: index for index, kind in enumerate(overview.KINDS)}
    models = sorted(right.index, key=lambda km: (order.get(km[0], 9), -right[km], km[1]))
    codes = {outcome: index for index, outcome in enumerate(OUTCOMES)}
    z, hover = [], []
    for _kind, model in models:
        mine = table[table["model_label"] == model].drop_duplicates(["a", "b"], keep="last").set_index(["a", "b"])
        row_z, row_hover = [], []
        for a, b in zip(problems["a"], problems["b"]):
            if (a, b) not in mine.index:
                row_z.append(None)
                row_hover.append("not asked")
                continue
            record = mine.loc[(a, b)]
            answer = record["extracted_value"] if isinstance(record["extracted_value"], str) else "none"
            row_z.append(codes[record["outcome"]])
            row_hover.append(f"{record['outcome']}<br>answer: {answer}")
        z.append(row_z)
        hover.append(row_hover)
    steps = len(OUTCOMES)
    colourscale = [[edge / steps, OUTCOME_COLOURS[outcome]] for index, outcome in enumerate(OUTCOMES)
                   for edge in (index, index + 1)]
    labels = [f"{model} ★" if kind == "reasoning" else model for kind, model in models]
    fig = go.Figure(go.Heatmap(
        z=z, x=columns, y=labels, zmin=-0.5, zmax=steps - 0.5, colorscale=colourscale, xgap=2, ygap=2,
        customdata=hover, hovertemplate="%{y}<br>%{x}: %{customdata}<extra></extra>",
        colorbar=dict(title="outcome", tickvals=list(range(steps)), ticktext=list(OUTCOMES))))
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=11))
    fig.update_xaxes(type="category", side="top")
    fig.update_layout(title="Every answer: one row per model (★ reasoning models, first), one column per problem",
                      height=22 * len(models) + 200, **{**_LAYOUT, "margin": dict(l=60, r=20, t=110, b=30)})
    return fig


FIGURES: dict[str, tuple[str, Callable[[pd.DataFrame], go.Figure]]] = {
    # The page draws them in this order: first the figure that carries the essay's claim.
    "followed": ("Wrong answers that followed the algorithm", followed_algorithm),
    "heatmap": ("Accuracy heatmap", accuracy_heatmap),
    "accuracy": ("Accuracy against digits", accuracy_by_digits),
    "answers": ("Every answer, model by model", answers_grid),
    "outcomes": ("Outcome mix per cell", outcome_mix),
    "tokens": ("Tokens against digits", tokens_by_digits),
    "first_error": ("Where the first error falls", first_error_position),
    "categories": ("Error categories", error_categories),
}
ANALYZER_FIGURES = ("followed", "first_error", "categories")


def unavailable(name: str, table: pd.DataFrame) -> str | None:
    """Why figure `name` has nothing to draw for this table, in the reader's words; None when it has. The
    page and its embeds both ask here, so an embed never draws empty axes where the page draws nothing."""
    if name == "answers" and not overview.one_sample_per_cell(table):
        problems = table.drop_duplicates(["a", "b"]).shape[0]
        return (f"Every answer is drawn only for fixed problems asked once each (one sample per cell); these "
                f"results hold {problems:,} problems, several per cell: see the accuracy heatmap.")
    if name == "answers" and table.drop_duplicates(["a", "b"]).shape[0] > MAX_PROBLEMS:
        return (f"{table.drop_duplicates(['a', 'b']).shape[0]:,} problems are too many to draw each answer; "
                "see the accuracy heatmap.")
    if name in ANALYZER_FIGURES and table["category"].notna().sum() == 0:
        return "No trace of these results has been analysed yet, so there is nothing to draw here."
    if name == "followed" and not (table["outcome"] == "wrong").any():
        return "No wrong answers, so no share of them that followed the algorithm."
    if name == "first_error" and metrics.with_lasting_error(table).empty:
        return "No trace has an error that stuck, so there is no first error to place."
    if name == "categories" and (table["outcome"] == "correct").all():
        return "Every answer was correct: no error to sort into categories."
    return None


def build(name: str, table: pd.DataFrame) -> go.Figure:
    """The figure called `name` (a key of FIGURES) for this table."""
    return FIGURES[name][1](table)
