"""The two panels of /contexts, each its own space and its own reduction, never mixed:

- `contexts_figure`: the word's last-layer vector in each sentence, reduced to 2D (PCA, t-SNE or UMAP as in the
  explorer), coloured by the sense the reader gave the sentence, labelled by a few words around the word;
- `input_figure`: the word's one fixed input vector among its nearest input vectors (the input embedding
  matrix's rows), which is all a static embedding can show.
"""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from embeddings.reduce import Reduction
from inside.contexts.sentences import NO_SENSE, Sentence, find_word

# Okabe-Ito, as the explorer's points: distinguishable with the common colour-vision deficiencies
SENSE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
NO_SENSE_COLOUR = "#999999"
AROUND = 2  # words either side of the word in a point's label


def snippet(word: str, text: str) -> str:
    """A few words around the word's first use, as plain text: “…on the bank of the…”."""
    words = text.split()
    at = next((i for i, w in enumerate(words) if find_word(word, w)), None)
    if at is None:
        return " ".join(words[:2 * AROUND + 1])
    start, end = max(0, at - AROUND), min(len(words), at + AROUND + 1)
    return ("…" if start else "") + " ".join(words[start:end]) + ("…" if end < len(words) else "")


def sense_colours(senses: list[str]) -> dict[str, str]:
    named = [s for s in dict.fromkeys(senses) if s != NO_SENSE]
    colours = {s: SENSE_COLOURS[i % len(SENSE_COLOURS)] for i, s in enumerate(named)}
    colours[NO_SENSE] = NO_SENSE_COLOUR
    return colours


def contexts_figure(word: str, sentences: tuple[Sentence, ...], reduction: Reduction,
                    nearest: list[str], *, height: int = 520, title: str = "") -> go.Figure:
    """`nearest[i]`: what the hover says is closest to sentence i (other sentences, words)."""
    coords = np.asarray(reduction.coords)
    colours = sense_colours([s.sense for s in sentences])
    fig = go.Figure()
    for sense, colour in colours.items():
        rows = [i for i, s in enumerate(sentences) if s.sense == sense]
        if not rows:
            continue
        fig.add_trace(go.Scatter(
            x=coords[rows, 0], y=coords[rows, 1], mode="markers+text", name=html.escape(sense),
            text=[html.escape(snippet(word, sentences[i].text)) for i in rows], textposition="top center",
            textfont=dict(size=11, color=colour),
            customdata=[[html.escape(sentences[i].text), html.escape(nearest[i] if i < len(nearest) else "")]
                        for i in rows],
            hovertemplate=f"<b>{html.escape(sense)}</b><br>%{{customdata[0]}}<br>%{{customdata[1]}}<extra></extra>",
            marker=dict(size=13, color=colour, line=dict(color="white", width=1)),
        ))
    _layout(fig, coords, reduction.axis_titles, height, title)
    return fig


def input_figure(word: str, words: list[str], reduction: Reduction, similarities: list[float], *,
                 height: int = 520, title: str = "") -> go.Figure:
    """`words[0]` is the word itself; the rest its nearest input vectors, with their cosine to it."""
    coords = np.asarray(reduction.coords)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=coords[1:, 0], y=coords[1:, 1], mode="markers+text", name="its nearest input vectors",
        text=[html.escape(w) for w in words[1:]], textposition="top center", textfont=dict(size=11, color="#5a5a5a"),
        customdata=np.round(similarities[1:], 3) if len(words) > 1 else None,
        hovertemplate="<b>%{text}</b><br>cosine to the word: %{customdata}<extra></extra>",
        marker=dict(size=9, color="#E69F00", symbol="diamond"),
    ))
    fig.add_trace(go.Scatter(
        x=coords[:1, 0], y=coords[:1, 1], mode="markers+text", name=f"“{html.escape(word)}”, one vector for "
        "every sentence", text=[html.escape(words[0])], textposition="top center",
        textfont=dict(size=14, color="#0072B2"), hovertemplate="<b>%{text}</b>: its one input vector<extra></extra>",
        marker=dict(size=16, color="#0072B2", symbol="star"),
    ))
    _layout(fig, coords, reduction.axis_titles, height, title)
    return fig


def _padded(values: np.ndarray, share: float = 0.18) -> list[float]:
    """The axis range with room for the labels beside the outermost points."""
    low, high = float(np.min(values)), float(np.max(values))
    pad = share * max(high - low, 1e-6)
    return [low - pad, high + pad]


def _layout(fig: go.Figure, coords: np.ndarray, axis_titles: list[str], height: int, title: str) -> None:
    fig.update_traces(cliponaxis=False)
    fig.update_layout(
        title=title or None, height=height, margin=dict(l=10, r=10, t=50 if title else 10, b=10),
        xaxis=dict(title=axis_titles[0], showticklabels=False, showgrid=False, zeroline=False,
                   range=_padded(coords[:, 0])),
        yaxis=dict(title=axis_titles[1], showticklabels=False, showgrid=False, zeroline=False,
                   range=_padded(coords[:, 1], 0.12)),
        plot_bgcolor="white", legend=dict(orientation="h", yanchor="top", y=-0.08, xanchor="left", x=0.0),
    )
