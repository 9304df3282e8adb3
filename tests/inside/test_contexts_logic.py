"""/contexts without a server: the reader's sentences, the word's token, the senses' separation, the URL."""
import numpy as np
import pytest

from inside.contexts.geometry import describe, nearest_sentences, separation
from inside.contexts.locate import NotFound, word_tokens, word_vector
from inside.contexts.sentences import EXAMPLES, MAX_SENTENCES, example, find_word, parse_lines, to_lines
from inside.contexts.server import ServerUnavailable, parse_vectors
from inside.contexts.url_state import DEFAULTS, ContextsState, from_query, to_query


def test_every_example_sentence_uses_its_word_and_has_two_senses():
    for word in EXAMPLES:
        found = example(word)
        assert len(found.senses) >= 2 and len(found.sentences) >= 6
        assert all(find_word(word, s.text) for s in found.sentences)
        assert parse_lines(word, to_lines(found)) == (found, [])


def test_the_readers_lines_keep_their_sense_and_lines_that_do_not_fit_are_named():
    lines = "river: The bank was muddy.\nThe bank is closed.\nNo such word here.\n" + "x" * 300 + " bank"
    found, notices = parse_lines("bank", lines)
    assert [(s.sense, s.text) for s in found.sentences] == [("river", "The bank was muddy."),
                                                            ("-", "The bank is closed.")]
    assert any("Line 3 does not use" in n for n in notices) and any("Line 4 is longer" in n for n in notices)
    many, notices = parse_lines("bank", "\n".join(["a bank"] * (MAX_SENTENCES + 3)))
    assert len(many.sentences) == MAX_SENTENCES and "At most" in notices[-1]
    with pytest.raises(ValueError):
        parse_lines("two words", "two words")


def test_the_word_is_found_as_a_whole_word_in_any_case():
    assert find_word("bat", "The batter gripped the wooden bat.") == (30, 33)
    assert find_word("apple", "Apple hired engineers.") == (0, 5)
    assert find_word("bank", "The banker smiled.") is None


def test_the_words_vector_is_at_its_last_token():
    pieces = ("The", " little", " brown", " bat", " hunts", " by", " ech", "olocation", ".")
    vectors = np.arange(len(pieces) * 2, dtype=np.float32).reshape(-1, 2)
    assert word_tokens("echolocation", "The little brown bat hunts by echolocation.", pieces) == [6, 7]
    vector, tokens = word_vector("echolocation", "The little brown bat hunts by echolocation.", pieces, vectors)
    assert tokens == [" ech", "olocation"] and vector.tolist() == [14.0, 15.0]
    with pytest.raises(NotFound):
        word_tokens("bank", "The little brown bat.", ("The", " little", " brown", " bat", "."))


def test_the_servers_vectors_lose_the_start_of_text_row_and_a_pooled_answer_is_a_clear_message():
    rows = np.ones((4, 3)).tolist()
    assert parse_vectors([{"index": 0, "embedding": rows}], 3).shape == (3, 3)
    with pytest.raises(ServerUnavailable, match="--pooling none"):
        parse_vectors([{"index": 0, "embedding": [1.0, 2.0, 3.0]}], 3)
    with pytest.raises(ServerUnavailable, match="5 vectors for 3 tokens"):
        parse_vectors([{"embedding": np.ones((5, 3)).tolist()}], 3)


def test_within_and_across_senses_are_mean_cosines_of_the_pairs():
    vectors = np.array([[1.0, 0.0], [1.0, 0.1], [0.0, 1.0], [0.1, 1.0]])
    found = separation(vectors, ["a", "a", "b", "b"])
    assert found.within == pytest.approx(np.mean([0.99503719, 0.99503719]))
    assert found.across_pairs == 4 and found.across < 0.2
    assert "closer to each other (mean cosine 1.00" in describe("bank", found)
    closest = nearest_sentences(vectors, k=1)
    assert [row[0][0] for row in closest] == [1, 0, 3, 2]
    assert all(row[0][1] == pytest.approx(0.995, abs=1e-3) for row in closest)
    unsorted = separation(vectors, ["-", "-", "-", "-"])
    assert unsorted.within is None and "Give the sentences two or more senses" in describe("bank", unsorted)


def test_the_url_round_trips_and_bad_values_fall_back():
    state = ContextsState(word="light", sentences="a: The light.\nb: So light.", method="umap", neighbors=5,
                          figure="input", view="figure")
    assert from_query(to_query(state)) == (state, [])
    assert to_query(DEFAULTS) == {"word": "bank", "method": "pca", "neighbors": "10"}
    state, notices = from_query({"word": "two words", "method": "lda", "neighbors": "99"})
    assert state == DEFAULTS and len(notices) == 3
