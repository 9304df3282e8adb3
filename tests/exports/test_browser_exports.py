"""In Debian's chromium: the essay's block drawn by plotly.js 1.58 (mkdocs-plotly-plugin's default) and by a
current plotly.js, from a plain page on a local http.server; and a saved figure's link in the real app."""
from __future__ import annotations

import functools
import html
import http.server
import json
import shutil
import subprocess
import threading
import time

import pytest

from embeddings import saved_figures as saved
from embeddings.figures import scatter
from embeddings.plotly_block import block_json, plotly_block
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

PLOTLYJS = PROJECT / "tests" / ".plotlyjs"
ARTIFACTS = PROJECT / "tests" / "artifacts"  # screenshots, git-ignored
VERSIONS = ("1.58.5", "4.1.2")
APP_LABELS = ('[data-testid="stPlotlyChart"] .scatterlayer .textpoint text, '
              '[data-testid="stPlotlyChart"] .annotation .annotation-text')  # beside its point, or with a leader line
PAGE = """<!doctype html><html><head><meta charset="utf-8"><script src="plotly-{version}.min.js"></script></head>
<body><div id="plot" style="width:1000px;height:640px"></div>
<script type="application/json" id="block">{block}</script>
<script>
var spec = JSON.parse(document.getElementById('block').textContent);
Plotly.newPlot('plot', spec.data, spec.layout, spec.config).then(function () {{
  document.body.setAttribute('data-drawn', Plotly.version);
}}, function (error) {{ document.body.setAttribute('data-error', String(error)); }});
</script></body></html>"""


@pytest.fixture(scope="module")
def plotly_site(tmp_path_factory):
    """A folder with both plotly.js bundles, served on 127.0.0.1 (fetched from npm once if missing)."""
    if not all((PLOTLYJS / f"plotly-{v}.min.js").exists() for v in VERSIONS):
        done = subprocess.run(["bash", str(PROJECT / "scripts" / "fetch_plotlyjs.sh")], capture_output=True,
                              text=True, timeout=300)
        if done.returncode:
            pytest.fail(f"could not fetch plotly.js from npm (scripts/fetch_plotlyjs.sh): {done.stderr[-500:]}")
    site = tmp_path_factory.mktemp("site")
    for version in VERSIONS:
        shutil.copy(PLOTLYJS / f"plotly-{version}.min.js", site)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def draw(page, plotly_site, name: str, block: str, version: str) -> None:
    site, url = plotly_site
    body = block_json(block)  # what the essay's Markdown holds, as mkdocs-plotly-plugin passes it on
    text = json.dumps(body).replace("</", "<\\/")
    (site / f"{name}-{version}.html").write_text(PAGE.format(version=version, block=text), encoding="utf-8")
    page.goto(f"{url}/{name}-{version}.html")
    page.wait_for_function("() => document.body.dataset.drawn || document.body.dataset.error", timeout=60_000)
    assert page.locator("body").get_attribute("data-error") is None
    assert page.locator("body").get_attribute("data-drawn") == version


def svg_labels(page) -> list[str]:
    """Every label drawn: beside its point, or apart with a leader line (an annotation)."""
    texts = page.locator("#plot .scatterlayer .textpoint text, #plot .annotation .annotation-text")
    return [t for t in texts.all_text_contents() if t]


def shown_labels(fig) -> list[str]:
    """The labels the figure draws: a point's text where its texttemplate is not empty (label placement hides
    the others, which stay for hover), and the annotations' texts (labels with a leader line)."""
    labels = []
    for trace in fig.data:
        if trace.text is None or not trace.mode or "text" not in trace.mode:
            continue
        templates = trace.texttemplate if isinstance(trace.texttemplate, (list, tuple)) else None
        labels += [t for i, t in enumerate(trace.text) if templates is None or templates[i]]
    labels += [a.text for a in fig.layout.annotations if a.text]
    return sorted(html.unescape(t) for t in labels)


@pytest.mark.parametrize("name", ["default-view", "king-man-woman"])
def test_the_block_draws_the_same_labels_with_plotly_158_and_a_current_plotly(page, plotly_site, glove, name):
    figure = saved.load_all(saved.figures_file())[name]
    fig = scatter(saved.scene_for(glove, figure.state))
    block = plotly_block(fig)
    expected = shown_labels(fig)
    drawn = {}
    for version in VERSIONS:
        draw(page, plotly_site, name, block, version)
        drawn[version] = sorted(svg_labels(page))
        points = page.locator("#plot .scatterlayer .points path").count()
        assert points == sum(len(trace.x) for trace in fig.data), version  # typed arrays would draw none
        page.screenshot(path=str(ARTIFACTS / f"block-{name}-plotly-{version}.png"))
    assert drawn["1.58.5"] == drawn["4.1.2"] == expected


def test_a_3d_block_draws_with_both_versions(page, plotly_site, glove):
    words = ("king", "queen", "man", "woman", "apple", "banana", "paris", "london")
    fig = scatter(build_scene(glove, SceneRequest("glove-wiki-gigaword-50", words, ReductionParams(dims=3))))
    for version in VERSIONS:
        draw(page, plotly_site, "words-3d", plotly_block(fig), version)
        texts = page.evaluate("() => document.getElementById('plot')._fullData.flatMap(t => t.text || [])")
        assert sorted(texts) == sorted(words), version
        assert page.locator("#plot .gl-container canvas, #plot canvas").count() >= 1


def test_a_saved_figures_link_draws_its_labels_in_the_app(streamlit_server, page):
    from embeddings.models import load

    for figure in saved.load_all(saved.figures_file()).values():
        if len(figure.axes) == 3:
            continue  # a 3D figure's labels are drawn by WebGL, not as SVG text (its points are checked elsewhere)
        load(figure.state.model)  # converted here (the server shares this cache): not within the page's timeout
        page.goto(f"{streamlit_server.url}/?figure={figure.name}")
        page.wait_for_function(
            "([sel, want]) => { const got = new Set([...document.querySelectorAll(sel)].map(e => e.textContent));"
            " return want.every(w => got.has(w)); }",
            arg=[APP_LABELS, [p[0] for p in figure.points if p[1] in ("entered", "analogy")]], timeout=120_000)
        drawn = set(page.locator(APP_LABELS).all_text_contents())
        assert drawn <= set(figure.labelled), figure.name  # nothing that the saved figure does not hold
        page.wait_for_function("() => location.search.includes('words=')", timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / f"saved-figure-{figure.name}.png"))


def test_the_launcher_serves_the_app_with_the_model_preloaded(page):
    """scripts/app.sh starts the app with `python -m ui.launcher app.py`: the page draws, and the server's log
    says the imports and the model were ready before any session asked."""
    from testkit.servers import start_streamlit

    server = start_streamlit(PROJECT / "app.py", launcher=True)
    try:
        page.goto(f"{server.url}/?words=king,queen,apple")
        page.wait_for_function(
            "(sel) => ['king', 'queen', 'apple'].every(w => [...document.querySelectorAll(sel)]"
            ".some(e => e.textContent === w))", arg=APP_LABELS, timeout=120_000)
        # The default model was opened by the launcher, before the session drew it; the other pages' modules
        # follow once the server is idle.
        assert "launcher: preloaded the default page's imports and model at" in server.log.read_text()
        deadline = time.monotonic() + 60
        while "launcher: preloaded every page's modules at" not in server.log.read_text():
            assert time.monotonic() < deadline, server.log.read_text()
            time.sleep(0.5)
        assert "Traceback" not in server.log.read_text()
    finally:
        server.stop()
