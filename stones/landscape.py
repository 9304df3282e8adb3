"""Where the next word can land: the candidates placed on the map of the vocabulary, and a smoothed density.

The map is the explorer's vocabulary context (the N most frequent words of an embedding model, laid out
once and cached in cache/maps). A candidate lands on the map when it is a word the map holds (see
`stones.tokens` for the conventions); several tokens of one word (" King", " king") add up. The landscape
spreads each word's probability around its point with a Gaussian whose width is a fixed share of the map's
extent, so the same probability always looks the same, and a narrowing temperature visibly piles it up.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from stones.distribution import NextTokens, reweighted
from stones.tokens import KINDS, NOT_IN_MAP, WORD, map_key, read_token

GRID = 110  # cells per side of the density grid
BANDWIDTH = 0.035  # the kernel's width, as a share of the map's larger extent
MARGIN = 0.04


@dataclass(frozen=True)
class WordMap:
    """The map's words (model keys) and their 2D coordinates; what `embeddings.context.ContextMap` holds."""

    words: tuple[str, ...]
    coords: np.ndarray
    axis_titles: tuple[str, str] = ("x", "y")
    lowercase: bool = True
    key_prefix: str = ""

    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}


@dataclass
class Landscape:
    """One text's candidates on the map, their shares, and the density grid drawn under them."""

    candidates: pd.DataFrame  # token, kind, word, key, probability, on_map, x, y (NaN off the map)
    words: pd.DataFrame  # on-map words, one row per word: word, key, probability, x, y, tokens
    shares: dict[str, float]  # kind -> share of the probability (of the top-N candidates), every kind listed
    coverage: float  # the share of the model's probability the top-N candidates hold
    grid_x: np.ndarray
    grid_y: np.ndarray
    density: np.ndarray  # (GRID, GRID): sum of p * exp(-d^2 / 2h^2); 1.0 = a certain word at its point
    temperature: float

    @property
    def on_map(self) -> float:
        return self.shares[WORD]

    @property
    def off_map(self) -> float:
        return 1.0 - self.shares[WORD]


def classify(next_tokens: NextTokens, word_map: WordMap, *, at_start: bool) -> pd.DataFrame:
    """One row per candidate token: what it is, and where it lands if it is a word on the map."""
    index = word_map.index()
    rows = []
    for c in next_tokens.candidates:
        read = read_token(c.token, at_start=at_start)
        key = map_key(read.word, lowercase=word_map.lowercase, key_prefix=word_map.key_prefix) if read.word else ""
        kind = read.kind
        if kind == WORD and key not in index:
            kind = NOT_IN_MAP
        x, y = word_map.coords[index[key]][:2] if kind == WORD else (np.nan, np.nan)
        rows.append({"token": c.token, "kind": kind, "word": read.word, "key": key if kind == WORD else "",
                     "model_probability": c.probability, "on_map": kind == WORD, "x": x, "y": y})
    columns = ["token", "kind", "word", "key", "model_probability", "on_map", "x", "y"]
    return pd.DataFrame(rows, columns=columns)


def landscape(next_tokens: NextTokens, word_map: WordMap, temperature: float, *, at_start: bool = False) -> Landscape:
    """The candidates after a text, re-weighted by temperature, on the map; shares of every kind stated."""
    table = classify(next_tokens, word_map, at_start=at_start)
    table["probability"] = reweighted(table.model_probability.to_numpy(), temperature) if len(table) else []
    shares = {kind: float(table.probability[table.kind == kind].sum()) for kind in KINDS}
    on = table[table.on_map]
    words = (on.groupby("key", sort=False)
             .agg(word=("word", "first"), probability=("probability", "sum"), x=("x", "first"), y=("y", "first"),
                  tokens=("token", lambda t: " ".join(repr(s) for s in t)))
             .reset_index().sort_values("probability", ascending=False, kind="stable").reset_index(drop=True))
    grid_x, grid_y, density = density_grid(word_map.coords, words[["x", "y"]].to_numpy(), words.probability.to_numpy())
    return Landscape(table, words, shares, next_tokens.coverage, grid_x, grid_y, density, temperature)


def density_grid(map_coords: np.ndarray, points: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """A Gaussian-smoothed density of `weights` at `points`, on a grid over the whole map's extent."""
    low, high = map_coords[:, :2].min(axis=0), map_coords[:, :2].max(axis=0)
    span = np.maximum(high - low, 1e-9)
    low, high = low - MARGIN * span, high + MARGIN * span
    grid_x, grid_y = np.linspace(low[0], high[0], GRID), np.linspace(low[1], high[1], GRID)
    density = np.zeros((GRID, GRID))
    if len(points):
        h = BANDWIDTH * float(span.max())
        gx = np.exp(-((grid_x[None, :] - points[:, :1]) ** 2) / (2 * h * h))  # (k, GRID)
        gy = np.exp(-((grid_y[None, :] - points[:, 1:2]) ** 2) / (2 * h * h))
        density = np.einsum("k,ky,kx->yx", weights, gy, gx)  # separable kernel: rows are y, columns are x
    return grid_x, grid_y, density
