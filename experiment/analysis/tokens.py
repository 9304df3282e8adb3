"""Lexer for reasoning traces: turns raw model text into number, operator and word tokens.

Models write the same arithmetic in many notations (plain text, Markdown, LaTeX, grouped digits).
Lexing everything into one small token vocabulary, while keeping each token's character offsets into
the original text, lets the parser stay notation-agnostic and still report spans the replay page can
highlight.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Token(NamedTuple):
    """One lexical unit. `value` is set for integers; `text` is lower-cased for words."""

    kind: str
    text: str
    value: int | None
    start: int
    end: int


# Separators a model puts between digit groups: comma, LaTeX thin spaces, Unicode thin/no-break spaces
# and a plain space. Each later group must have exactly three digits, so "4, 5, 6" stays three numbers.
_GROUP_SEP = r"(?:,|\\,|\\;|\\:|\\!|\{,\}|\\\ |[\u2009\u202f\u00a0\u2007']|\ )"

_TOKEN_RE = re.compile(
    r"(?P<para>\n[ \t\r]*\n)"
    r"|(?P<nl>\n)"
    r"|(?P<latexnl>\\\\)"
    r"|(?P<rule>-{3,}|_{3,}|={3,}|─{3,}|\\hline|\\midrule|\\toprule|\\bottomrule)"
    r"|(?P<mul>\\times|\\cdot|[×✕✖⋅·∙*](?!\*)|(?<![A-Za-z])[xX](?![A-Za-z]))"
    r"|(?P<div>\\div|÷|/)"
    r"|(?P<approx>\\approx|\\sim|≈|~)"
    r"|(?P<rel>=|\\to\b|\\rightarrow|\\Rightarrow|\\implies|→|⇒|=>|->)"
    r"|(?P<noise>\*\*|\\[()\[\]]|\\[A-Za-z]+|\\.|\$+|[{}`#>\[\]])"
    r"|(?P<dec>\d+\.\d+)"
    r"|(?P<num>\d{1,3}(?:" + _GROUP_SEP + r"\d{3})+(?![\d.]\d)|\d+)"
    r"|(?P<add>\+)"
    r"|(?P<sub>[-−–])"
    r"|(?P<lp>\()"
    r"|(?P<rp>\))"
    r"|(?P<check>[✓✔✅])"
    r"|(?P<word>[A-Za-z][A-Za-z'’]*)"
    r"|(?P<colon>:)"
    r"|(?P<comma>,)"
    r"|(?P<sep>[.;!?|&—])"
)

_DIGITS_ONLY = re.compile(r"\d")


def _integer(text: str) -> int:
    """The integer a grouped numeral stands for, ignoring every non-digit separator."""
    return int("".join(_DIGITS_ONLY.findall(text)))


def tokenize(text: str) -> list[Token]:
    """Lex `text`; whitespace and markup noise are dropped, everything else keeps its offsets."""
    tokens: list[Token] = []
    append = tokens.append
    make = tuple.__new__  # a NamedTuple built this way skips its Python-level __new__: lexing is the hot loop
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup
        if kind == "noise":
            continue
        raw = match.group()
        if kind == "word":
            append(make(Token, ("word", raw.lower().replace("’", "'"), None, match.start(), match.end())))
        elif kind == "num":
            value = int(raw) if raw.isdigit() else _integer(raw)
            append(make(Token, ("num", raw, value, match.start(), match.end())))
        elif kind == "latexnl":
            append(make(Token, ("sep", raw, None, match.start(), match.end())))
        else:
            append(make(Token, (kind, raw, None, match.start(), match.end())))
    return tokens
