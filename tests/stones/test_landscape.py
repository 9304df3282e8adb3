"""The landscape: probability placed on the map, off-map shares stated, density where the words are."""
import numpy as np
import pytest

from stones.distribution import Candidate, NextTokens
from stones.landscape import GRID, WordMap, landscape
from stones.tokens import NOT_IN_MAP, PIECE, PUNCTUATION, WORD
from stones.walk import stones, texts

MAP = WordMap(("king", "queen", "man", "woman", "apple"),
              np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [10.0, 10.0]]))
AFTER = NextTokens("The", (Candidate(" King", 0.3), Candidate(" king", 0.1), Candidate(" queen", 0.2),
                           Candidate(",", 0.2), Candidate("dom", 0.1), Candidate(" zyzzyva", 0.05)), "recorded")


def test_shares_add_up_and_name_what_is_off_the_map():
    scape = landscape(AFTER, MAP, 1.0)
    assert sum(scape.shares.values()) == pytest.approx(1.0)
    assert scape.on_map == pytest.approx(0.6 / 0.95)
    assert scape.shares[PUNCTUATION] == pytest.approx(0.2 / 0.95)
    assert scape.shares[PIECE] == pytest.approx(0.1 / 0.95)
    assert scape.shares[NOT_IN_MAP] == pytest.approx(0.05 / 0.95)
    assert scape.off_map == pytest.approx(0.35 / 0.95)
    assert scape.coverage == pytest.approx(0.95)


def test_tokens_of_one_word_add_up_to_one_point():
    scape = landscape(AFTER, MAP, 1.0)
    assert list(scape.words.word) == ["King", "queen"]
    assert scape.words.probability.iloc[0] == pytest.approx(0.4 / 0.95)
    assert scape.words[["x", "y"]].iloc[0].tolist() == [0.0, 0.0]


def test_the_density_peaks_at_the_likeliest_word_and_is_empty_far_away():
    scape = landscape(AFTER, MAP, 1.0)
    assert scape.density.shape == (GRID, GRID)
    row, col = np.unravel_index(scape.density.argmax(), scape.density.shape)
    assert abs(scape.grid_x[col] - 0.0) < 0.2 and abs(scape.grid_y[row] - 0.0) < 0.2
    far = (np.abs(scape.grid_x - 10.0).argmin(), np.abs(scape.grid_y - 10.0).argmin())
    assert scape.density[far[1], far[0]] < 1e-6


def test_a_lower_temperature_piles_the_landscape_onto_the_likeliest_word():
    cold, hot = landscape(AFTER, MAP, 0.3), landscape(AFTER, MAP, 2.0)
    assert cold.density.max() > landscape(AFTER, MAP, 1.0).density.max() > hot.density.max()
    assert cold.on_map > hot.on_map  # the likeliest tokens are words here, so the cold landscape is on the map


def test_nothing_on_the_map_draws_a_flat_landscape_and_says_all_is_off_it():
    after = NextTokens("The", (Candidate(",", 0.6), Candidate(".", 0.3)), "recorded")
    scape = landscape(after, MAP, 1.0)
    assert scape.words.empty and scape.density.max() == 0.0
    assert scape.shares[WORD] == 0.0 and scape.off_map == pytest.approx(1.0)


def test_the_stones_path_places_words_and_leaves_pieces_off_the_map():
    tosses = (" queen", ",", " woman", "ly")
    assert texts("The", tosses)[-1] == "The queen, womanly"
    path = stones("The", tosses, MAP)
    assert [s.number for s in path] == [1, 2, 3, 4]
    assert [(s.x, s.y) for s in path if s.on_map] == [(1.0, 0.0), (1.0, 1.0)]
    assert [s.token for s in path if not s.on_map] == [",", "ly"]


def test_the_text_alternative_names_the_likeliest_words_and_the_off_map_share():
    from stones.figure import summary

    text = summary(landscape(AFTER, MAP, 1.0), "The", stones("The", (" queen",), MAP))
    assert "King (42%)" in text and "queen (21%)" in text and "37% of the probability is off the map" in text
    assert "Stones tossed: ' queen'" in text
