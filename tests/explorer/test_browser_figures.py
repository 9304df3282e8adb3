"""The figure as blog readers meet it, in Debian's chromium: inside another site's iframe, on a phone-wide
screen, with labels measured from the boxes of the SVG text that plotly.js drew."""
from __future__ import annotations

import http.server
import os
import threading
from pathlib import Path

import pytest

from testkit.label_boxes import ENTERED, LABEL_BOXES_JS, outside, overlapping_pairs
from testkit.servers import free_port

pytestmark = pytest.mark.browser

DEFAULT = ["king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human"]
THIRTY = DEFAULT + ["france", "england", "germany", "berlin", "rome", "italy", "spain", "madrid", "dog", "cat",
                    "horse", "car", "train", "computer", "music", "river", "sea", "mountain", "prince", "princess"]
FIGURE_VIEW = "view=figure&embed=true"


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    """Screenshots of what the tests saw: in $BROWSER_ARTIFACTS when set (CI keeps it), else pytest's tmp."""
    folder = Path(os.environ.get("BROWSER_ARTIFACTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_at(browser, width: int, url: str):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


def settled_labels(page_or_frame) -> dict:
    """The first figure's labels, once every entered word is drawn and nothing moves any more."""
    page_or_frame.wait_for_function(
        f"() => {{ const r = ({LABEL_BOXES_JS})(); const gd = document.querySelector('.js-plotly-plot');"
        "  if (!r || !gd.data) return false;"
        "  const want = gd.data.filter(t => t.name === 'entered words').reduce((n, t) => n + t.text.length, 0);"
        "  return r.labels.filter(b => b.group === 'entered words' || b.group === 'annotation').length >= want; }",
        timeout=120_000,
    )
    before = page_or_frame.evaluate(LABEL_BOXES_JS)
    page_or_frame.wait_for_timeout(500)
    after = page_or_frame.evaluate(LABEL_BOXES_JS)
    return after if after == before else settled_labels(page_or_frame)


def entered(result: dict) -> list[dict]:
    return [b for b in result["labels"] if b["group"] in ENTERED]


@pytest.mark.parametrize("words", [DEFAULT, THIRTY], ids=["default-view", "thirty-words"])
@pytest.mark.parametrize("width,view", [(1400, ""), (1400, FIGURE_VIEW), (375, FIGURE_VIEW), (375, "")])
def test_no_two_entered_word_labels_overlap(streamlit_server, browser, artifacts, words, width, view):
    query = "&".join(q for q in ("" if words == DEFAULT else f"words={','.join(words)}", view) if q)
    context, page = open_at(browser, width, f"{streamlit_server.url}/?{query}")
    try:
        result = settled_labels(page)
        page.screenshot(path=artifacts / f"labels-{len(words)}-words-{width}px{'-figure' if view else ''}.png")
        labels = entered(result)
        assert sorted(b["text"] for b in labels) == sorted(words)
        assert overlapping_pairs(labels) == []
        frame = dict(result["frame"], right=min(result["frame"]["right"], result["viewport"]["width"]))
        assert outside(labels, frame) == []  # every entered word inside the figure and the screen
    finally:
        context.close()


def test_the_figure_draws_in_an_iframe_of_a_page_from_another_origin(streamlit_server, browser, artifacts,
                                                                    tmp_path):
    src = f"{streamlit_server.url}/?words=king,queen,man,woman&{FIGURE_VIEW}"
    (tmp_path / "post.html").write_text(
        "<!doctype html><html><head><title>A blog post</title></head><body><h1>Do reasoning models reason?</h1>"
        f'<iframe src="{src}" width="375" height="640" style="border:1px solid #ccc" '
        'title="Words as points: an interactive figure"></iframe></body></html>')
    host = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), quiet_handler(tmp_path))
    thread = threading.Thread(target=host.serve_forever, daemon=True)
    thread.start()
    context, page = open_at(browser, 900, f"http://127.0.0.1:{host.server_port}/post.html")
    try:
        frame = page.wait_for_selector("iframe").content_frame()
        assert frame.url.startswith(streamlit_server.url) and not page.url.startswith(streamlit_server.url)
        result = settled_labels(frame)
        page.screenshot(path=artifacts / "iframe-on-another-origin.png")
        labels = entered(result)
        assert sorted(b["text"] for b in labels) == ["king", "man", "queen", "woman"]
        assert overlapping_pairs(labels) == []
        assert result["frame"]["right"] <= 375 and outside(labels, result["frame"]) == []
        assert result["frame"]["bottom"] <= 640  # the whole figure shows in the iframe, without scrolling
    finally:
        context.close()
        host.shutdown()
        host.server_close()


def quiet_handler(folder: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args) -> None:  # the test's output is about the figure, not the requests
            pass
    return Handler


# plotly draws 3D text in WebGL, out of reach of the DOM; a scene annotation is drawn in SVG at the screen
# position plotly's own camera gives a 3D point, so one is put on every entered point to read where it is.
# (With plotly's default camera, king and woman of king,queen,man,woman fall outside a 375-pixel frame.)
MARK_3D_POINTS_JS = """
async () => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd._fullData.find(t => t.name === 'entered words');  // decoded arrays, not base64
  const annotations = Array.from(t.x, (x, i) => ({x, y: t.y[i], z: t.z[i], text: String(t.text[i]), showarrow: false,
                                          yshift: 10, font: {size: 12}}));
  await window.Plotly.relayout(gd, {'scene.annotations': annotations});
  await new Promise(r => setTimeout(r, 500));
  const f = gd.getBoundingClientRect();
  const canvas = gd.querySelector('.gl-container canvas, canvas').getBoundingClientRect();
  return {frame: {left: f.left, top: f.top, right: f.right, bottom: f.bottom},
          canvas: {left: canvas.left, right: canvas.right}, words: t.text.length,
          marks: [...gd.querySelectorAll('.annotation-text')].map(a => a.getBoundingClientRect())
            .filter(r => r.width > 0).map(r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}))};
}
"""


@pytest.mark.parametrize("words", [DEFAULT[:4], DEFAULT, THIRTY], ids=["four-words", "default-view", "thirty-words"])
def test_3d_figure_view_at_375_pixels_keeps_every_entered_word_inside_the_frame(streamlit_server, browser,
                                                                                artifacts, words):
    context, page = open_at(browser, 375, f"{streamlit_server.url}/?words={','.join(words)}&dims=3&{FIGURE_VIEW}")
    try:
        page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                               " return gd && gd._fullLayout && gd._fullLayout.scene"
                               " && gd._fullLayout.scene._scene; }", timeout=120_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=artifacts / f"3d-{len(words)}-words-375px-figure.png")
        result = page.evaluate(MARK_3D_POINTS_JS)
        assert result["frame"]["left"] >= 0 and result["frame"]["right"] <= 375  # the plot fits the screen
        assert result["canvas"]["right"] <= 375
        assert len(result["marks"]) == len(words) == result["words"]
        assert [m for m in result["marks"] if m["left"] < result["frame"]["left"] or m["top"] < result["frame"]["top"]
                or m["right"] > result["frame"]["right"] or m["bottom"] > result["frame"]["bottom"]] == []
    finally:
        context.close()
