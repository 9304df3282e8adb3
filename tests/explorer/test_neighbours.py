"""Neighbours and analogies on the real GloVe vectors."""
import numpy as np
import pytest

from embeddings.neighbours import nearest, nearest_many, parse_analogy, similarity_matrix, solve_analogy


def test_nearest_neighbours_are_by_cosine_and_leave_the_word_out(glove):
    found = nearest(glove, "king", 5)
    assert [w for w, _ in found][:2] == ["prince", "queen"]
    assert "king" not in [w for w, _ in found]
    sims = [s for _, s in found]
    assert sims == sorted(sims, reverse=True)


def test_batched_neighbours_match_one_by_one(glove):
    words = ["king", "apple", "human", "paris", "computer"]
    batched = nearest_many(glove, words, 8, chunk=50_000)
    for word in words:
        assert [w for w, _ in batched[word]] == [w for w, _ in nearest(glove, word, 8)]


def test_king_minus_man_plus_woman_is_queen(glove):
    analogy = parse_analogy("king - man + woman", lowercase=True)
    results = solve_analogy(glove, analogy)
    assert results[0][0] == "queen"
    assert not {"king", "man", "woman"} & {w for w, _ in results}


@pytest.mark.parametrize(
    "text, positive, negative",
    [
        ("king - man + woman", ("king", "woman"), ("man",)),
        ("King-Man+Woman", ("king", "woman"), ("man",)),
        ("paris - france + italy", ("paris", "italy"), ("france",)),
        ("well-known - good", ("well-known",), ("good",)),
    ],
)
def test_analogy_parsing(text, positive, negative):
    analogy = parse_analogy(text, lowercase=True, is_known=lambda w: w == "well-known")
    assert (analogy.positive, analogy.negative) == (positive, negative)


@pytest.mark.parametrize("text", ["", "king", "king man", "king -", "king + - man", "- man"])
def test_bad_analogies_say_why(text):
    with pytest.raises(ValueError):
        parse_analogy(text, lowercase=True)


def test_similarity_matrix_is_symmetric_with_ones_on_the_diagonal(glove):
    m = similarity_matrix(glove, ["king", "queen", "apple"])
    np.testing.assert_allclose(np.diag(m), 1.0, atol=1e-6)
    np.testing.assert_allclose(m, m.T)
    assert m[0, 1] > m[0, 2]


class _Unreadable:
    """Stands in for the vocabulary matrix: any read of it fails (fault injection)."""

    def __getitem__(self, item):
        raise AssertionError("the vocabulary was scanned again")


def test_a_word_asked_again_is_not_searched_again_and_gets_the_same_answer(glove):
    """Every view looks up the nearest words of every word it shows: a word asked before (by any reader) is
    answered from memory, the same answer for any k up to the most neighbours a view can ask."""
    words = ["violin", "senate", "glacier"]
    first = {k: nearest_many(glove, words, k) for k in (3, 10)}
    vectors = glove.vectors
    glove.vectors = _Unreadable()
    try:
        again = {k: nearest_many(glove, list(reversed(words)), k) for k in (3, 10, 30)}
    finally:
        glove.vectors = vectors
    assert again[3] == first[3] and again[10] == first[10]
    for word in words:
        assert [w for w, _ in again[30][word]] == [w for w, _ in nearest(glove, word, 30)]


def test_a_new_word_beside_remembered_ones_is_searched_alone(glove):
    nearest_many(glove, ["cello"], 5)
    mixed = nearest_many(glove, ["cello", "trombone"], 5)
    assert [w for w, _ in mixed["trombone"]] == [w for w, _ in nearest(glove, "trombone", 5)]
    assert [w for w, _ in mixed["cello"]] == [w for w, _ in nearest(glove, "cello", 5)]
