"""Every experiment figure and the stones figure as a phone shows them, 375 pixels wide, in Debian's chromium:
embedded (the blog's iframe) and, for /stones, the page itself. Measured from the boxes of the SVG text that
plotly.js drew: nothing outside the figure or the screen, the title clear of the legend and of every other
text, the legend clear of the axes' labels, no toolbar, no drag-to-zoom (a finger drag scrolls the post),
the reading in words and the link to the app under the figure. Screenshots of what was measured are kept in
$BROWSER_ARTIFACTS/phone-375, else tests/.artifacts/phone-375 (git-ignored)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from experiment.results_page import figures
from testkit.servers import start_streamlit
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser
WIDTH = 375

MEASURE_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd.querySelector('.main-svg')) return null;
  const box = e => { const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: (e.textContent || '').slice(0, 50)}; };
  const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && (e.textContent || '').trim() && getComputedStyle(e).visibility !== 'hidden'; };
  const texts = sel => [...gd.querySelectorAll(sel)].filter(shown).map(box);
  const legend = gd.querySelector('.legend .bg');
  return {
    frame: box(gd), width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
    title: texts('.gtitle'), legend: legend ? box(legend) : null, texts: texts('svg text'),
    axes: texts('.xtick text, .x2tick text, .g-xtitle text, .g-x2title text, .g-ytitle text'),
    modebar: !!gd.querySelector('.modebar'), dragmode: gd._fullLayout.dragmode,
    ranges: JSON.stringify([gd._fullLayout.xaxis && gd._fullLayout.xaxis.range,
                            gd._fullLayout.yaxis && gd._fullLayout.yaxis.range]),
  };
}"""


def artifacts() -> Path:
    folder = Path(os.environ.get("BROWSER_ARTIFACTS") or PROJECT / "tests" / ".artifacts") / "phone-375"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server():
    app = start_streamlit(PROJECT / "app.py", env={"EXPERIMENT_RESULTS_DIR": str(PROJECT / "results")})
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 720}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    try:
        yield context
    finally:
        context.close()


def measured(page) -> dict:
    page.wait_for_function(f"() => ({MEASURE_JS})() !== null", timeout=120_000)
    page.wait_for_timeout(700)  # plotly's second layout pass (automargins) has settled
    return page.evaluate(MEASURE_JS)


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 \
        and b["top"] < a["bottom"] - 1


def outside(boxes: list[dict], frame: dict, width: int) -> list[str]:
    right = min(frame["right"], width)
    return [b["text"] for b in boxes if b["left"] < frame["left"] - 1 or b["right"] > right + 1
            or b["top"] < frame["top"] - 1 or b["bottom"] > frame["bottom"] + 1]


def check_layout(result: dict, *, embedded: bool) -> None:
    assert result["scrollWidth"] <= WIDTH, "the page scrolls sideways"
    assert outside(result["texts"], result["frame"], result["width"]) == [], "text cut off"
    assert result["title"], "no title drawn"
    titles = {t["text"] for t in result["title"]}
    others = [t for t in result["texts"] if t["text"] not in titles]
    assert [o["text"] for t in result["title"] for o in others if overlap(t, o)] == [], "the title covers text"
    if result["legend"]:
        assert not any(overlap(t, result["legend"]) for t in result["title"]), "legend over the title"
        assert [a["text"] for a in result["axes"] if overlap(a, result["legend"])] == [], "legend over an axis"
    if embedded:
        assert not result["modebar"], "a toolbar is drawn over the figure"
        assert result["dragmode"] is False, "a finger drag would zoom instead of scrolling"


@pytest.mark.parametrize("name", list(figures.FIGURES))
def test_every_experiment_figure_embedded_on_a_phone(server, phone, name):
    page = phone.new_page()
    try:
        page.goto(f"{server.url}/experiment?view=figure&figure={name}&embed=true")
        result = measured(page)
        page.screenshot(path=artifacts() / f"experiment-{name}.png", full_page=True)
        check_layout(result, embedded=True)
        link = page.get_by_role("link", name="Open in the app ↗")
        assert link.count() == 1
        assert link.bounding_box()["y"] >= result["frame"]["bottom"]  # under the figure
        reading = page.locator('[data-testid="stCaptionContainer"]').first
        assert reading.bounding_box()["y"] >= result["frame"]["bottom"] and reading.text_content().strip()
        assert link.bounding_box()["y"] - result["frame"]["bottom"] < 400  # no blank space below
    finally:
        page.close()


def test_a_finger_drag_over_an_embedded_figure_scrolls_the_page(server, phone):
    page = phone.new_page()
    try:
        page.goto(f"{server.url}/experiment?view=figure&figure=outcomes&embed=true")
        before = measured(page)
        frame = before["frame"]
        scrolled = "() => Math.max(window.scrollY, ...[...document.querySelectorAll('*')].map(e => e.scrollTop))"
        assert page.evaluate(scrolled) == 0
        cdp = page.context.new_cdp_session(page)  # a finger: touch start, moving up 200 pixels, lifted
        x, y = WIDTH // 2, int(frame["top"] + 250)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 11):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 20 * step}]})
            page.wait_for_timeout(16)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_timeout(500)
        assert page.evaluate(scrolled) > 0, "the page did not scroll"
        assert page.evaluate(MEASURE_JS)["ranges"] == before["ranges"], "the figure zoomed"
    finally:
        page.close()


@pytest.mark.parametrize("view", ["view=figure&embed=true", ""], ids=["embedded", "page"])
def test_the_stones_figure_on_a_phone(server, phone, view):
    page = phone.new_page()
    try:
        page.goto(f"{server.url}/stones?{view}")
        result = measured(page)
        page.screenshot(path=artifacts() / f"stones-{'embedded' if view else 'page'}.png", full_page=True)
        check_layout(result, embedded=bool(view))
        labels = [t for t in result["texts"] if t not in result["title"] and t not in result["axes"]]
        assert [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                if overlap(a, b)] == [], "candidate labels overlap"
    finally:
        page.close()
