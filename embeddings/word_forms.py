"""How a typed word becomes a key of a given model, and how to tell the reader which form was used.

Models disagree on spelling: GloVe is lower-case single words; word2vec is case-sensitive and joins phrases
with underscores ("New York" is `New_York`); ConceptNet Numberbatch writes `/c/en/new_york`. The page types
one thing into all of them, so each lookup tries the model's own conventions in a fixed order and says which
one matched. Every candidate is only ever used as a dictionary key.
"""
from __future__ import annotations

from dataclasses import dataclass

from embeddings.spec import ModelSpec
from embeddings.vectors import WordVectors


@dataclass(frozen=True)
class WordForm:
    """`key` is what to look up in the model (None: not in it); `explanation` is empty when key == typed."""

    typed: str
    key: str | None
    explanation: str

    @property
    def found(self) -> bool:
        return self.key is not None


def _case_variants(text: str, separator: str) -> list[str]:
    """lower, Each_Word_Capitalised, First-letter capital, UPPER: the spellings word2vec actually uses."""
    parts = text.split(separator) if separator else [text]
    titled = separator.join(p[:1].upper() + p[1:].lower() for p in parts) if separator else text.title()
    return [text.lower(), titled, text[:1].upper() + text[1:].lower(), text.upper()]


def candidate_keys(spec: ModelSpec, typed: str) -> list[tuple[str, str]]:
    """(key, why) pairs in the order they are tried; the first found in the model wins."""
    text = " ".join(typed.split())
    if spec.lowercase:
        text = text.lower()
    forms = [(text, "as typed")]
    if spec.phrases_joined_by and " " in text:
        forms.append((text.replace(" ", spec.phrases_joined_by), "phrase"))
    if spec.case_sensitive:
        base, why = forms[-1]
        joiner = spec.phrases_joined_by if why == "phrase" else ""
        forms += [(variant, "case") for variant in _case_variants(base, joiner)]
    seen: set[str] = set()
    result = []
    for form, why in forms:
        key = spec.key_prefix + form
        if key not in seen:
            seen.add(key)
            result.append((key, why))
    return result


def resolve_word(spec: ModelSpec, kv: WordVectors, typed: str) -> WordForm:
    """The model's key for what the reader typed, with a sentence for the page when it is not the same."""
    candidates = candidate_keys(spec, typed)
    shown = typed.strip()
    for key, why in candidates:
        if key in kv.key_to_index:
            return WordForm(typed, key, _explain(spec, shown, key, why, candidates[0][0]))
    if " " in shown and not spec.phrases_joined_by:
        return WordForm(typed, None, f'"{shown}" is not in {spec.name}: this model has single words, not phrases.')
    tried = ", ".join(k for k, _ in candidates[1:4])
    return WordForm(typed, None, f'"{shown}" is not in {spec.name}' + (f" (also tried {tried})." if tried else "."))


def _explain(spec: ModelSpec, shown: str, key: str, why: str, first: str) -> str:
    label = display_label(spec, key)
    if key == first:
        return ""
    if why == "phrase":
        return (f'"{shown}" is the phrase {label} in {spec.name}: '
                f'it joins the words of a phrase with "{spec.phrases_joined_by}".')
    return f'"{shown}" is not in {spec.name}, whose vocabulary is case-sensitive; used "{label}".'


def resolve_words(spec: ModelSpec, kv: WordVectors, typed: list[str]) -> list[WordForm]:
    return [resolve_word(spec, kv, word) for word in typed]


def display_label(spec: ModelSpec, key: str) -> str:
    """The key as a reader would write it: ConceptNet's "/c/en/" prefix removed, nothing else changed."""
    return key[len(spec.key_prefix):] if spec.key_prefix and key.startswith(spec.key_prefix) else key
