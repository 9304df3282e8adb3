"""What a reader types into the explorer: words and analogies. Any text is read without an exception other
than the documented ones, and what comes out is bounded and is only ever words."""
from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from embeddings.neighbours import MAX_ANALOGY_TERMS, parse_analogy
from embeddings.words import MAX_INPUT_CHARS, MAX_WORD_CHARS, MAX_WORDS, format_words, parse_words
from tests.hostile.strategies import any_text, hostile_text


def is_clean_word(word: str) -> bool:
    """Non-empty, no control or format characters, no quote, no surrounding or doubled whitespace."""
    return (bool(word) and word == " ".join(word.split()) and '"' not in word
            and not any(unicodedata.category(ch).startswith("C") for ch in word))


@given(any_text, st.booleans(), st.integers(min_value=1, max_value=MAX_WORDS))
@example("\ufdfa" * MAX_INPUT_CHARS, False, MAX_WORDS)  # NFKC makes each of these 18 characters
@example('"<img src=x onerror=window.__pwned=1>"', False, 5)
def test_any_text_gives_bounded_clean_unique_words(text, lowercase, max_words):
    parsed = parse_words(text, lowercase=lowercase, max_words=max_words)
    assert len(parsed.words) <= max_words
    assert len(set(parsed.words)) == len(parsed.words)
    assert all(is_clean_word(w) and len(w) <= MAX_WORD_CHARS for w in parsed.words)
    assert all(len(w) <= MAX_WORD_CHARS + 1 for w in parsed.too_long)
    assert parsed.truncated_input == (len(text) > MAX_INPUT_CHARS)
    assert parsed.over_limit + len(parsed.words) + len(parsed.too_long) <= MAX_INPUT_CHARS


@given(any_text, st.booleans())
@example('"a;b" "c,d" "e f"', False)
@example('"a\tb"', False)
def test_words_survive_the_round_trip_through_the_text_box(text, lowercase):
    """format_words is what the page puts back in the box (and a shared link seeds it with): it must read
    back as the same words, phrases and all."""
    words = parse_words(text, lowercase=lowercase).words
    assert parse_words(format_words(words), lowercase=lowercase).words == words


def lookalike_known(vocabulary: set[str]):
    return lambda word: word in vocabulary


@given(any_text, st.booleans(), st.sets(st.sampled_from(["well-known", "a-b", "-", "--", "king", "+"])))
@example("king - man + woman", True, set())
@example("<img src=x onerror=window.__pwned=1> - a + b", False, set())
@example("-" * 10_000, False, {"-"})
@example("a " * 5000, False, set())
@example("0 " + "9" * 400, False, set())  # found by hypothesis: the message echoed the whole 400-digit word
@example("a " + "\U0001f600" * 60, False, set())
def test_any_analogy_text_is_an_analogy_or_a_message(text, lowercase, known):
    try:
        analogy = parse_analogy(text, lowercase=lowercase, is_known=lookalike_known(known))
    except ValueError as error:
        message = str(error)
        assert message and len(message) < 300 and "\n" not in message
        return
    terms = [*analogy.positive, *analogy.negative]
    assert 2 <= len(terms) <= MAX_ANALOGY_TERMS
    assert analogy.positive
    assert all(term and not any(ch.isspace() for ch in term) for term in terms)
    assert all(term not in ("+", "-") for term in terms)
    assert len(str(analogy)) <= len(text) + 2 * len(terms) + 4


@given(hostile_text)
def test_a_typed_analogy_reads_back_from_its_own_display(text):
    """The page shows `str(analogy)`; reading that back gives the same analogy (nothing re-interpreted)."""
    try:
        analogy = parse_analogy(text, lowercase=False)
    except ValueError:
        return
    assert parse_analogy(str(analogy), lowercase=False) == analogy
