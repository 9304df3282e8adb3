"""The landscape as a Plotly figure: the density under the map's words, the candidates, the stones' path."""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from embeddings import labels
from embeddings.figures import padded_range
from embeddings.plotly_block import wrap
from stones.landscape import Landscape, WordMap
from stones.walk import Stone

LABELLED = 15  # the likeliest candidates get a label; the others show theirs on hover
DENSITY_TOP = 0.3  # the colour scale's top: a word with 30% of the probability is drawn at full strength
LANDSCAPE = [[0.0, "rgba(255,255,255,0)"], [0.08, "#fff3d6"], [0.35, "#fdb863"], [0.7, "#e66101"],
             [1.0, "#8c2d04"]]
PATH_COLOUR = "#1f3b73"
LABEL_PX = 12
LEGEND_PX = 64  # two rows of legend under the plot on a 375-pixel phone


def candidate_labels(words, sizes: np.ndarray, x_range: tuple[float, float], y_range: tuple[float, float],
                     height: int) -> list[labels.Placement]:
    """Where each candidate's label goes: the explorer's label placement (embeddings/labels.py), so that no
    two labels overlap at any width from a phone to a desktop. The likeliest LABELLED candidates may be
    labelled, the three likeliest always; a label with no free place is left to hover."""
    plot_height = height - 60 - LEGEND_PX
    frames = [labels.Frame(w - 20, plot_height) for w in labels.FIGURE_WIDTHS]
    shown = min(len(words), LABELLED)
    return labels.place_labels(
        [str(w) for w in words.word[:shown]], words.x[:shown].tolist(), words.y[:shown].tolist(),
        [i < 3 for i in range(shown)], sizes[:shown].tolist(), x_range, y_range, font_px=LABEL_PX,
        frames=frames) + [labels.Placement() for _ in range(len(words) - shown)]


def stones_figure(scape: Landscape, word_map: WordMap, path: list[Stone], *, title: str = "",
                  height: int = 640, uirevision: str = "") -> go.Figure:
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        x=scape.grid_x, y=scape.grid_y, z=scape.density, zmin=0.0, zmax=DENSITY_TOP, zsmooth="best",
        colorscale=LANDSCAPE, showscale=False, hoverinfo="skip", name="landscape",
    ))
    coords = np.asarray(word_map.coords)
    fig.add_trace(go.Scatter(
        x=coords[:, 0], y=coords[:, 1], mode="markers", name="the map's words",
        marker=dict(color="#9e9e9e", size=3, opacity=0.3), text=[html.escape(w) for w in word_map.words],
        hovertemplate="%{text}<extra></extra>",
    ))
    words = scape.words
    x_range, y_range = padded_range(coords[:, 0], 0.04), padded_range(coords[:, 1], 0.05)
    if not words.empty:
        p = words.probability.to_numpy()
        sizes = 7 + 38 * np.sqrt(p)
        placed_labels = candidate_labels(words, sizes, x_range, y_range, height)
        fig.add_trace(go.Scatter(
            x=words.x, y=words.y, mode="markers+text", name="next-word candidates",
            text=[html.escape(w) for w in words.word], cliponaxis=False,
            textposition=[p.position or "top center" for p in placed_labels],
            texttemplate=["%{text}" if p.position else "" for p in placed_labels],
            textfont=dict(size=LABEL_PX, color="#3b2000"),
            customdata=np.stack([words.word.map(html.escape), np.round(100 * p, 2)], axis=1),
            hovertemplate="<b>%{customdata[0]}</b>: %{customdata[1]}%<extra></extra>",
            marker=dict(size=sizes, color=p, colorscale="YlOrRd", cmin=0, cmax=max(0.05, p.max()),
                        line=dict(color="#5a2a00", width=1), opacity=0.9),
        ))
    placed = [s for s in path if s.on_map]
    if placed:
        fig.add_trace(go.Scatter(
            x=[s.x for s in placed], y=[s.y for s in placed], mode="lines+markers+text", name="stones tossed",
            text=[f"{s.number}·{html.escape(s.word)}" for s in placed], textposition="bottom center",
            textfont=dict(size=13, color=PATH_COLOUR),
            line=dict(color=PATH_COLOUR, width=2, dash="dot"),
            marker=dict(size=14, color=PATH_COLOUR, symbol="circle", line=dict(color="white", width=2)),
            hovertemplate="stone %{text}<extra></extra>",
        ))
    lines = wrap(title).count("<br>") + 1 if title else 0
    top = 16 + 21 * lines
    fig.update_layout(
        # From the top edge down; plotly.js shifts a title of several lines by one line only: pad the others.
        title=dict(text=wrap(title), x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                   pad=dict(l=10, t=6 + 20 * (lines - 1)), font=dict(size=15)) if title else None,
        height=height, margin=dict(l=10, r=10, t=top + 6, b=LEGEND_PX),
        xaxis=dict(title=word_map.axis_titles[0], showgrid=False, zeroline=False, range=list(x_range)),
        yaxis=dict(title=word_map.axis_titles[1], showgrid=False, zeroline=False, range=list(y_range)),
        # The legend in rows under the plot: never over the title, never squeezing the map on a phone.
        plot_bgcolor="white", legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0,
                                          xanchor="left", font=dict(size=12)),
        uirevision=uirevision or title,  # the reader's zoom survives tosses on the same map
    )
    return fig


def summary(scape: Landscape, text: str, path: list[Stone], *, top: int = 5) -> str:
    """The figure in one sentence, for screen readers: the likeliest words on the map and what is off it."""
    words = ", ".join(f"{w} ({100 * p:.0f}%)" for w, p in zip(scape.words.word[:top], scape.words.probability[:top]))
    stones_part = f" Stones tossed: {', '.join(repr(s.token) for s in path)}." if path else ""
    landing = f"the likeliest next words on the map are {words}" if words else "no next word is on the map"
    shown = " ".join(text[-80:].split())  # one line: a tossed new line must not break the HTML it goes into
    return (f"After “{shown}”, {landing}; {100 * scape.off_map:.0f}% of the probability is off the map "
            f"(sub-word pieces, punctuation, words the map lacks).{stones_part}")
