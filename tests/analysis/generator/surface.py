"""How a trace is written down: phrasing chosen by the seed, number formats, and text with tagged spans."""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from tests.analysis.generator.model import Source, Span, Split

T = TypeVar("T")
HELD_OUT_EVERY = 3  # of each list of phrasings, every third one (indices 2, 5, ...) is held out


class Voice:
    """The seeded choices of one trace. Every list of phrasings is split: dev traces choose among the
    entries whose index is not 2 mod 3, held-out traces among the others (lists of fewer than three
    entries are shared), so an analyzer tuned on dev phrasings meets new ones in the held-out figures."""

    def __init__(self, rng: random.Random, split: Split) -> None:
        self.rng = rng
        self.held_out = split is Split.HELD_OUT

    def pick(self, options: Sequence[T]) -> T:
        if len(options) < HELD_OUT_EVERY:
            return self.rng.choice(options)
        pool = [o for i, o in enumerate(options) if (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) == self.held_out]
        return self.rng.choice(pool)

    def any(self, options: Sequence[T]) -> T:
        """A choice of notation (number grouping, multiplication sign, math delimiters), not of wording:
        shared by dev and held-out traces, since the matrix measures notation."""
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


class NumberStyle(Enum):
    PLAIN = "plain"              # 4073764
    COMMAS = "commas"            # 4,073,764
    TEX_NEG_THIN = "tex_negthin"  # 4,\!073,\!764
    TEX_THIN = "tex_thin"        # 4\,073\,764
    TEX_BRACE = "tex_brace"      # 4{,}073{,}764


_GROUP_SEP = {
    NumberStyle.PLAIN: "",
    NumberStyle.COMMAS: ",",
    NumberStyle.TEX_NEG_THIN: ",\\!",
    NumberStyle.TEX_THIN: "\\,",
    NumberStyle.TEX_BRACE: "{,}",
}
TEX_STYLES = (NumberStyle.TEX_NEG_THIN, NumberStyle.COMMAS, NumberStyle.TEX_THIN, NumberStyle.TEX_BRACE,
              NumberStyle.PLAIN)


def format_number(n: int, style: NumberStyle) -> str:
    s = str(n)
    groups = []
    while len(s) > 3:
        groups.append(s[-3:])
        s = s[:-3]
    groups.append(s)
    return _GROUP_SEP[style].join(reversed(groups))


def power_of_ten(k: int, voice: Voice) -> str:
    """10^6 or 10^{6} (TeX); 10 alone for k = 1 sometimes."""
    if k == 1 and voice.chance(0.5):
        return "10"
    return voice.any((f"10^{{{k}}}", f"10^{k}" if k < 10 else f"10^{{{k}}}"))


@dataclass(slots=True)
class Piece:
    """A piece of template text, tagged with the keys of the steps it belongs to."""

    text: str
    keys: tuple = ()


@dataclass
class Text:
    """Text being written, with the span of each step key (the first place the key is written)."""

    source: Source
    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: dict[tuple, Span] = field(default_factory=dict)
    _open: list[tuple[tuple, int]] = field(default_factory=list)

    def add(self, text: str, *keys: tuple) -> None:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self._tag(keys, start)

    def fill(self, template: str, *keys: tuple, **fields: str | Piece) -> None:
        """Write `template` with its {fields}; the whole is tagged `keys`, a Piece field its own keys."""
        start = self.length
        for literal, name, _spec, _conv in string.Formatter().parse(template):
            self.add(literal)
            if name is not None:
                value = fields[name]
                if isinstance(value, Piece):
                    self.add(value.text, *value.keys)
                else:
                    self.add(value)
        self._tag(keys, start)

    def _tag(self, keys: tuple, start: int) -> None:
        """Tag the text written since `start`, without its surrounding white space."""
        if not keys:
            return
        pieces: list[str] = []
        length = self.length
        for part in reversed(self.parts):  # the parts written since `start` (the last few)
            if length <= start:
                break
            pieces.append(part)
            length -= len(part)
        text = "".join(reversed(pieces))[start - length:]
        start += len(text) - len(text.lstrip())
        end = self.length - (len(text) - len(text.rstrip()))
        for key in keys:
            self.spans.setdefault(key, Span(self.source, start, max(end, start)))

    def begin(self, *keys: tuple) -> None:
        """Open a region tagged `keys` (closed by `end`): a block written by several calls."""
        self._open.append((keys, self.length))

    def end(self) -> None:
        keys, start = self._open.pop()
        self._tag(keys, start)

    @property
    def value(self) -> str:
        return "".join(self.parts)

    def cut(self, at: int) -> None:
        text = self.value[:at]
        self.parts = [text]
        self.length = len(text)
        self.spans = {k: s for k, s in self.spans.items() if s.end <= at}
