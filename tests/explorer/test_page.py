"""The explorer page through Streamlit's AppTest: words in, a figure out, the URL as the source of truth."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from embeddings.models import load
from testkit import apptest
from testkit.analogy_cache import sample_questions, seed_scores
from tests.conftest import PROJECT


def run_page(**query) -> AppTest:
    return apptest.run_page(PROJECT / "app.py", **query)


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def labels(spec: dict, group: str = "entered words") -> list[str]:
    return [t for trace in spec["data"] if trace["name"] == group for t in trace.get("text", [])]


def messages(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.info, *at.error, *at.caption])


def assert_no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_words_in_a_figure_out_with_exactly_those_labels():
    at = run_page(words="king,queen,man,woman,apple")
    assert_no_traceback(at)
    assert labels(figure(at)) == ["king", "queen", "man", "woman", "apple"]


def test_default_page_shows_the_default_words():
    at = run_page()
    assert_no_traceback(at)
    assert "human" in labels(figure(at))


def test_settings_changed_on_the_page_land_in_the_url_and_reproduce_the_picture():
    at = run_page()
    at.text_area(key="w_words").set_value("Paris, london berlin\nrome, madrid").run()
    at.radio(key="w_method").set_value("umap").run()
    at.radio(key="w_dims").set_value(3).run()
    at.slider(key="w_n_neighbors").set_value(3).run()
    assert_no_traceback(at)
    query = dict(at.query_params)
    flat = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
    assert flat["words"] == "paris,london,berlin,rome,madrid"
    assert (flat["method"], flat["dims"], flat["n_neighbors"]) == ("umap", "3", "3")
    again = run_page(**flat)
    assert_no_traceback(again)
    first, second = figure(at), figure(again)
    assert first["data"] == second["data"]
    assert second["layout"]["scene"]["xaxis"]["title"]["text"] == "UMAP 1"


def test_empty_input_asks_for_words():
    at = run_page(words="king")
    at.text_area(key="w_words").set_value("   ").run()
    assert_no_traceback(at)
    assert "Type a few words" in messages(at)
    assert not at.get("plotly_chart")


def test_unknown_words_are_listed_with_suggestions_and_left_out():
    at = run_page(words="king,queeen,zzqxvw")
    assert_no_traceback(at)
    text = messages(at)
    assert "queeen" in text and "queen" in text and "zzqxvw" in text
    assert labels(figure(at)) == ["king"]


def test_ten_thousand_words_are_bounded():
    at = run_page(words="king")
    words = load("glove-wiki-gigaword-50").index_to_key[1000:11000]
    at.text_area(key="w_words").set_value(" ".join(words)).run()
    assert_no_traceback(at)
    assert "At most 200 words" in messages(at) or "very long" in messages(at)
    assert len(labels(figure(at))) <= 200


def test_markup_and_control_characters_never_break_the_page():
    at = run_page(words="king")
    at.text_area(key="w_words").set_value('<img src=x onerror=alert(1)> **bold** \x00\x1b[31m king "`rm -rf`"').run()
    assert_no_traceback(at)
    assert "king" in labels(figure(at))
    assert all("<img" not in label for label in labels(figure(at)))


def test_hostile_query_values_fall_back_with_a_notice():
    at = run_page(words="king,queen", model="../../../etc/passwd", method="<script>", dims="99",
                  neighbors="-5", context="abc", view="../admin", min_dist="1e999")
    assert_no_traceback(at)
    text = messages(at)
    for key in ("model", "method", "dims", "neighbors", "context", "view", "min_dist"):
        assert f"`{key}`" in text
    assert labels(figure(at)) == ["king", "queen"]


def test_figure_view_has_no_controls_and_no_navigation():
    at = run_page(words="king,queen,man", view="figure", dims="3")
    assert_no_traceback(at)
    assert len(at.sidebar) == 0
    assert not at.text_area and not at.radio and not at.tabs
    assert figure(at)["data"][0]["type"] == "scatter3d"


def test_few_points_with_tsne_explain_and_offer_context():
    at = run_page(words="king,queen,man,woman", method="tsne")
    assert_no_traceback(at)
    assert "almost nothing to learn" in messages(at)
    at.button[1].click().run()  # "Add vocabulary context"
    assert_no_traceback(at)
    assert dict(at.query_params)["context"] in ("1000", ["1000"])
    context = [t for t in figure(at)["data"] if t["name"] == "vocabulary context"][0]
    assert context["mode"] == "markers"  # drawn, but not labelled
    assert len(context["text"]) >= 990


def test_analogy_result_is_drawn_and_listed(glove, tmp_path):
    seed_scores(glove, "glove-wiki-gigaword-50", sample_questions(tmp_path / "questions.txt", 200))
    at = run_page(words="apple", analogy="king - man + woman")
    assert_no_traceback(at)
    assert labels(figure(at), "analogy result") == ["queen"]
    assert any("| 1. **queen** |" in m.value for m in at.markdown)  # the Analogy tab lists the answers


def test_focus_word_shows_its_raw_vector_and_reduced_coordinates():
    at = run_page(words="king,human,apple", focus="human")
    assert_no_traceback(at)
    code = " ".join(m.value for m in at.markdown if "word-vector" in m.value)
    assert "0.61854" in code and "0.11915" in code and "-0.46786" in code
    assert at.selectbox(key="w_focus").value == "human"


@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_every_method_draws(method):
    at = run_page(words="king,queen,man,woman,prince,princess,boy,girl,apple,banana", method=method, neighbors="2")
    assert_no_traceback(at)
    assert len(labels(figure(at))) == 10
    assert len(labels(figure(at), "neighbours")) > 0


def test_the_first_page_opens_on_how_to_read_the_map_and_says_what_it_shows():
    """No vector, table or code on a first page: a reader sees the figure, its caption and a few sentences."""
    at = run_page(words="king,queen,apple")
    assert_no_traceback(at)
    assert not any("word-vector" in m.value for m in at.markdown) and not at.dataframe and not at.code
    assert any("PCA keeps the 2 directions" in m.value for m in at.markdown)
    caption = " ".join(c.value for c in at.caption)
    assert "of 3 entered words" in caption and "closest together are king and queen" in caption
    at.session_state["w_tab"] = "Word vector"
    assert any("word-vector" in m.value for m in at.run().markdown)  # a click on the tab shows it


def test_opening_the_points_table_sends_it():
    at = run_page(words="king,queen,apple")
    assert not at.dataframe
    at.session_state["w_points_table"] = True
    table = at.run().dataframe[0].value
    assert list(table["word"][:3]) == ["king", "queen", "apple"]


def test_the_caption_names_the_analogy_answer_and_counts_the_words_the_tabs_show():
    at = run_page(words="apple,banana,paris", analogy="king - man + woman")
    assert_no_traceback(at)
    caption = messages(at).replace("\\", "")  # Markdown escapes
    assert "of 3 entered words: apple, banana, paris" in caption  # as the Similarity tab lists them
    assert "the analogy's 3 other words" in caption
    assert "The analogy's answer is queen (cosine similarity 0." in caption
    traces = [t["name"] for t in figure(at)["data"]]
    assert traces[-1] == "analogy result"  # drawn last: on top of every other label


def test_umap_on_few_words_says_the_picture_means_little_and_shows_the_value_it_used():
    at = run_page(words="king,queen,man,woman,apple,banana", method="umap")
    assert_no_traceback(at)
    assert "distances in this picture mean little" in messages(at)
    used = " ".join(str(c.value) for c in at.sidebar.caption)
    assert "n_neighbors used: 5 (the slider's 15" in used
