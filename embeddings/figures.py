"""Plotly figures: the scatter of a scene (2D or 3D) and the cosine-similarity heatmap."""
from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
import plotly.graph_objects as go

from embeddings.scene import GROUPS, Scene

GROUP_STYLE = {
    "entered": {"color": "#1f63b4", "size": 10, "opacity": 1.0, "name": "entered words"},
    "neighbour": {"color": "#e4812b", "size": 7, "opacity": 0.9, "name": "neighbours"},
    "analogy": {"color": "#c62828", "size": 13, "opacity": 1.0, "name": "analogy result"},
    "context": {"color": "#9e9e9e", "size": 4, "opacity": 0.35, "name": "vocabulary context"},
}


def scatter(scene: Scene, *, title: str = "", height: int = 620, label: Callable[[str], str] = str) -> go.Figure:
    """Labelled points, one trace per group; context words are drawn faint and unlabelled.

    `label` turns a model key into what the reader sees (ConceptNet's `/c/en/king` is shown as `king`); hover
    data keeps the key itself, so a click still names the exact key.
    """
    three_d = "z" in scene.points
    fig = go.Figure()
    for group in reversed(GROUPS):  # context first, so the entered words are drawn on top
        rows = scene.points[scene.points.group == group]
        if rows.empty:
            continue
        style = GROUP_STYLE[group]
        labelled = group != "context"
        common = dict(
            name=style["name"],
            mode="markers+text" if labelled else "markers",
            text=[html.escape(label(w)) for w in rows.word],
            customdata=np.stack([rows.word, rows.hover], axis=1),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            textposition="top center",
            marker=dict(color=style["color"], size=style["size"], opacity=style["opacity"]),
        )
        if three_d:
            common["marker"]["size"] = max(2, style["size"] - 4)
            fig.add_trace(go.Scatter3d(x=rows.x, y=rows.y, z=rows.z, **common))
        else:
            fig.add_trace(go.Scatter(x=rows.x, y=rows.y, **common))
    titles = scene.axis_titles
    if three_d:
        fig.update_layout(scene=dict(xaxis_title=titles[0], yaxis_title=titles[1], zaxis_title=titles[2]))
    else:
        fig.update_layout(xaxis_title=titles[0], yaxis_title=titles[1])
    fig.update_layout(
        title=title or None,
        height=height,
        margin=dict(l=10, r=10, t=40 if title else 10, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0),
        uirevision=title,  # keep the reader's zoom and rotation across reruns of the same view
    )
    return fig


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
