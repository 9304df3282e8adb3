"""Lexer for reasoning traces: turns raw model text into number, operator and word tokens.

Models write the same arithmetic in many notations (plain text, Markdown, LaTeX, grouped digits).
Lexing everything into one small token vocabulary, while keeping each token's character offsets into
the original text, lets the parser stay notation-agnostic and still report spans the replay page can
highlight.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import repeat
from operator import add
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

# Alternatives are tried in order at each position; words and numbers, most of any trace, come first
# (a lone "x" is still the multiplication sign, as the `mul` alternatives read it). The lead `[ \t\r]*+`
# skips the spaces before a token inside one match (no token starts with a space): without it the engine
# would try every alternative at every space. Each token is the group that matched, `match.lastindex`,
# named after its kind (a kind read by several alternatives has one group each, "mul_1", "mul_2", ...).
# Markup noise and any other character have no group (`lastindex` None): they are dropped. A match object
# costs the engine a little for every group of the pattern, so none is spent on what is dropped.
#
# Every alternative starts with its first character outside its group, as a literal or a character class,
# so that the engine passes over an alternative that cannot start at this character with one test instead of
# entering it (an alternative that starts with a group is always entered, and most fail): the token is
# that character and its group, `match.start(group) - 1` to `match.end(group)`. Each alternative of a
# kind is its own group, in the order the kind wrote them, so the first alternative that matches is the
# same one as in the kind's own alternation.
_TOKEN_RE = re.compile(
    r"[ \t\r]*+(?:"
    # a word, but not a lone "x": after its first letter, that letter is no x standing alone
    r"[A-Za-z](?P<word>(?:(?<![xX])|(?<=[A-Za-z][xX])|(?=[A-Za-z]))[A-Za-z'’]*)"
    r"|\d(?P<dec>\d*\.\d+)"
    r"|1(?P<pow10>0\s*(?:\^|\*\*)\s*\{?\s*\d{1,2}\s*\}?)"  # 10^6, 10^{5}, 10**6: a place value, read as the number
    r"|[²³⁴⁵⁶⁷⁸⁹^](?P<pow>)"  # any other power ("11²", "12^2") ends an expression: no claim reads through it
    r"|\d(?P<num>\d{0,2}(?:" + _GROUP_SEP + r"\d{3})+(?![\d.]\d)|\d*)"
    r"|\n(?P<para>[ \t\r]*\n)"
    r"|\n(?P<nl>)"
    r"|\\(?P<latexnl>\\)"
    r"|-(?P<rule_1>-{2,})|_(?P<rule_2>_{2,})|=(?P<rule_3>={2,})|─(?P<rule_4>─{2,})"
    r"|\\(?P<rule_5>hline|midrule|toprule|bottomrule)"
    r"|\\(?P<mul_1>times|cdot)|[×✕✖⋅·∙*](?P<mul_2>)(?!\*)|[xX](?P<mul_3>(?<![A-Za-z][xX])(?![A-Za-z]))"
    r"|\\(?P<div_1>div)|[÷/](?P<div_2>)"
    r"|\\(?P<approx_1>approx|sim)|[≈~](?P<approx_2>)"
    r"|=(?P<rel_1>)|\\(?P<rel_2>to\b|rightarrow|Rightarrow|implies)|[→⇒](?P<rel_3>)|=(?P<rel_4>>)|-(?P<rel_5>>)"
    r"|\*\*|\\(?:[()\[\]]|[A-Za-z]+|.)|\$+|[{}`#>\[\]]"  # markup noise: no group, dropped
    r"|\+(?P<add>)"
    r"|[-−–](?P<sub>)"
    r"|\((?P<lp>)"
    r"|\)(?P<rp>)"
    r"|[✓✔✅](?P<check>)"
    r"|:(?P<colon>)"
    r"|,(?P<comma>)"
    r"|[.;!?|&—](?P<sep>)"
    r"|."  # any other character: no group, dropped as the spaces are
    r")"
)
# Group number -> token kind: the group's name up to "_" ("latexnl" is a separator to the parser).
_KINDS: tuple[str, ...] = ("",) + tuple(
    "sep" if name == "latexnl" else name.partition("_")[0]
    for name, _ in sorted(_TOKEN_RE.groupindex.items(), key=lambda item: item[1])
)
_WORD = _TOKEN_RE.groupindex["word"]
_NUM = _TOKEN_RE.groupindex["num"]
_POW10 = _TOKEN_RE.groupindex["pow10"]
_EXPONENT = re.compile(r"(\d+)\s*\}?$")

_NOT_DIGITS = re.compile(r"\D+")
_DIGIT = re.compile(r"\d")

# Lines, and the line breaks between them, in the order the lexer meets them: a break is a paragraph
# ("\n", blank, "\n") or a single newline, exactly as `para` and `nl` above read them, and no other token
# spans a newline. So a text lexes as the concatenation of its breaks and of its lines lexed one by one.
_LINE_RE = re.compile(r"\n[ \t\r]*\n|\n|[^\n]+")
# What makes a line without digits matter to the parser: a rule (the total of a column layout may follow)
# or a verification word or check mark (the rest of the paragraph is a check). These two match a superset
# of those tokens, which is harmless: such a line is lexed in full. Digits, rules and check marks first:
_LINE_MATTERS = re.compile(
    # A first character the engine can scan for quickly, then what must start there.
    r"[\d\-_=─\\✓✔✅]"
    r"(?:(?<=\d)|(?<=[✓✔✅])|(?<=-)--|(?<=_)__|(?<==)==|(?<=─)──"
    r"|(?<=\\)(?:hline|midrule|toprule|bottomrule))"
)
# (`_matters_ascii` reads an ASCII line without the engine), then the stems of the verification words
# (_VERIFY_WORDS of the parser: "verif", "check", "confirm", "sanity", in `_prose_only`), looked for in the
# lower-cased line: the lexer's words are ASCII letters, which lower() maps exactly. A substring search is
# much quicker than a regex that stops at every "s", "c" and "v" of the prose.
# Token kinds that a window reaching into a line from the line above may step over (the rule of a column
# layout looks past line breaks and separators for the total under it).
_TRANSPARENT = frozenset(("sep",))


def _integer(text: str) -> int:
    """The integer a grouped numeral stands for, ignoring every non-digit separator."""
    return int(_NOT_DIGITS.sub("", text))


# The columns the parser reads of a token stream, made as the tokens are: the kind of every token, and its
# word ("" for a token that is not a word). Cheaper than reading them off the tokens after (`_ReadingState`).
Columns = tuple[list[str], list[str]]


def _lex(text: str, pos: int, endpos: int, tokens: list[Token], columns: Columns, prefix_only: bool) -> None:
    """Tokens of text[pos:endpos] (a line, or all of it) onto `tokens` and `columns`; with `prefix_only`,
    stop after the first token that is not a separator: the rest of a line without digits changes nothing
    the parser reads (see `parser_tokens`)."""
    make = tuple.__new__  # a NamedTuple built this way skips its Python-level __new__: lexing is the hot loop
    kinds = _KINDS
    append, kind_append, word_append = tokens.append, columns[0].append, columns[1].append
    for match in _TOKEN_RE.finditer(text, pos, endpos):
        group = match.lastindex
        if group == _WORD:  # (first: most tokens are words; a dropped match has no group, None)
            start, end = match.span(group)
            start -= 1  # the token's first character stands before its group
            word = text[start:end].lower()
            if "’" in word:
                word = word.replace("’", "'")
            append(make(Token, ("word", word, None, start, end)))
            kind_append("word")
            word_append(word)
            if prefix_only:
                return
            continue
        if group is None:
            continue
        start, end = match.span(group)
        start -= 1
        raw = text[start:end]
        if group == _NUM or group == _POW10:
            value = (int(raw) if raw.isdigit() else _integer(raw)) if group == _NUM \
                else 10 ** int(_EXPONENT.search(raw).group(1))  # type: ignore[union-attr]
            append(make(Token, ("num", raw, value, start, end)))
            kind_append("num")
            word_append("")
        else:
            kind = kinds[group]
            append(make(Token, (kind, raw, None, start, end)))
            kind_append(kind)
            word_append("")
            if kind in _TRANSPARENT:
                continue
        if prefix_only:
            return


def tokenize(text: str) -> list[Token]:
    """Lex `text`; whitespace and markup noise are dropped, everything else keeps its offsets."""
    tokens: list[Token] = []
    _lex(text, 0, len(text), tokens, ([], []), False)
    return tokens


def parser_tokens(text: str) -> list[Token]:
    """`parser_stream(text)`'s tokens."""
    return parser_stream(text)[0]


def parser_stream(text: str) -> tuple[list[Token], list[str], list[str]]:
    """The tokens the parser needs: `tokenize(text)` without the prose that cannot change a claim.

    Most of a long reasoning trace is prose, and a line without digits holds no claim: the parser never
    reads a number out of it, and whatever it reads around a number stops at a line break. Only two
    things in such a line matter: a verification word or check mark (the rest of the paragraph is a
    check) and a rule, after which the parser looks past line breaks and separators for the total of a
    column layout. So a line with a digit, a rule or a verification word is lexed in full, and any other
    line only up to its first token that is not a separator (enough to stop that look past it), but the
    last line, whose last token the parser reads when it looks back from the first one. The parser finds
    exactly the claims it finds in `tokenize(text)`: token indices differ, but it only compares them
    within a line and with paragraph breaks, which are all kept.

    With the tokens, their columns: the kind of each, and its word ("" for a token that is no word).
    """
    tokens: list[Token] = []
    columns: Columns = ([], [])
    append, kind_append, word_append = tokens.append, columns[0].append, columns[1].append
    make = tuple.__new__
    length = len(text)
    seen: _SeenLines = {}
    for line in _LINE_RE.finditer(text):
        start, end = line.span()
        if text[start] == "\n":
            kind = "nl" if end - start == 1 else "para"
            append(make(Token, (kind, line.group(), None, start, end)))
            kind_append(kind)
            word_append("")
        elif end == length:
            # The last line is lexed in full: the parser looks at the text's last token when it looks
            # back from the first ("partial" before "product" at index -1).
            _lex(text, start, end, tokens, columns, False)
        else:
            _lex_line_once(text, start, end, tokens, columns, seen, _prose_only)
    return tokens, columns[0], columns[1]


def _prose_only(line: str) -> bool:
    """A line without a digit, a rule, a check mark or a verification word: only its first token matters."""
    if _matters_ascii(line) if line.isascii() else _LINE_MATTERS.search(line) is not None:
        return False
    lowered = line.lower()
    return not ("verif" in lowered or "check" in lowered or "confirm" in lowered or "sanity" in lowered)


def _matters_ascii(line: str) -> bool:
    """`_LINE_MATTERS.search(line) is not None` for an ASCII line, by substring searches: much quicker than
    the engine, which tests every character of a long line of prose against its first character class. In
    ASCII, \\d is 0-9 and the check marks and box rule cannot occur; a backslash is left to the pattern."""
    return ("0" in line or "1" in line or "2" in line or "3" in line or "4" in line or "5" in line or "6" in line
            or "7" in line or "8" in line or "9" in line or "---" in line or "___" in line or "===" in line
            or ("\\" in line and _LINE_MATTERS.search(line) is not None))


# A line's tokens (and their columns) by its text, with where it first stood, and the fields of its tokens
# by column once the line is met again: [start, tokens, kinds, words, fields or None].
_SeenLines = dict[str, list]


def _lex_line_once(text: str, start: int, end: int, tokens: list[Token], columns: Columns, seen: _SeenLines,
                   prose_only: Callable[[str], bool]) -> None:
    """Lex the line text[start:end] onto `tokens`, or move the tokens of the same line lexed earlier to where
    this one stands. A line lexes the same wherever it stands (see _LINE_RE), and reasoning models write the
    same lines again when they recompute; `prose_only(line)` says whether to stop at its first word."""
    raw = text[start:end]
    known = seen.get(raw)
    kinds, words = columns
    if known is None:
        first = len(tokens)
        _lex(text, start, end, tokens, columns, prose_only(raw))
        seen[raw] = [start, tokens[first:], kinds[first:], words[first:], None]
        return
    if not known[1]:
        return
    kinds += known[2]
    words += known[3]
    # The tokens moved by `shift`, built without a Python-level loop (a line repeated after a restart is
    # read again in full): the fields of its tokens by column (read once per line), the offsets moved,
    # each row made a Token.
    fields = known[4]
    if fields is None:
        fields = known[4] = tuple(zip(*known[1]))
    shift = repeat(start - known[0])
    token_kinds, texts, values, starts, ends = fields
    tokens += map(tuple.__new__, repeat(Token),
                  zip(token_kinds, texts, values, map(add, starts, shift), map(add, ends, shift)))


def number_tokens(text: str) -> list[Token]:
    """The integer tokens of `text`, as `tokenize` reads them (only lines with digits are lexed)."""
    tokens: list[Token] = []
    columns: Columns = ([], [])
    digit = _DIGIT.search
    seen: _SeenLines = {}
    for line in _LINE_RE.finditer(text):
        start, end = line.span()
        if text[start] != "\n" and digit(text, start, end) is not None:
            _lex_line_once(text, start, end, tokens, columns, seen, _lex_in_full)
    return [tok for tok in tokens if tok.kind == "num"]


def _lex_in_full(_line: str) -> bool:
    return False

