"""Token pieces to words: the tokenizer conventions that decide what lands on the map."""
import numpy as np
import pytest

from stones.distribution import Candidate, NextTokens
from stones.landscape import WordMap, classify
from stones.tokens import NOT_IN_MAP, PIECE, PUNCTUATION, SPECIAL, WORD, map_key, read_token


@pytest.mark.parametrize("token", [" king", "▁king", "Ġking"])
def test_every_word_initial_marker_starts_a_word(token):
    assert read_token(token) == read_token(" king")
    assert read_token(token).kind == WORD and read_token(token).word == "king"


@pytest.mark.parametrize(("token", "kind"), [
    ("dom", PIECE), ("'s", PUNCTUATION), (",", PUNCTUATION), (" ,", PUNCTUATION), (" 12", PUNCTUATION),
    ("\n", PUNCTUATION), (" ", PUNCTUATION), ("<eos>", SPECIAL), ("<end_of_turn>", SPECIAL), (" …", PUNCTUATION),
])
def test_pieces_punctuation_and_special_tokens_are_not_words(token, kind):
    assert read_token(token).kind == kind


def test_inner_hyphens_and_apostrophes_stay_in_the_word():
    assert read_token(" mother-in-law").word == "mother-in-law"
    assert read_token(" don't").word == "don't"
    assert read_token(" king-").kind == PUNCTUATION


def test_a_piece_without_a_marker_is_a_word_only_at_the_start_of_a_text():
    assert read_token("King").kind == PIECE
    assert read_token("King", at_start=True).word == "King"


def test_case_folding_follows_the_embedding_model():
    assert map_key("King", lowercase=True) == "king"
    assert map_key("King", lowercase=False) == "King"
    assert map_key("King", lowercase=True, key_prefix="/c/en/") == "/c/en/king"


def test_classify_places_words_the_map_holds_and_names_the_rest():
    word_map = WordMap(("king", "queen", "man"), np.array([[0.0, 0.0], [1.0, 0.5], [2.0, 1.0]]))
    after = NextTokens("The", (Candidate(" King", 0.4), Candidate(" zyzzyva", 0.2), Candidate(",", 0.1),
                               Candidate("dom", 0.1), Candidate(" queen", 0.1)), "recorded")
    table = classify(after, word_map, at_start=False)
    assert list(table.kind) == [WORD, NOT_IN_MAP, PUNCTUATION, PIECE, WORD]
    assert table.loc[0, ["x", "y"]].tolist() == [0.0, 0.0]
    assert table.loc[4, ["x", "y"]].tolist() == [1.0, 0.5]
    assert table.x[1:4].isna().all()


def test_a_case_sensitive_model_keeps_capitals_apart():
    word_map = WordMap(("king", "King"), np.array([[0.0, 0.0], [5.0, 5.0]]), lowercase=False)
    after = NextTokens("The", (Candidate(" King", 0.5), Candidate(" king", 0.5)), "recorded")
    assert classify(after, word_map, at_start=False).x.tolist() == [5.0, 0.0]
