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

from embeddings.plotly_block import wrap
from experiment import metrics
from experiment.grading import OUTCOMES
from experiment.results_page import overview, plain_words

OUTCOME_COLOURS = {"correct": "#2e7d32", "wrong": "#c62828", "unparsed": "#ef9a9a", "truncated": "#f9a825",
                   "refused": "#6a1b9a", "error": "#9e9e9e"}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")
# The project's palette (Okabe-Ito, as the explorer's): told apart by readers with common colour-vision
# deficiencies. Categories beyond its colours are merged into "other", drawn grey, never given a reused colour.
CATEGORY_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
OTHER_COLOUR = "#999999"
_LAYOUT = dict(template="plotly_white", font=dict(size=13))
# Phones (375 px, the blog's iframe): a title wraps at this many characters, a panel title at fewer; the
# legend sits below the plot, so that it never squeezes the plot or covers the title.
PANEL_CHARS = 24
_LINE_PX = 21
_LEGEND_ROW_PX = 24


def _legend_rows(names: list[str], width_px: int = 320) -> int:
    """How many rows a horizontal legend of these names takes on a 375-pixel phone, estimated from their
    characters (about 7 px each at 12 px, and 40 px for the symbol and gap)."""
    rows, used = 1, 0
    for name in names:
        item = 40 + 7 * len(name)
        if used and used + item > width_px:
            rows, used = rows + 1, 0
        used += item
    return rows


def _finish(fig: go.Figure, title: str, plot_height: int, *, legend: list[str] | None = None,
            top_extra: int = 0, left: int = 60) -> go.Figure:
    """Title wrapped and left-aligned, the legend (its entries' names) in rows under the plot, and the
    figure's height fitted to the plot, the title's lines and the legend's rows."""
    title_lines = wrap(title).count("<br>") + 1
    top = 24 + _LINE_PX * title_lines + top_extra
    bottom = 55 + (_LEGEND_ROW_PX * _legend_rows(legend) + 10 if legend else 0)
    fig.update_layout(
        # From the figure's top edge down; plotly.js shifts a title of several lines by one line only, so
        # the padding takes the others.
        title=dict(text=wrap(title), x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(l=12, t=8 + _LINE_PX * (title_lines - 1)), font=dict(size=16)),
        margin=dict(l=left, r=16, t=top + 8, b=bottom), height=plot_height + top + bottom,
        showlegend=bool(legend),
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left",
                    font=dict(size=12), tracegroupgap=0),
        **_LAYOUT)
    return fig


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
    columns = min(len(names), 2) or 1
    rows = max(math.ceil(len(names) / columns), 1)
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[wrap(n, PANEL_CHARS) for n in names] or [""],
                        horizontal_spacing=0.12, vertical_spacing=_gap(90, 300 * rows, rows))
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
            zmin=0, zmax=1, colorscale="RdYlGn", showscale=False, name=name),
            row=index // columns + 1, col=index % columns + 1)
    fig.update_xaxes(title_text="digits of b", type="category")
    fig.update_yaxes(title_text="digits of a", type="category", autorange="reversed")
    panel_lines = max((wrap(n, PANEL_CHARS).count("<br>") + 1 for n in names), default=1)
    return _finish(fig, "Accuracy by digit counts", 300 * rows, top_extra=_LINE_PX * panel_lines)


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
    fig.update_layout(xaxis_title="digits of a + digits of b",
                      yaxis=dict(title="accuracy", tickformat=".0%", range=[0, 1.02]))
    return _finish(fig, "Accuracy against the total number of digits (m + n), with 95% intervals", 300,
                   legend=[t.name for t in fig.data if t.showlegend is not False])


def outcome_mix(table: pd.DataFrame) -> go.Figure:
    """Stacked shares of every outcome per cell, one panel per series: truncation is not failure."""
    data = metrics.outcome_shares(table, ["series", "m", "n"])
    data["cell"] = data["m"].astype(str) + "×" + data["n"].astype(str)
    names = list(dict.fromkeys(data["series"]))
    panels = max(len(names), 1)
    fig = make_subplots(rows=panels, cols=1, subplot_titles=[wrap(n) for n in names] or [""], shared_xaxes=False,
                        vertical_spacing=_gap(90, 260 * panels, panels))
    for row, name in enumerate(names, start=1):
        group = data[data["series"] == name]
        for outcome in OUTCOMES:
            part = group[group["outcome"] == outcome]
            fig.add_trace(go.Bar(
                x=part["cell"], y=part["share"], name=plain_words.outcome(outcome),
                marker_color=OUTCOME_COLOURS[outcome], legendgroup=outcome, showlegend=row == 1,
                customdata=part[["count", "total"]].to_numpy(),
                hovertemplate=f"{plain_words.outcome(outcome)}<br>cell %{{x}}: %{{customdata[0]}} of "
                              "%{customdata[1]} (%{y:.0%})<extra></extra>"), row=row, col=1)
    fig.update_yaxes(tickformat=".0%", range=[0, 1])
    fig.update_xaxes(title_text="cell (digits of a × digits of b)", type="category")
    fig.update_layout(barmode="stack")
    return _finish(fig, "Outcome of every record per cell: cut off is not wrong", 260 * panels, top_extra=_LINE_PX,
                   legend=[plain_words.outcome(o) for o in OUTCOMES])


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
    fig.update_layout(xaxis_title="digits of a + digits of b", yaxis_title="tokens")
    return _finish(fig, "Tokens written against the total number of digits (median and quartiles)", 300,
                   legend=[t.name for t in fig.data if t.showlegend is not False])


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
    fig.update_layout(yaxis=dict(title="share of wrong answers", tickformat=".0%", range=[0, 1.02]),
                      xaxis=dict(tickvals=list(data["series"]),
                                 ticktext=[wrap(n, PANEL_CHARS) for n in data["series"]]))
    return _finish(fig, "Wrong answers given after writing every partial product (95% intervals)", 280)


def first_error_position(table: pd.DataFrame) -> go.Figure:
    data = metrics.first_error_position(table, ["series"])
    fig = go.Figure()
    for index, (name, group) in enumerate(data.groupby("series", sort=False)):
        fig.add_trace(go.Bar(x=group["position"], y=group["share"], name=name, marker_color=_colour(index),
                             customdata=group["count"],
                             hovertemplate=(f"{name}<br>%{{x}} of the text: "
                                            "%{customdata} traces (%{y:.0%})<extra></extra>")))
    fig.update_layout(xaxis_title="where it starts in the text", barmode="group",
                      yaxis=dict(title="share of traces", tickformat=".0%"))
    return _finish(fig, "Where the first error that stuck falls in the text the model wrote (reasoning, then "
                   "answer)", 280, legend=[t.name for t in fig.data])


def error_categories(table: pd.DataFrame) -> go.Figure:
    """What went wrong, one stacked bar per series: categories in plain words, each its own colour; the
    rarest beyond the palette's colours merged into "other"."""
    data = metrics.error_categories(table, ["series"])
    totals = data.groupby("category")["count"].sum().sort_values(ascending=False, kind="stable")
    kept = list(totals.index[:len(CATEGORY_COLOURS)]) if len(totals) <= len(CATEGORY_COLOURS) \
        else list(totals.index[:len(CATEGORY_COLOURS) - 1])
    data = data.assign(label=data["category"].where(data["category"].isin(kept), "other"))
    data = data.groupby(["series", "label"], sort=False)[["count", "share"]].sum().reset_index()
    fig = go.Figure()
    names = []
    for index, label in enumerate([*kept, "other"]):
        group = data[data["label"] == label]
        if group.empty:
            continue
        name = "other" if label == "other" else plain_words.category(label)
        names.append(name)
        fig.add_trace(go.Bar(y=[wrap(s, PANEL_CHARS) for s in group["series"]], x=group["share"], name=name,
                             orientation="h", customdata=group["count"],
                             marker_color=OTHER_COLOUR if label == "other" else CATEGORY_COLOURS[index],
                             hovertemplate=f"{name}<br>%{{y}}: %{{customdata}} traces (%{{x:.0%}})<extra></extra>"))
    fig.update_layout(barmode="stack", xaxis=dict(title="share of those replies", tickformat=".0%"),
                      yaxis=dict(automargin=True))
    return _finish(fig, "What went wrong, in the replies that did not end in a right answer",
                   60 + 50 * data["series"].nunique(), legend=names, left=20)


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
    # each model's last answer to each problem, read in one pass (a lookup per cell took half a second)
    last = {(model, a, b): (outcome, value) for model, a, b, outcome, value in zip(
        table["model_label"], table["a"], table["b"], table["outcome"], table["extracted_value"])}
    z, hover = [], []
    for _kind, model in models:
        row_z, row_hover = [], []
        for a, b in zip(problems["a"], problems["b"]):
            if (model, a, b) not in last:
                row_z.append(None)
                row_hover.append("not asked")
                continue
            outcome, value = last[(model, a, b)]
            answer = value if isinstance(value, str) else "none"
            row_z.append(codes[outcome])
            row_hover.append(f"{outcome}<br>answer: {answer}")
        z.append(row_z)
        hover.append(row_hover)
    steps = len(OUTCOMES)
    colourscale = [[edge / steps, OUTCOME_COLOURS[outcome]] for index, outcome in enumerate(OUTCOMES)
                   for edge in (index, index + 1)]
    labels = [f"{name} ★" if kind == "reasoning" else name for (kind, _), name in zip(models, short_names(models))]
    fig = go.Figure(go.Heatmap(
        z=z, x=columns, y=labels, zmin=-0.5, zmax=steps - 0.5, colorscale=colourscale, xgap=2, ygap=2,
        customdata=[[f"{model}<br>{cell}" for cell in row] for (_, model), row in zip(models, hover)],
        hovertemplate="%{x}: %{customdata}<extra></extra>", showscale=False))
    present = [o for o in OUTCOMES if (table["outcome"] == o).any()]
    for outcome in present:  # the colours' key, as a legend under the grid instead of a colour bar beside it
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=plain_words.outcome(outcome),
                                 marker=dict(symbol="square", size=12, color=OUTCOME_COLOURS[outcome])))
    fig.update_yaxes(autorange="reversed", type="category", tickfont=dict(size=11), automargin=True)
    fig.update_xaxes(type="category", side="top", tickfont=dict(size=11), automargin=True)
    return _finish(fig, "Every answer: one row per model (★ reasoning models, first), one column per problem",
                   20 * len(models), legend=[plain_words.outcome(o) for o in present], left=20,
                   top_extra=12 + 7 * max(len(c) for c in columns))  # the problems, turned upright on a phone


def short_names(models: list[tuple[str, str]]) -> list[str]:
    """Model labels without their provider's path (`openrouter:openai/o3-mini` is `o3-mini`) so that the rows'
    names leave a phone room for the answers; the full label where two would read the same."""
    short = [model.rsplit("/", 1)[-1] for _, model in models]
    return [s if short.count(s) == 1 else model for s, (_, model) in zip(short, models)]


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
