"""Raw dimensions and meaning axes: the essay's first figures, drawn from the real GloVe vectors."""
import numpy as np
import pytest

from embeddings.plotly_block import _decode_typed_array, block_json, plotly_block
from embeddings.projections import Projection, cosine_coordinates, parse_direction, project
from embeddings.url_state import from_query, to_query
from testkit.apptest import url_values
from tests.explorer.test_page import assert_no_traceback, figure, labels, messages, run_page


def numbers(values) -> list[float]:
    """A trace's coordinates as the browser gets them (plotly.py sends float64 arrays as base64)."""
    return _decode_typed_array(values).tolist() if isinstance(values, dict) else list(values)


def entered(spec: dict) -> dict:
    trace = next(t for t in spec["data"] if t["name"] == "entered words")
    return {**trace, **{axis: numbers(trace[axis]) for axis in "xyz" if axis in trace}}


def test_human_at_its_first_two_numbers_exactly_as_the_essay_prints_them():
    at = run_page(words="human", method="dimensions", axes="1,2")
    assert_no_traceback(at)
    spec = figure(at)
    trace = entered(spec)
    assert (trace["x"], trace["y"]) == ([0.61854], [0.11915])
    assert spec["layout"]["xaxis"]["title"]["text"] == "dimension 1 of 50"
    assert spec["layout"]["yaxis"]["title"]["text"] == "dimension 2 of 50"
    assert spec["layout"]["xaxis"]["showticklabels"] is True  # the numbers are read off the axes


def test_the_export_of_human_in_two_dimensions_is_the_essays_block(glove):
    from embeddings.essay_blocks import DIGITS
    from embeddings.figures import scatter
    from embeddings.scene import build_scene, request_for

    state, notices = from_query({"words": "human", "method": "dimensions", "axes": "1,2"})
    assert not notices
    block = block_json(plotly_block(scatter(build_scene(glove, request_for(state, ["human"], None))), DIGITS))
    (trace,) = block["data"]
    assert (trace["x"], trace["y"], trace["text"]) == ([0.61854], [0.11915], ["human"])
    assert block["layout"]["xaxis"]["title"]["text"] == "dimension 1 of 50"


def test_three_dimensions_and_other_axes():
    at = run_page(words="human,king", method="dimensions", axes="1,2,3")
    assert_no_traceback(at)
    spec = figure(at)
    trace = entered(spec)
    assert trace["type"] == "scatter3d" and trace["z"][0] == -0.46786
    assert spec["layout"]["scene"]["zaxis"]["title"]["text"] == "dimension 3 of 50"
    assert to_query(from_query({"method": "dimensions", "axes": "50,7"})[0])["axes"] == "50,7"


@pytest.mark.parametrize("axes, said", [("1,51", "has 50 dimensions, not 51"), ("0,1", "outside 1.."),
                                        ("1", "two or three dimensions"), ("1,1", "twice"),
                                        ("a,b", "not a whole number")])
def test_bad_axes_fall_back_with_the_pages_notice(axes, said):
    at = run_page(words="human", method="dimensions", axes=axes)
    assert_no_traceback(at)
    assert said in messages(at)
    trace = entered(figure(at))
    assert (trace["x"], trace["y"]) == ([0.61854], [0.11915])  # the first two, as without `axes`


def test_meaning_axes_place_words_by_cosine_and_name_the_axes():
    at = run_page(words="king,queen,man,woman", method="axes", x="woman - man", y="king - man, queen - woman")
    assert_no_traceback(at)
    spec = figure(at)
    assert spec["layout"]["xaxis"]["title"]["text"] == "woman - man"
    assert spec["layout"]["yaxis"]["title"]["text"] == "king - man, queen - woman"
    trace = entered(spec)
    x = dict(zip(trace["text"], trace["x"]))
    y = dict(zip(trace["text"], trace["y"]))
    assert x["woman"] > x["queen"] > 0 > x["man"] and x["king"] < 0  # the gender direction
    assert x["woman"] == pytest.approx(-x["man"])  # cosines with woman - man: symmetric for the pair itself
    assert y["king"] > y["man"] and y["queen"] > y["woman"]  # the royalty direction


def test_a_direction_is_the_average_of_its_unit_differences(glove):
    unit = lambda w: glove[w] / np.linalg.norm(glove[w])  # noqa: E731
    direction = ((unit("woman") - unit("man")) + (unit("queen") - unit("king"))) / 2
    expected = unit("girl") @ direction / np.linalg.norm(direction)
    (value,) = cosine_coordinates(glove, ["girl"], [parse_direction("woman - man, queen - king")])[0]
    assert value == pytest.approx(expected, rel=1e-6)
    single = cosine_coordinates(glove, ["girl"], [parse_direction("boy")])[0][0]
    assert single == pytest.approx(glove.similarity("girl", "boy"), rel=1e-5)


def test_words_an_axis_needs_and_the_model_lacks_are_reported_like_the_word_list():
    at = run_page(words="king,queen", method="axes", x="woman - man, qeen - kingg", y="good")
    assert_no_traceback(at)
    text = messages(at)
    assert "qeen" in text and "did you mean" in text and "queen" in text
    assert figure(at)["layout"]["xaxis"]["title"]["text"] == "woman - man, qeen - kingg"
    at = run_page(words="king", method="axes", x="zzqxvw - qqzzx", y="good")
    assert_no_traceback(at)
    assert "no word glove-wiki-gigaword-50 knows" in messages(at)
    assert not at.get("plotly_chart")


def test_bad_axis_expressions_fall_back_with_a_notice():
    state, notices = from_query({"method": "axes", "x": "woman - - man", "y": "a,,b"})
    assert state.directions == ("woman - man", "king - man, queen - woman")
    assert len(notices) == 2 and "Two signs in a row" in notices[0] and "empty part" in notices[1]


def test_an_axis_that_cancels_out_is_a_message(glove):
    with pytest.raises(ValueError, match="cancels out"):
        project(glove, ["king"], Projection("axes", expressions=("man - man", "good")))


def test_settings_made_on_the_page_are_in_the_url():
    at = run_page(words="human")
    at.radio(key="w_method").set_value("dimensions").run()
    at.number_input(key="w_dimension_y").set_value(5).run()
    assert_no_traceback(at)
    flat = url_values(at)
    assert (flat["method"], flat["axes"]) == ("dimensions", "1,5")
    assert labels(figure(at)) == ["human"]
    at.radio(key="w_method").set_value("axes").run()
    at.text_input(key="w_axis_x").set_value("paris - london").run()
    flat = url_values(at)
    assert flat["x"] == "paris - london" and "axes" not in flat
    assert figure(at)["layout"]["xaxis"]["title"]["text"] == "paris - london"


def test_the_pages_plotly_block_holds_humans_numbers_exactly():
    at = run_page(words="human", method="dimensions", axes="1,2")
    at.session_state["w_tab"] = "Share & export"
    at.run()
    at.toggle(key="x_export_show").set_value(True).run()
    assert_no_traceback(at)
    block = next(c.value for c in at.code if c.value.startswith("```plotly"))
    (trace,) = block_json(block)["data"]
    assert (trace["x"], trace["y"]) == ([0.61854], [0.11915])  # 4 significant digits would give 0.6185
