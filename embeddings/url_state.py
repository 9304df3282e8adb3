"""The query string as a public interface: blog links depend on these keys, so they stay stable.

Every view setting round-trips through `to_query` and `from_query`. Values from a URL are untrusted: each is
validated against a closed set or a range, anything else falls back to its default with a notice, and no
value is ever used as a path or passed to a shell.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from embeddings.catalogue import DEFAULT_MODEL, get_spec
from embeddings.context import CONTEXT_SIZES, MAX_CONTEXT
from embeddings.neighbours import MAX_NEIGHBOURS
from embeddings.reduce import METHODS, UMAP_METRICS
from embeddings.words import MAX_INPUT_CHARS, MAX_WORD_CHARS, clean_text

DEFAULT_WORDS = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
VIEWS = ("full", "figure")
MAX_URL_VALUE = MAX_INPUT_CHARS


@dataclass(frozen=True)
class ViewState:
    """One picture, fully described. Field names are the query keys, except `neighbours`: its public key
    keeps the spelling `neighbors` that published links use (see `FIELD_OF_KEY`)."""

    words: tuple[str, ...] = DEFAULT_WORDS
    model: str = DEFAULT_MODEL
    method: str = "pca"
    dims: int = 2
    neighbours: int = 0
    context: int = 0
    focus: str = ""
    view: str = "full"
    analogy: str = ""
    perplexity: float = 30.0
    n_neighbors: int = 15
    min_dist: float = 0.1
    metric: str = "cosine"


DEFAULTS = ViewState()
FIELD_OF_KEY = {"neighbors": "neighbours"}  # URL key -> field, where they differ
METHOD_KEYS = {"tsne": ("perplexity",), "umap": ("n_neighbors", "min_dist", "metric"), "pca": ()}


def to_query(state: ViewState) -> dict[str, str]:
    """The keys that describe this picture; parameters of other methods are left out to keep links short."""
    query = {
        "words": ",".join(state.words),
        "model": state.model,
        "method": state.method,
        "dims": str(state.dims),
        "neighbors": str(state.neighbours),
        "context": str(state.context),
    }
    for key in METHOD_KEYS[state.method]:
        query[key] = _format(getattr(state, key))
    if state.analogy:
        query["analogy"] = state.analogy
    if state.focus:
        query["focus"] = state.focus
    if state.view != "full":
        query["view"] = state.view
    return query


def from_query(params: Mapping[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    """A valid state from any query string, and a notice for each value that was not accepted."""
    notices: list[str] = []
    values: dict[str, object] = {}
    known = {f.name for f in fields(ViewState)}
    for key in params:
        field = FIELD_OF_KEY.get(key, key)
        if field not in known or key in FIELD_OF_KEY.values():
            continue
        raw = params[key]
        raw = raw[-1] if isinstance(raw, list) else raw
        if not isinstance(raw, str) or len(raw) > MAX_URL_VALUE:
            notices.append(f"The URL's `{key}` value is too long and was ignored.")
            continue
        try:
            values[field] = _PARSERS[key](raw)
        except ValueError as error:
            notices.append(f"The URL's `{key}` value was not used: {error} The default was used instead.")
    return replace(DEFAULTS, **values), notices


def _words(raw: str) -> tuple[str, ...]:
    words = tuple(w for w in (" ".join(part.split()) for part in clean_text(raw).split(",")) if w)
    if not words:
        raise ValueError("no words.")
    return words


def _model(raw: str) -> str:
    try:
        return get_spec(raw).name
    except KeyError:
        raise ValueError(f"{_shown(raw)} is not a model this app knows.") from None


def _choice(options: tuple) -> callable:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"{_shown(raw)} is not one of {', '.join(map(str, options))}.")
        return raw

    return parse


def _int_in(low: int, high: int) -> callable:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{_shown(raw)} is not a whole number.") from None
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low}..{high}.")
        return value

    return parse


def _float_in(low: float, high: float) -> callable:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{_shown(raw)} is not a number.") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"{_shown(raw)} is outside {low:g}..{high:g}.")
        return value

    return parse


def _context(raw: str) -> int:
    value = _int_in(0, MAX_CONTEXT)(raw)
    if value not in CONTEXT_SIZES:
        raise ValueError(f"{value} is not one of {', '.join(map(str, CONTEXT_SIZES))}.")
    return value


def _text(limit: int) -> callable:
    def parse(raw: str) -> str:
        text = " ".join(clean_text(raw).split())
        if len(text) > limit:
            raise ValueError(f"longer than {limit} characters.")
        return text

    return parse


def _shown(raw: str) -> str:
    """A bad value, shortened and quoted, safe to print back to the reader."""
    return repr(raw[:40] + ("…" if len(raw) > 40 else ""))


def _format(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_PARSERS = {
    "words": _words,
    "model": _model,
    "method": _choice(METHODS),
    "dims": lambda raw: int(_choice(("2", "3"))(raw)),
    "neighbors": _int_in(0, MAX_NEIGHBOURS),
    "context": _context,
    "focus": _text(MAX_WORD_CHARS),
    "view": _choice(VIEWS),
    "analogy": _text(200),
    "perplexity": _float_in(1.0, 100.0),
    "n_neighbors": _int_in(2, 100),
    "min_dist": _float_in(0.0, 1.0),
    "metric": _choice(UMAP_METRICS),
}
