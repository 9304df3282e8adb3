"""The /steps page through Streamlit's AppTest, on the shipped recording (no model server)."""

import pytest
from streamlit.testing.v1 import AppTest

from inside.steps.recorded import load
from inside.steps.sources import StepsSources
from inside.steps.working import CONTEXTS
from testkit import apptest
from tests.conftest import PROJECT

PAGE = str(PROJECT / "app_pages" / "steps_page.py")
RECORDING = load()


@pytest.fixture(autouse=True)
def no_live_server(monkeypatch):
    for key in ("STONES_SERVER_URL", "STONES_SERVER_API", "STONES_SERVER_MODEL"):
        monkeypatch.delenv(key, raising=False)


def run_page(**query) -> AppTest:
    return apptest.run_page(PAGE, 180, **query)


charts = apptest.chart_specs
flat = apptest.url_values


def messages(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.info, *at.error, *at.caption, *at.markdown])


def test_the_page_opens_on_the_first_example_with_both_figures_and_the_recorded_probabilities():
    at = run_page()
    assert not at.exception, [e.value for e in at.exception]
    found = StepsSources(RECORDING, None).answer(RECORDING.examples[0])
    answers, digits = charts(at)
    stones = [t for t in answers["data"] if t["name"] in {c.title for c in CONTEXTS}]
    assert [t["name"] for t in stones] == [c.title for c in CONTEXTS]
    table = at.dataframe[0].value
    for context, row in zip(CONTEXTS, table.itertuples(index=False)):
        assert row[1] == pytest.approx(found.right(context))
    lines = [t for t in digits["data"] if t["mode"] == "lines+markers"]
    assert [t["x"] for t in lines][0] == [1, 2, 3, 4]
    assert "408" in messages(at) and "418" in messages(at)
    assert flat(at) == {"a": "12", "b": "34", "wrong_row": "1", "wrong_by": "10"}


def test_picking_an_example_changes_the_problem_and_the_url():
    at = run_page()
    second = RECORDING.examples[1]
    at.pills[0].set_value(f"{second.a} x {second.b}").run()
    assert not at.exception
    assert flat(at)["a"] == str(second.a) and flat(at)["wrong_by"] == str(second.wrong.by)
    assert str(second.product) in messages(at)


def test_a_problem_that_is_not_recorded_is_a_clear_message_and_the_figure_against_digits_stays():
    at = run_page(a="777", b="888")
    assert not at.exception
    assert "not among the recorded ones, and no live model server is set up" in messages(at)
    assert len(at.get("plotly_chart")) == 1


def test_a_bad_url_value_is_a_notice_and_the_default_is_used():
    at = run_page(a="12", b="34", wrong_row="3")
    assert not at.exception
    assert any("wrong step was not used" in w.value for w in at.warning)
    assert flat(at)["wrong_row"] == "1"


@pytest.mark.parametrize("figure,trace", [("answers", "landscape"), ("digits", "with correct working")])
def test_the_embedded_view_shows_one_figure_and_a_link_to_the_page(figure, trace):
    at = run_page(view="figure", figure=figure)
    assert not at.exception
    (spec,) = charts(at)
    assert trace in [t["name"] for t in spec["data"]]
    assert not at.title and "Open in With and without the working" in " ".join(m.value for m in at.markdown)


def test_the_share_tab_gives_the_essay_block_of_each_figure():
    at = run_page()
    toggles = [t for t in at.toggle if t.label == "Show the block to copy"]
    assert len(toggles) == 2
    toggles[1].set_value(True).run()
    block = next(c.value for c in at.code if c.value.startswith("```plotly"))
    assert "with correct working" in block
