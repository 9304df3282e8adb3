"""The /contexts page through Streamlit's AppTest, on the shipped recording (no model server)."""

import pytest
from streamlit.testing.v1 import AppTest

from inside.contexts.geometry import separation
from inside.contexts.recorded import load
from inside.contexts.sentences import EXAMPLES
from testkit import apptest
from tests.conftest import PROJECT

PAGE = str(PROJECT / "app_pages" / "contexts_page.py")
RECORDING = load()


@pytest.fixture(autouse=True)
def no_live_server(monkeypatch):
    for key in ("CONTEXTS_SERVER_URL", "CONTEXTS_SERVER_TIMEOUT", "CONTEXTS_SERVER_SLOTS"):
        monkeypatch.delenv(key, raising=False)


def run_page(**query) -> AppTest:
    return apptest.run_page(PAGE, 240, **query)


charts = apptest.chart_specs
flat = apptest.url_values


def recorded_separation(word: str):
    found = RECORDING.examples[word]
    vectors = [RECORDING.get(word, s.text).vector for s in found.sentences]
    import numpy as np

    return separation(np.stack(vectors), [s.sense for s in found.sentences])


def test_the_page_opens_on_bank_coloured_by_sense_beside_its_one_input_vector():
    at = run_page()
    assert not at.exception, [e.value for e in at.exception]
    sentences, inputs = charts(at)
    assert [t["name"] for t in sentences["data"]] == ["river", "money"]
    assert sum(len(t["text"]) for t in sentences["data"]) == len(EXAMPLES["bank"])
    star = next(t for t in inputs["data"] if t["marker"]["symbol"] == "star")
    assert star["text"] == ["bank"]
    assert len(next(t for t in inputs["data"] if t["marker"]["symbol"] == "diamond")["text"]) == 10
    found = recorded_separation("bank")
    said = " ".join(m.value for m in at.markdown)
    assert f"mean cosine {found.within:.2f}" in said and f"({found.across:.2f}," in said


@pytest.mark.parametrize("word", list(EXAMPLES))
def test_every_example_word_is_closer_within_a_sense_than_across(word):
    found = recorded_separation(word)
    assert found.within > found.across


def test_picking_an_example_and_a_method_goes_into_the_url():
    at = run_page()
    at.pills[0].set_value("bat").run()
    at.radio(key="contexts_method").set_value("tsne").run()
    assert not at.exception
    assert flat(at) == {"word": "bat", "method": "tsne", "neighbors": "10"}
    assert [t["name"] for t in charts(at)[0]["data"]] == ["animal", "sport"]


def test_a_sentence_that_is_not_recorded_needs_the_live_server_and_says_so():
    at = run_page(word="bank", sentences="river: The bank was muddy.\nmoney: The bank was closed.")
    assert not at.exception
    assert any("no live model server is set up" in w.value for w in at.warning)


def test_recorded_sentences_in_the_readers_own_order_and_senses_need_no_server():
    lines = [f"mine: {s.text}" for s in RECORDING.examples["apple"].sentences[:3]]
    at = run_page(word="apple", sentences="\n".join(lines))
    assert not at.exception and not at.warning
    assert [t["name"] for t in charts(at)[0]["data"]] == ["mine"]


@pytest.mark.parametrize("figure,symbol", [("contexts", "circle"), ("input", "star")])
def test_the_embedded_view_shows_one_figure(figure, symbol):
    at = run_page(view="figure", figure=figure, word="light")
    assert not at.exception
    (spec,) = charts(at)
    assert not at.title
    if symbol == "star":
        assert any(t["marker"].get("symbol") == "star" for t in spec["data"])
    else:
        assert [t["name"] for t in spec["data"]] == ["brightness", "weight"]
