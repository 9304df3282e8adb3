"""Plotly figures: the scatter of a scene (2D or 3D) and the cosine-similarity heatmap."""
from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import plotly.graph_objects as go

from embeddings import camera, labels
from embeddings.labels import Frame
from embeddings.scene import GROUPS, Scene
from embeddings.trust import outline_colour

# Okabe & Ito's palette, told apart by readers with any common colour-vision deficiency; shapes differ too.
GROUP_STYLE = {
    "entered": {"color": "#0072B2", "size": 10, "opacity": 1.0, "name": "entered words", "symbol": "circle",
                "text": "#1a1a1a"},
    "neighbour": {"color": "#E69F00", "size": 8, "opacity": 0.9, "name": "neighbours", "symbol": "diamond",
                  "text": "#595959"},
    "analogy": {"color": "#D55E00", "size": 14, "opacity": 1.0, "name": "analogy result", "symbol": "star",
                "text": "#1a1a1a"},
    "context": {"color": "#999999", "size": 4, "opacity": 0.35, "name": "vocabulary context",
                "symbol": "circle", "text": "#595959"},
}
SYMBOL_3D = {"star": "diamond", "diamond": "square"}  # scatter3d has neither star nor diamond-open
FONT_PX = 12
LEGEND_FONT_PX = 11
LEGEND_ROW_PX = 20
NARROWEST_FIGURE_PX = labels.FIGURE_WIDTHS[0]  # a 320-pixel phone, less the page's padding
REQUIRED_GROUPS = ("entered", "analogy")  # always labelled; the others only where they fit
TRUST_OUTLINE_PX = 2


@dataclass(frozen=True)
class Margins:
    left: int
    right: int
    top: int
    bottom: int


def scatter(scene: Scene, *, title: str = "", height: int = 620, label: Callable[[str], str] = str,
            trust: bool = True) -> go.Figure:
    """Labelled points, one trace per group; context words are drawn faint and unlabelled.

    `label` turns a model key into what the reader sees (ConceptNet's `/c/en/king` is shown as `king`); hover
    data keeps the key itself, so a click still names the exact key. Every label stays in the trace's `text`
    (for hover, exports and screen readers); where a 2D label would overlap, its `texttemplate` hides it.
    With `trust`, each labelled marker's outline and hover say how far its position can be trusted
    (embeddings/trust.py); the essay's clean figures leave it off.
    """
    if not trust:
        scene = replace(scene, trust=None)
    three_d = len(scene.axes) == 3
    groups = [g for g in GROUPS if g in scene.groups]
    margins = _margins(title, groups, three_d, measured=scene.measured)
    traces: list[dict] = []
    layout: dict = {"annotations": []}
    if three_d:
        _add_3d(traces, layout, scene, label, groups, height, margins)
    else:
        _add_2d(traces, layout, scene, label, groups, height, margins)
    layout.update(
        title=dict(text=title, font=dict(size=14), x=0.01, xanchor="left") if title else None,
        height=height,
        margin=dict(l=margins.left, r=margins.right, t=margins.top, b=margins.bottom, autoexpand=False),
        showlegend=len(groups) > 1,  # one group needs no key
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left",
                    font=dict(size=LEGEND_FONT_PX), traceorder="reversed"),
        uirevision=title,  # keep the reader's zoom and rotation across reruns of the same view
    )
    return unvalidated_figure(traces, layout)


def unvalidated_figure(traces: list[dict], layout: dict) -> go.Figure:
    """The figure as given, without plotly's per-property validation, which cost a view more than the rest of
    the figure (0.1-0.2 s a view on this machine; bench/bench_load.py). The figures built here use only
    properties the tests draw in plotly.js; a mistyped one would show in the browser, not raise here."""
    return go.Figure({"data": traces, "layout": {k: v for k, v in layout.items() if v not in (None, [])}},
                     _validate=False)


def _margins(title: str, groups: list[str], three_d: bool, *, measured: bool = False) -> Margins:
    """Fixed margins (plotly may not grow them): the plot area, hence the label placement, is then known.
    Axes with their numbers shown (`measured`, 2D) leave room for the numbers beside the titles."""
    legend_rows = _legend_rows(groups) if len(groups) > 1 else 0
    top = 34 if title else 6
    numbers = 20 if measured and not three_d else 0
    bottom = legend_rows * LEGEND_ROW_PX + (4 if three_d else 30 + numbers)
    return Margins(4 if three_d else 24 + 2 * numbers, 6, top, bottom)


def _legend_rows(groups: list[str]) -> int:
    """Rows the horizontal legend takes at the narrowest width (symbol and gap ~40 px, text ~7 px a letter)."""
    rows, used = 1, 0.0
    for g in groups:
        item = 40 + 7 * len(GROUP_STYLE[g]["name"])
        if used and used + item > NARROWEST_FIGURE_PX:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _trace_common(scene: Scene, rows: list[int], style: dict, label: Callable[[str], str]) -> dict:
    trusted = scene.trust is not None and style is not GROUP_STYLE["context"]
    columns = [[scene.words[i], scene.hover[i]] + ([scene.trust.describe(i)] if trusted else []) for i in rows]
    return dict(
        name=style["name"],
        text=[html.escape(label(scene.words[i])) for i in rows],
        customdata=np.array(columns, dtype=object).reshape(-1, 3 if trusted else 2),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}"
                      + ("<br><i>%{customdata[2]}</i>" if trusted else "") + "<extra></extra>",
        textfont=dict(size=FONT_PX, color=style["text"]),
    )


def _marker(scene: Scene, rows: list[int], style: dict, **marker) -> dict:
    """The group's marker; with trust shown, outlined from dark (its nearest words kept) to pale (none kept)."""
    if scene.trust is not None and style is not GROUP_STYLE["context"]:
        marker["line"] = dict(color=[outline_colour(scene.trust.share(i)) for i in rows], width=TRUST_OUTLINE_PX)
    return marker


def padded_range(values: np.ndarray, fraction: float, *, with_zero: bool = False) -> tuple[float, float]:
    """The values' extent and a margin; `with_zero` keeps 0 in view (axes whose numbers mean something)."""
    low, high = float(np.min(values)), float(np.max(values))
    if with_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or max(abs(high), 1.0)
    return (low - fraction * span, high + fraction * span)


def drawing_order(groups: list[str]) -> list[str]:
    """Back to front: context, neighbours, entered words, and the analogy's answer on top of them all."""
    return sorted(reversed(groups), key=lambda g: g == "analogy")


def _add_2d(traces: list[dict], layout: dict, scene: Scene, label, groups: list[str], height: int,
            margins: Margins) -> None:
    xs, ys = scene.coords[:, 0], scene.coords[:, 1]
    x_range, y_range = (padded_range(xs, 0.06, with_zero=scene.measured),
                        padded_range(ys, 0.07, with_zero=scene.measured))
    named = [i for i, group in enumerate(scene.groups) if group != "context"]
    texts = [label(scene.words[i]) for i in named]
    plot_height = height - margins.top - margins.bottom
    frames = [Frame(w - margins.left - margins.right, plot_height) for w in labels.FIGURE_WIDTHS]
    placements = _placements(
        tuple(texts), tuple(xs[named].tolist()), tuple(ys[named].tolist()),
        tuple(scene.groups[i] in REQUIRED_GROUPS for i in named),
        tuple(GROUP_STYLE[scene.groups[i]]["size"] for i in named), x_range, y_range, tuple(frames),
        tuple(scene.groups[i] == "analogy" for i in named),  # the answer gets the first claim on label space
    )
    placement_of = dict(zip(named, placements))
    for group in drawing_order(groups):  # context first, the analogy's answer last: on top of every other
        rows = scene.rows_of(group)
        x, y = xs[rows], ys[rows]
        style = GROUP_STYLE[group]
        common = _trace_common(scene, rows, style, label)
        marker = _marker(scene, rows, style, color=style["color"], size=style["size"], opacity=style["opacity"],
                         symbol=style["symbol"])
        if group == "context":
            traces.append(dict(type="scatter", x=x, y=y, mode="markers", marker=marker, **common))
            continue
        placed = [placement_of[i] for i in rows]
        traces.append(dict(
            type="scatter", x=x, y=y, mode="markers+text", marker=marker, cliponaxis=False,
            textposition=[p.position or "top center" for p in placed],
            texttemplate=["%{text}" if p.position else "" for p in placed],
            **common,
        ))
        for (px, py, text), p in zip(zip(x.tolist(), y.tolist(), common["text"]), placed):
            if p.leader:
                layout["annotations"].append(dict(
                    x=px, y=py, ax=p.leader[0], ay=p.leader[1], text=text, showarrow=True, arrowhead=0,
                    arrowwidth=1, arrowcolor="#777777", standoff=style["size"] / 2,
                    font=dict(size=FONT_PX, color=style["text"]), borderpad=0))
    titles = scene.axis_titles
    axis = dict(showticklabels=False, ticks="", zeroline=False)
    if scene.measured:  # raw numbers and cosines are read off the axes: their numbers and zero are shown
        axis = dict(showticklabels=True, ticks="", zeroline=True, zerolinecolor="#999999")
    layout.update(
        xaxis=dict(axis, title=dict(text=titles[0], standoff=4), range=list(x_range)),
        yaxis=dict(axis, title=dict(text=titles[1], standoff=4), range=list(y_range)),
    )


@functools.lru_cache(maxsize=32)
def _placements(texts, xs, ys, required, sizes, x_range, y_range, frames, first=None) -> list[labels.Placement]:
    """Placement is pure, so a rerun of the page (a click, a new focus word) reuses it: hundreds of labels take
    a second or two to place."""
    return labels.place_labels(texts, xs, ys, required, sizes, x_range, y_range, font_px=FONT_PX, frames=frames,
                               first=first)


def _add_3d(traces: list[dict], layout: dict, scene: Scene, label, groups: list[str], height: int,
            margins: Margins) -> None:
    ranges = [padded_range(scene.coords[:, i], 0.04, with_zero=scene.measured) for i in range(3)]
    aspect = camera.aspect_ratio(ranges)
    named = scene.rows_of(*REQUIRED_GROUPS) or list(range(len(scene.words)))
    plot = Frame(NARROWEST_FIGURE_PX - margins.left - margins.right, height - margins.top - margins.bottom)
    xyz = scene.coords[named]
    eye = camera.fitting_eye(xyz, ranges, aspect, plot,
                             [labels.text_width_px(label(scene.words[i]), FONT_PX) for i in named], FONT_PX)
    position_of = _positions_3d(scene, named, xyz, ranges, aspect, eye, plot, label)
    for group in drawing_order(groups):
        rows = scene.rows_of(group)
        style = GROUP_STYLE[group]
        labelled = group in REQUIRED_GROUPS  # 3D: entered words and the answer labelled, the rest on hover
        x, y, z = (scene.coords[rows, i] for i in range(3))
        traces.append(dict(
            type="scatter3d", x=x, y=y, z=z, mode="markers+text" if labelled else "markers",
            textposition=[position_of.get(i, "top center") for i in rows] if labelled else "top center",
            marker=_marker(scene, rows, style, color=style["color"], size=max(2, style["size"] - 4),
                           opacity=style["opacity"], symbol=SYMBOL_3D.get(style["symbol"], style["symbol"])),
            **_trace_common(scene, rows, style, label),
        ))
    titles = scene.axis_titles
    def axis(title: str, axis_range: tuple[float, float]) -> dict:
        return dict(showticklabels=scene.measured, title=dict(text=title, font=dict(size=11)),
                    range=list(axis_range))

    layout.update(scene=dict(
        xaxis=axis(titles[0], ranges[0]),
        yaxis=axis(titles[1], ranges[1]),
        zaxis=axis(titles[2], ranges[2]),
        aspectmode="manual", aspectratio=dict(zip("xyz", aspect)),
        camera=dict(eye=dict(zip("xyz", eye)), center=dict(x=0, y=0, z=0), up=dict(x=0, y=0, z=1)),
    ))


def _positions_3d(scene: Scene, named: list[int], xyz, ranges, aspect, eye, plot: Frame, label) -> dict:
    """Label positions for the first view (as the camera starts): placed like 2D labels on the projected
    points. Pixel offsets from the frame's centre do not depend on its width, so the narrowest frame is enough;
    once the reader rotates the scene the labels stay beside their points."""
    if len(named) < 2:
        return {}
    pixels = camera.project(camera.to_world(xyz, ranges, aspect), np.asarray(eye), plot)
    sizes = [max(2, GROUP_STYLE[scene.groups[i]]["size"] - 4) for i in named]
    placements = labels.place_labels(
        [label(scene.words[i]) for i in named], pixels[:, 0], -pixels[:, 1], [True] * len(named), sizes,
        (0.0, plot.width), (-plot.height, 0.0), font_px=FONT_PX, frames=[plot], leaders=False,
        first=[scene.groups[i] == "analogy" for i in named],
    )
    return {i: p.position for i, p in zip(named, placements) if p.position}


def similarity_heatmap(words: list[str], matrix: np.ndarray, *, title: str = "") -> go.Figure:
    labels = [html.escape(w) for w in words]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=labels,
            y=labels,
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            reversescale=True,
            text=np.round(matrix, 2),
            texttemplate="%{text}" if len(words) <= 15 else None,
            hovertemplate="%{y} · %{x}: %{z:.3f}<extra></extra>",
            colorbar=dict(title="cosine"),
        )
    )
    fig.update_layout(
        title=title or None,
        height=max(300, min(700, 40 * len(words) + 120)),
        yaxis=dict(autorange="reversed"),
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
    )
    return fig
