"""Turning what a reader typed into model keys: bounded, cleaned, de-duplicated, with suggestions.

Readers type anything: thousands of words, markup, control characters. Everything here is bounded so a
request can never make the server do unbounded work, and nothing typed is ever used as anything but a key.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from embeddings.spec import ModelSpec
from embeddings.vectors import WordVectors
from embeddings.word_forms import resolve_words

MAX_WORDS = 200
MAX_INPUT_CHARS = 20_000
MAX_WORD_CHARS = 64
SUGGESTION_POOL = 100_000  # suggest among the most frequent words only: faster and more useful
MAX_SUGGESTED = 10  # words that get suggestions; the rest are only listed

_TOKEN = re.compile(r'"([^"]+)"|([^\s,;"]+)')
_SEPARATOR = re.compile(r'[\s,;]')


@dataclass
class ParsedWords:
    """The unique words in input order, and what was left out on the way, so the page can say so."""

    words: list[str] = field(default_factory=list)
    over_limit: int = 0
    too_long: list[str] = field(default_factory=list)
    truncated_input: bool = False


def clean_text(text: str) -> str:
    """NFKC-normalise and replace control and format characters (newlines stay: they separate words)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch if ch in "\n\t" or not unicodedata.category(ch).startswith("C") else " " for ch in text
    )


def parse_words(text: str, *, lowercase: bool, max_words: int = MAX_WORDS) -> ParsedWords:
    """Split on commas, semicolons, spaces and new lines; "double quotes" keep a phrase together."""
    result = ParsedWords()
    if len(text) > MAX_INPUT_CHARS:
        text = text[:MAX_INPUT_CHARS]
        result.truncated_input = True
    seen: set[str] = set()
    for match in _TOKEN.finditer(clean_text(text)):
        token = " ".join((match.group(1) or match.group(2)).split())
        if not token:
            continue
        if lowercase:
            token = token.lower()
        if len(token) > MAX_WORD_CHARS:
            result.too_long.append(token[:MAX_WORD_CHARS] + "…")
            continue
        if token in seen:
            continue
        seen.add(token)
        if len(result.words) < max_words:
            result.words.append(token)
        else:
            result.over_limit += 1
    return result


@dataclass
class Lookup:
    """The model's keys for the words it knows, how they were found, and close words for the others."""

    found: list[str]
    missing: list[str]
    suggestions: dict[str, list[str]]
    explanations: list[str] = field(default_factory=list)  # e.g. '"New York" is the phrase New_York in ...'


def lookup(kv: WordVectors, words: list[str], *, spec: ModelSpec | None = None, suggest: bool = True) -> Lookup:
    """Resolve typed words to keys with the model's conventions (case, phrases, prefixes) when `spec` is given."""
    if spec is None:
        found = [w for w in words if w in kv.key_to_index]
        missing = [w for w in words if w not in kv.key_to_index]
        explanations: list[str] = []
    else:
        forms = resolve_words(spec, kv, words)
        found = list(dict.fromkeys(f.key for f in forms if f.found))
        missing = [f.typed for f in forms if not f.found]
        explanations = [f.explanation for f in forms if f.found and f.explanation]
    suggestions: dict[str, list[str]] = {}
    if suggest and missing:
        pool = kv.index_to_key[:SUGGESTION_POOL]
        for word in missing[:MAX_SUGGESTED]:
            matches = process.extract(word, pool, scorer=fuzz.ratio, limit=3, score_cutoff=60)
            suggestions[word] = [m[0] for m in matches]
    return Lookup(found=found, missing=missing, suggestions=suggestions, explanations=explanations)


def format_words(words: list[str] | tuple[str, ...]) -> str:
    """The inverse of `parse_words`: a word holding a separator (a space, comma or semicolon) is quoted so that
    it survives the round trip; words never hold a double quote (`parse_words` cannot produce one)."""
    return ", ".join(f'"{w}"' if _SEPARATOR.search(w) else w for w in words)


def markdown_code(text: str) -> str:
    """`text` as a Markdown code span that shows every character as typed, backticks and asterisks included.

    A plain `` `word` `` lets a typed backtick close the span, after which `**x**` or a link is rendered as
    markup (CommonMark's rule: a fence longer than any run of backticks inside, padded with a space when the
    text starts or ends with a backtick, cannot be closed from within).
    """
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def markdown_text(text: str) -> str:
    """`text` for a Markdown string, shown as typed: each ASCII punctuation character backslash-escaped
    (CommonMark allows it for all of them), so `**`, links, `<tags>`, Streamlit's `:red[...]` and `$math$`
    stay characters; new lines become spaces, so the text cannot start a list or a heading."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))
