"""Which pairs a picture draws closer or farther than their cosine similarity ranks them."""
from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from embeddings.pair_shifts import pair_shifts, sentences
from tests.conftest import PROJECT


def test_pairs_drawn_out_of_their_cosine_order_are_named_with_their_ranks():
    angles = np.radians([0, 10, 60, 90])  # a-b most similar, a-d least
    vectors = np.column_stack([np.cos(angles), np.sin(angles)])
    coords = np.array([[0.0, 0.0], [5.0, 0.0], [1.5, 0.0], [1.0, 0.0]])  # b pushed away, d pulled in
    result = pair_shifts(["a", "b", "c", "d"], vectors, coords)
    assert result.pairs == 6
    assert (result.closer[0].first, result.closer[0].second) == ("a", "d")
    assert (result.closer[0].cosine_rank, result.closer[0].screen_rank) == (6, 2)
    assert (result.farther[0].first, result.farther[0].second) == ("a", "b")
    assert (result.farther[0].cosine_rank, result.farther[0].screen_rank) == (1, 6)
    lines = sentences(result, "the picture")
    assert lines[0].startswith("Drawn closer by the picture than their cosine ranks them: a – d: cosine 0.00, "
                               "the 6th most similar of 6 pairs, drawn the 2nd closest")
    assert lines[1].startswith("Drawn farther apart than their cosine ranks them: a – b: cosine 0.98, the 1st")


def test_a_picture_in_cosine_order_says_so():
    angles = np.radians([0, 10, 30])
    vectors = np.column_stack([np.cos(angles), np.sin(angles)])
    result = pair_shifts(["a", "b", "c"], vectors, np.column_stack([angles, np.zeros(3)]))
    assert not result.closer and not result.farther
    assert sentences(result, "this map") == ["This map orders all 3 pairs as their cosine does."]


def test_the_similarity_tab_and_the_compare_page_name_the_pairs():
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["words"] = "king,queen,man,woman,apple,banana,paris,london"
    at.session_state["w_tab"] = "Similarity"
    at.run()
    assert not at.exception
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Drawn closer by this PCA map than their cosine ranks them:" in said
    compare = AppTest.from_file(str(PROJECT / "app_pages" / "compare_page.py"), default_timeout=180)
    compare.query_params["words"] = "king, queen, man, woman, apple, banana"
    compare.run()
    assert not compare.exception
    said = " ".join(c.value for c in compare.caption).replace("\\", "")
    assert "than their cosine ranks them" in said and "of 15 pairs" in said
