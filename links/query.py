"""Every page's query string, read one way: the page declares its keys in one table, `read_query` reads them.

A key is its public name (blog links depend on it), a parser from the URL's text to a value, the value when
the key is absent or refused, and a bound on the text read. Values from a URL are untrusted: a parser
accepts a closed set or a range and raises ValueError with a sentence for the reader otherwise; the key then
falls back to its default with the same notice on every page. No value is ever used as a path.

    KEYS = (Key("method", choice(METHODS), "pca"), Key("dims", int_choice((2, 3)), 2), ...)
    values, notices = read_query(st.query_params.to_dict(), KEYS)
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

MAX_URL_VALUE = 2_000  # the longest value a key reads unless it says otherwise

Parser = Callable[[str], Any]
Query = Mapping[str, "str | list[str]"]
State = TypeVar("State")


@dataclass(frozen=True)
class Key:
    """One query key of a page."""

    name: str
    parse: Parser
    default: Any
    bound: int = MAX_URL_VALUE
    field: str | None = None  # the page's name for the value, where it differs from the public key
    requires: str | None = None  # a key whose value means something only with this one's (tosses: prompt)

    @property
    def target(self) -> str:
        return self.field or self.name


def read_query(params: Query, keys: Sequence[Key]) -> tuple[dict[str, Any], list[str]]:
    """Every key's value (its default when absent or refused), by field, and a notice per refused value.

    Keys the page does not declare are ignored (utm_source, Streamlit's embed); of a key given twice the last
    value counts, as in a browser's URLSearchParams."""
    by_name = {key.name: key for key in keys}
    values = {key.target: key.default for key in keys}
    notices: list[str] = []
    accepted: set[str] = set()
    for name, raw in params.items():
        key = by_name.get(name)
        if key is None:
            continue
        raw = (raw[-1] if raw else "") if isinstance(raw, list) else raw
        if not isinstance(raw, str) or len(raw) > key.bound:
            notices.append(f"The URL's `{name}` value is too long and was ignored.")
            continue
        try:
            values[key.target] = key.parse(raw)
            accepted.add(name)
        except ValueError as error:
            notices.append(refused(name, error))
    for key in keys:
        if key.requires is not None and key.requires not in accepted:
            values[key.target] = key.default
    return values, notices


def read_state(params: Query, keys: Sequence[Key], state: Callable[..., State]) -> tuple[State, list[str]]:
    """The page's state (its dataclass, built from every key's value) and a notice per refused value."""
    values, notices = read_query(params, keys)
    return state(**values), notices


def unless_default(state: object, defaults: object, *fields: str) -> dict[str, str]:
    """The `fields` whose value differs from the page's default, as query text: a shared link names only what
    the reader changed, so it stays short and a later default reaches it."""
    return {name: str(getattr(state, name)) for name in fields if getattr(state, name) != getattr(defaults, name)}


def refused(name: str, error: ValueError | str) -> str:
    """The one notice for a value a page did not use."""
    reason = str(error).strip()
    if reason and not reason.endswith((".", "?", "!")):
        reason += "."
    return f"The URL's `{name}` value was not used: {reason} The default was used instead."


def shown(raw: str) -> str:
    """A bad value, shortened and quoted, safe to print back to the reader: at most 40 characters of it, and
    at most 80 once repr has spelled out the control and unassigned characters as escapes."""
    text = repr(raw[:40] + ("…" if len(raw) > 40 else ""))
    return text if len(text) <= 80 else text[:78] + "…" + text[0]


def choice(options: Sequence[str]) -> Parser:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"{shown(raw)} is not one of {', '.join(map(str, options))}.")
        return raw

    return parse


def int_in(low: int, high: int) -> Parser:
    return _number_in(low, high, int, "a whole number")


def float_in(low: float, high: float) -> Parser:
    return _number_in(low, high, float, "a number")


def _number_in(low: float, high: float, kind: type, noun: str) -> Parser:
    """A number of `kind` in low..high; a finite one (the URL may say nan or 1e309)."""
    def parse(raw: str):
        try:
            value = kind(raw)
        except ValueError:
            raise ValueError(f"{shown(raw)} is not {noun}.") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"{shown(raw)} is outside {_bound(low)}..{_bound(high)}.")
        return value

    return parse


def _bound(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


def int_choice(options: Sequence[int]) -> Parser:
    """A whole number among `options` (context sizes, dimensions)."""
    def parse(raw: str) -> int:
        value = int_in(min(options), max(options))(raw)
        if value not in options:
            raise ValueError(f"{value} is not one of {', '.join(map(str, options))}.")
        return value

    return parse
