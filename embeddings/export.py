"""What the author takes away: the essay's plotly block, a standalone page, the points and neighbours, an iframe."""
from __future__ import annotations

import html
from urllib.parse import urlencode

import plotly.graph_objects as go

from embeddings.plotly_block import plotly_block, standalone_html
from embeddings.scene import Scene

__all__ = ["figure_html", "figure_url", "iframe_snippet", "neighbours_csv", "plotly_block", "points_csv"]

def figure_html(fig: go.Figure, filename: str = "figure") -> str:
    """A page that opens offline (plotly.js inlined, not fetched from a CDN), with PNG and SVG buttons."""
    return standalone_html(fig, filename)


def points_csv(scene: Scene) -> str:
    """One row per drawn point: the word, its group and its coordinates under the axes' titles."""
    columns = [c for c in ("word", "group", "x", "y", "z") if c in scene.points]
    table = scene.points[columns].rename(columns=dict(zip("xyz", scene.axis_titles)))
    return table.to_csv(index=False)


def neighbours_csv(scene: Scene) -> str:
    """One row per (word, rank): its neighbour and their cosine similarity; the header alone when none."""
    return scene.neighbour_table.to_csv(index=False)


def figure_url(base_url: str, query: dict[str, str]) -> str:
    """The link that shows only the figure, without Streamlit's chrome: for an iframe in the blog."""
    embedded = {**query, "view": "figure", "embed": "true"}
    return f"{base_url.rstrip('/')}/?{urlencode(embedded)}"


def iframe_snippet(base_url: str, query: dict[str, str], *, height: int = 640) -> str:
    src = html.escape(figure_url(base_url, query), quote=True)
    return (
        f'<iframe src="{src}" width="100%" height="{height}" style="border:0" loading="lazy" '
        'title="Words as points: an interactive figure"></iframe>'
    )
