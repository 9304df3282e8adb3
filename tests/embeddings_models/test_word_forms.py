"""word2vec's case-sensitive keys and underscore phrases, ConceptNet's prefixed terms, GloVe's lower case."""
from __future__ import annotations

import numpy as np
import pytest

from embeddings.catalogue import get_spec
from embeddings.convert import keyed_vectors
from embeddings.word_forms import display_label, resolve_word

KEYS = ["New_York", "Paris", "paris", "apple", "Apple", "NASA", "king", "United_States", "/c/en/new_york", "/c/en/cat"]


@pytest.fixture
def kv():
    return keyed_vectors(KEYS, np.random.default_rng(0).normal(size=(len(KEYS), 4)).astype(np.float32))


WORD2VEC = get_spec("word2vec-google-news-300")
GLOVE = get_spec("glove-wiki-gigaword-50")
CONCEPTNET = get_spec("conceptnet-numberbatch-17-06-300")


@pytest.mark.parametrize("typed, key, says", [
    ("Paris", "Paris", ""),  # exact: no explanation
    ("paris", "paris", ""),  # case-sensitive: both exist, and the typed one wins
    ("New York", "New_York", "joins the words of a phrase"),
    ("new york", "New_York", "case-sensitive"),
    ("united states", "United_States", "case-sensitive"),
    ("nasa", "NASA", 'used "NASA"'),
    ("KING", "king", "case-sensitive"),
    ("Apple", "Apple", ""),
])
def test_word2vec_phrases_and_case(kv, typed, key, says):
    form = resolve_word(WORD2VEC, kv, typed)
    assert form.key == key
    assert (form.explanation == "") if not says else (says in form.explanation)


def test_word2vec_unknown_word_says_what_was_tried(kv):
    form = resolve_word(WORD2VEC, kv, "Los Angeles")
    assert form.key is None
    assert "Los_Angeles" in form.explanation and "not in word2vec-google-news-300" in form.explanation


def test_glove_folds_case_and_has_no_phrases(kv):
    assert resolve_word(GLOVE, kv, "KING").key == "king"
    form = resolve_word(GLOVE, kv, "New York")
    assert form.key is None and "single words, not phrases" in form.explanation


def test_conceptnet_terms_are_prefixed_and_shown_without_the_prefix(kv):
    form = resolve_word(CONCEPTNET, kv, "New York")
    assert form.key == "/c/en/new_york"
    assert "new_york" in form.explanation and "/c/en/" not in form.explanation
    assert resolve_word(CONCEPTNET, kv, "Cat").key == "/c/en/cat"
    assert display_label(CONCEPTNET, "/c/en/cat") == "cat"
