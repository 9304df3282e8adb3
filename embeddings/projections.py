"""Coordinates that are not a reduction: chosen numbers of each vector, or directions of meaning.

`dimensions` draws each word at the chosen dimensions of its own vector, numbered from 1 as the essay counts
them and unnormalised: the essay's first figure puts "human" at its first two numbers, (0.61854, 0.11915).
`axes` draws each word at its cosine similarity with a direction per axis, written like the analogy field:
`woman - man`, several pairs averaged (`woman - man, queen - king`), or one word. This is the TensorBoard
projector's custom projection and whatlies' axes, with the axes named by their expressions.

Cosine, as everywhere else in the app: each word of an expression counts as its unit vector, an expression's
parts (between commas) are averaged, and a point's coordinate is the cosine of its vector with that direction,
between -1 and 1, so an axis reads "how much more like woman than like man".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from embeddings.neighbours import Analogy, parse_terms
from embeddings.vectors import WordVectors

MAX_AXIS_CHARS = 200
MAX_AXIS_TERMS = 20
DEFAULT_DIRECTIONS = ("woman - man", "king - man, queen - woman", "good - bad")
AXIS_NAMES = ("x", "y", "z")


@dataclass(frozen=True)
class Projection:
    """How a scene is drawn without a reduction; hashable, as pages cache scenes on their request."""

    method: str  # "dimensions" or "axes"
    axes: tuple[int, ...] = ()  # dimensions, numbered from 1
    expressions: tuple[str, ...] = ()  # one direction per axis


@dataclass(frozen=True)
class Direction:
    """An axis of meaning: its expression as the reader wrote it, and its parts (each `+` and `-` terms)."""

    expression: str
    parts: tuple[Analogy, ...]

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(w for part in self.parts for w in (*part.positive, *part.negative)))


def parse_direction(text: str, *, lowercase: bool = False,
                    is_known: Callable[[str], bool] = lambda w: False) -> Direction:
    """`woman - man, queen - king` or `good`: comma-separated parts, each words joined by + and - (a dash
    inside a word the model knows stays part of it). Raises ValueError with a message for the reader."""
    expression = " ".join(text.split())
    if len(expression) > MAX_AXIS_CHARS:
        raise ValueError(f"An axis is at most {MAX_AXIS_CHARS} characters.")
    chunks = [c.strip() for c in expression.split(",")]
    if not any(chunks):
        raise ValueError("An axis needs a word or a difference, as in 'woman - man'.")
    if not all(chunks):
        raise ValueError("An axis has an empty part between commas: write 'woman - man, queen - king'.")
    parts = tuple(parse_terms(c, lowercase=lowercase, is_known=is_known, what="An axis",
                              example="'woman - man'") for c in chunks)
    if sum(len(p.positive) + len(p.negative) for p in parts) > MAX_AXIS_TERMS:
        raise ValueError(f"An axis can have at most {MAX_AXIS_TERMS} words.")
    return Direction(", ".join(chunks), parts)


def dimension_titles(axes: tuple[int, ...], size: int) -> list[str]:
    return [f"dimension {axis} of {size}" for axis in axes]


def raw_dimensions(kv: WordVectors, words: list[str], axes: tuple[int, ...]) -> np.ndarray:
    """The chosen numbers of each word's vector, exactly as the model holds them: each float32 written as its
    shortest decimal (0.61854, not 0.6185399889945984), the number the model's file and the essay print."""
    if not words:
        return np.zeros((0, len(axes)))
    columns = np.asarray(kv[words], dtype=np.float32)[:, [a - 1 for a in axes]]
    return np.array([[float(str(value)) for value in row] for row in columns], dtype=float)


def known_direction(kv: WordVectors, direction: Direction) -> tuple[Direction, list[str]]:
    """The direction without the parts holding a word the model lacks, and those words."""
    missing = [w for w in direction.words if w not in kv.key_to_index]
    kept = tuple(p for p in direction.parts if not any(w in missing for w in (*p.positive, *p.negative)))
    return Direction(direction.expression, kept), missing


def direction_vector(kv: WordVectors, direction: Direction) -> np.ndarray:
    """The average of the parts, each the sum of its words' unit vectors with their signs. ValueError when
    nothing of it is known or it cancels out (`man - man`)."""
    if not direction.parts:
        raise ValueError(f"the axis {direction.expression!r} has no word the model knows")
    total = np.zeros(kv.vector_size)
    for part in direction.parts:
        for words, sign in ((part.positive, 1.0), (part.negative, -1.0)):
            if words:
                total += sign * _unit(np.asarray(kv[list(words)], dtype=np.float64)).sum(axis=0)
    total /= len(direction.parts)
    if np.linalg.norm(total) < 1e-9:
        raise ValueError(f"the axis {direction.expression!r} cancels out: it has no direction")
    return total


def cosine_coordinates(kv: WordVectors, words: list[str], directions: list[Direction]) -> np.ndarray:
    """Each word's cosine similarity with each direction: one column per axis."""
    basis = _unit(np.stack([direction_vector(kv, d) for d in directions]))
    if not words:
        return np.zeros((0, len(directions)))
    return _unit(np.asarray(kv[words], dtype=np.float64)) @ basis.T


def project(kv: WordVectors, words: list[str], projection: Projection, *,
            lowercase: bool = False) -> tuple[np.ndarray, list[str], list[str]]:
    """Coordinates, axis titles and notes for the reader (parts of an axis left out for unknown words)."""
    if projection.method == "dimensions":
        beyond = [a for a in projection.axes if not 1 <= a <= kv.vector_size]
        if beyond:
            raise ValueError(f"the model has {kv.vector_size} dimensions, not {beyond[0]}")
        return raw_dimensions(kv, words, projection.axes), dimension_titles(projection.axes, kv.vector_size), []
    notes: list[str] = []
    directions = []
    for name, text in zip(AXIS_NAMES, projection.expressions):
        direction, missing = known_direction(kv, parse_direction(text, lowercase=lowercase, is_known=kv.__contains__))
        if missing:
            notes.append(f"Axis {name} ({text}): left out the parts with {', '.join(missing)}, which "
                         "the model does not know.")
        directions.append(direction)
    titles = [d.expression for d in directions]
    return cosine_coordinates(kv, words, directions), titles, notes


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)
