"""A real Streamlit server driven by Debian's chromium: what a reader actually sees."""
import re

import pytest

pytestmark = pytest.mark.browser

# A label is drawn beside its point (scatter text) or apart with a line to it (an annotation).
PLOT_LABELS = ('[data-testid="stPlotlyChart"]:first-of-type .scatterlayer .textpoint text, '
               '[data-testid="stPlotlyChart"]:first-of-type .annotation-text')


def drawn_labels(page) -> list[str]:
    """The labels of the main figure, once Streamlit has finished the run (no stale elements left)."""
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=90_000)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    texts = chart.locator(".scatterlayer .textpoint text, .annotation-text").all_text_contents()
    return [t for t in texts if t]  # a label left to hover is drawn empty


def wait_for_labels(page, expected: set[str], timeout: float = 90_000) -> None:
    page.wait_for_function(
        """([sel, want]) => { const got = new Set([...document.querySelectorAll(sel)].map(e => e.textContent));
                              return want.every(w => got.has(w)); }""",
        arg=[PLOT_LABELS, sorted(expected)], timeout=timeout,
    )


def test_page_draws_the_typed_words_and_switches_method(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/?words=king,queen,man,woman,apple")
    wait_for_labels(page, {"king", "queen", "man", "woman", "apple"})
    assert sorted(drawn_labels(page)) == sorted(["king", "queen", "man", "woman", "apple"])
    assert page.locator(".js-plotly-plot .g-xtitle").first.text_content().startswith("PC1")

    page.get_by_text("UMAP", exact=True).click()
    page.wait_for_function(  # on a fresh machine the first UMAP compiles numba's code into cache/numba
        "() => [...document.querySelectorAll('.js-plotly-plot .g-xtitle')].some(e => e.textContent === 'UMAP 1')",
        timeout=240_000,
    )
    assert re.search(r"method=umap", page.url)
    assert sorted(drawn_labels(page)) == sorted(["king", "queen", "man", "woman", "apple"])


def test_typing_words_updates_the_figure_and_the_url(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/?words=king")
    wait_for_labels(page, {"king"})
    box = page.get_by_role("textbox", name="Words", exact=True)
    box.fill("paris, london, berlin")
    box.press("Control+Enter")
    wait_for_labels(page, {"paris", "london", "berlin"})
    page.wait_for_function("() => location.search.includes('words=paris%2Clondon%2Cberlin')", timeout=30_000)


def test_embedded_figure_view_has_no_sidebar(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/?words=king,queen,man&view=figure&embed=true")
    wait_for_labels(page, {"king", "queen", "man"})
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.get_by_role("textbox", name="Words", exact=True).count() == 0


def test_clicking_a_point_shows_that_words_vector(streamlit_server, page):
    page.goto(f"{streamlit_server.url}/?words=king,human,apple")
    wait_for_labels(page, {"king", "human", "apple"})
    index = page.evaluate("() => document.querySelector('.js-plotly-plot').data"
                          ".find(t => t.name === 'entered words').text.indexOf('human')")
    points = page.locator('[data-testid="stPlotlyChart"]').first.locator(".scatterlayer .trace .points path")
    points.nth(index).click(force=True)
    page.wait_for_function("() => location.search.includes('focus=human')", timeout=60_000)
    page.locator(".word-vector").first.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.word-vector')].some(e => e.textContent.includes('0.61854'))",
        timeout=60_000,
    )
