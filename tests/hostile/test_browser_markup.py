"""Markup a reader types, or a model wrote, is drawn as its characters and never runs, in a real browser.

Each page is opened in Debian's chromium with a payload that would set `window.__pwned` or open a dialog if
any of it were interpreted as HTML: as an unknown word (listed back to the reader), as words the model knows
and draws as labels (`<`, `>`, `&amp;`), as a model label and as a model's reply on the experiment page,
whose replay is HTML built by the app (experiment/results_page/replay_frames.py).
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from testkit import synthetic_results as synthetic
from testkit.servers import start_streamlit
from tests.conftest import PROJECT

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "<script>window.__pwned=2</script>"
MARKDOWN = "x`**bold**`[link](http://example.com):red[red]$x^2$"  # a backtick that closes `...` in naive Markdown
PLOT_LABELS = '[data-testid="stPlotlyChart"] .scatterlayer .textpoint text'


@pytest.fixture
def watched(page):
    """The page, with every dialog (alert, confirm) recorded instead of waited on."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    return page


def assert_nothing_ran(page) -> None:
    """No payload ran: the flag is unset, no dialog opened, and no element the payload spells exists."""
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], img[onerror]').length") == 0
    assert page.evaluate("() => [...document.scripts].filter(s => s.textContent.includes('__pwned')).length") == 0


def assert_no_markup_from(page, bold: str, link: str) -> None:
    """Markdown in the payload made nothing bold and no `[link](...)`. (A bare http URL in a caption is still
    made clickable by Streamlit's Markdown, showing the same characters: that is not the payload's markup.)"""
    assert page.evaluate("""([bold, link]) =>
        ![...document.querySelectorAll('strong, b')].some(e => e.textContent === bold)
        && ![...document.querySelectorAll('a')].some(e => e.textContent === link)""", [bold, link])


def settled(page) -> None:
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=90_000)


def test_an_unknown_word_with_markup_is_listed_as_its_characters(streamlit_server, watched):
    words = f"king,queen,{PAYLOAD},{SCRIPT},{MARKDOWN}"
    watched.goto(f"{streamlit_server.url}/?words={quote(words)}")
    watched.wait_for_function("want => document.body.innerText.includes(want)", arg=PAYLOAD, timeout=90_000)
    settled(watched)
    shown = watched.inner_text("body")
    assert SCRIPT in shown and MARKDOWN in shown
    assert_no_markup_from(watched, "bold", "link")
    assert_nothing_ran(watched)


def test_labels_the_model_knows_are_drawn_as_typed(streamlit_server, watched):
    """GloVe has the keys `<`, `>` and `&amp;` (as written in its source text): each label shows exactly that."""
    watched.goto(f"{streamlit_server.url}/?words={quote('<,>,&amp;,king,queen')}&analogy={quote('< - > + &amp;')}")
    watched.wait_for_function(
        """([sel, want]) => { const got = new Set([...document.querySelectorAll(sel)].map(e => e.textContent));
                              return want.every(w => got.has(w)); }""",
        arg=[PLOT_LABELS, ["<", ">", "&amp;", "king", "queen"]], timeout=90_000)
    settled(watched)
    drawn = watched.locator(PLOT_LABELS).all_text_contents()
    assert {"<", ">", "&amp;"} <= set(drawn) and "&" not in drawn
    watched.get_by_role("tab", name="Analogy").click()
    watched.wait_for_function("want => document.body.innerText.includes(want)", arg="< + &amp; - > ≈",
                              timeout=30_000)  # the analogy, shown back as typed
    assert_nothing_ran(watched)


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    """A run whose model label and replies carry markup, as a hostile or broken model server could send."""
    folder = tmp_path_factory.mktemp("hostile-results")
    run = synthetic.new_run("hostile-run")
    label = f"model {PAYLOAD} {MARKDOWN}"
    records = []
    for m, n, a, b in ((2, 2, 12, 34), (2, 2, 56, 78), (3, 2, 123, 45)):
        record = synthetic.make_record(run.run_id, label, "few-shot", m, n, 0, a, b, "correct")
        record["item_key"] = f"hostile|{a}x{b}"
        record["answer"] = f"{PAYLOAD}{SCRIPT}\n" + record["answer"]
        records.append(record)
    synthetic.write_records(folder / "hostile-run.sqlite", records, run)
    server = start_streamlit(PROJECT / "app.py", env={"EXPERIMENT_RESULTS_DIR": str(folder)})
    try:
        yield server, label
    finally:
        server.stop()


def test_a_models_reply_with_markup_replays_as_its_characters(hostile_results, watched):
    server, label = hostile_results
    watched.goto(f"{server.url}/experiment?tab=replay&model={quote(label)}&problem=hostile%7C12x34&pos=100000")
    text = watched.locator('[data-testid="replay-text"]')
    text.wait_for(timeout=90_000)
    settled(watched)
    assert PAYLOAD in text.text_content() and SCRIPT in text.text_content()
    assert text.locator("img, script").count() == 0
    watched.wait_for_function("want => document.body.innerText.includes(want)", arg=label, timeout=30_000)
    assert_no_markup_from(watched, "bold", "link")
    assert_nothing_ran(watched)


def test_a_model_label_with_markup_is_shown_as_its_characters_on_the_overview(hostile_results, watched):
    server, label = hostile_results
    watched.goto(f"{server.url}/experiment")
    watched.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=90_000)
    settled(watched)
    watched.wait_for_function("want => document.body.innerText.includes(want)", arg=PAYLOAD, timeout=30_000)
    assert_nothing_ran(watched)
