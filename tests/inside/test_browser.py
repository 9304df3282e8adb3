"""/steps and /contexts in Debian's chromium, on the shipped recordings: the figures drawn, an example picked."""
from urllib.parse import parse_qs, urlparse

import pytest

from inside.steps.recorded import load

pytestmark = pytest.mark.browser
CHART = '[data-testid="stPlotlyChart"]'
LABELS = f'{CHART} .scatterlayer .textpoint text'
TICKS = f'{CHART} .xtick text'


def labels(page) -> list[str]:
    return page.eval_on_selector_all(LABELS, "els => els.map(e => e.textContent)")


def ticks(page) -> list[str]:
    return page.eval_on_selector_all(TICKS, "els => els.map(e => e.textContent)")


def test_steps_draws_where_the_answers_probability_goes_and_a_picked_example_redraws(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/steps")
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length === 2", timeout=120_000)
    page.wait_for_function(f"() => [...document.querySelectorAll('{TICKS}')].some(e => e.textContent === '408')",
                           timeout=60_000)
    assert {"408", "418", "360"} <= set(ticks(page))  # right, after the wrong step, after the working stopped
    assert "92%" in labels(page) and "79%" in labels(page)  # 408 after the working, 418 after the wrong step
    second = load().examples[1]
    page.locator("button", has_text=f"{second.a} x {second.b}").first.click()
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('a') === '{second.a}'", timeout=60_000)
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{TICKS}')].some(e => e.textContent === '{second.product}')",
        timeout=120_000)
    assert parse_qs(urlparse(page.url).query)["wrong_by"] == [str(second.wrong.by)]


def test_steps_embedded_figure_against_digits(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/steps?view=figure&figure=digits&embed=true")
    page.wait_for_selector(f"{CHART} .legendtext", timeout=120_000)
    legend = page.eval_on_selector_all(f"{CHART} .legendtext", "els => els.map(e => e.textContent)")
    assert "with correct working" in legend and "the question alone" in legend
    assert page.get_by_role("link", name="Open in With and without the working ↗").count() == 1


def test_contexts_draws_the_word_in_each_sentence_beside_its_input_vector(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/contexts?word=bank")
    page.wait_for_function(f"() => document.querySelectorAll('{CHART}').length === 2", timeout=240_000)
    page.wait_for_function(f"() => [...document.querySelectorAll('{LABELS}')].some(e => e.textContent === 'bank')",
                           timeout=60_000)
    assert any("bank of the" in t for t in labels(page))
    page.locator("button", has_text="apple").first.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('word') === 'apple'", timeout=60_000)
    page.wait_for_function(f"() => [...document.querySelectorAll('{LABELS}')].some(e => e.textContent === 'apple')",
                           timeout=120_000)
