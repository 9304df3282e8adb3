"""What the author takes away: the figure as the blog's plotly block, a standalone page, the points, an iframe."""
from __future__ import annotations

import html
from urllib.parse import urlencode

import plotly.graph_objects as go

from embeddings.scene import Scene


def figure_json(fig: go.Figure) -> str:
    """Plotly's own JSON (data + layout): what a blog's plotly block or `Plotly.newPlot` takes."""
    return fig.to_json(pretty=True)


def figure_html(fig: go.Figure) -> str:
    """A page that opens offline: plotly.js is inlined rather than fetched from a CDN."""
    return fig.to_html(full_html=True, include_plotlyjs=True, config={"displaylogo": False})


def points_csv(scene: Scene) -> str:
    columns = [c for c in ("word", "group", "x", "y", "z") if c in scene.points]
    table = scene.points[columns].rename(columns=dict(zip("xyz", scene.axis_titles)))
    return table.to_csv(index=False)


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
