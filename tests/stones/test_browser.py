"""The /stones page in Debian's chromium: two stones tossed on a recorded example, and their path drawn."""
import json
from urllib.parse import parse_qs, urlparse

import pytest

from embeddings.context import load_or_fit
from embeddings.models import load as load_model
from embeddings.reduce import ReductionParams
from stones.distribution import choose
from stones.landscape import WordMap
from stones.recorded import load
from stones.sources import Sources
from stones.walk import stones, texts

pytestmark = pytest.mark.browser
PATH_LABELS = '[data-testid="stPlotlyChart"] .scatterlayer .trace:last-child .textpoint text'


def seed_with_two_words_on_the_map(prompt: str) -> tuple[int, tuple[str, ...]]:
    """A seed whose first two tosses both land on words of the page's default map (so both are on the path)."""
    context_map = load_or_fit(load_model("glove-wiki-gigaword-50"), "glove-wiki-gigaword-50", 5000,
                              ReductionParams(method="pca", dims=2))
    word_map = WordMap(tuple(context_map.words), context_map.coords[:, :2])
    sources = Sources(load(), None)
    for seed in range(1, 200):
        tossed = ()
        for i in range(2):
            after = sources.next_tokens(texts(prompt, tossed)[-1])
            tossed += (choose(after, 1.0, seed=seed, index=i, allowed=sources.landing_tokens(after)).token,)
        if all(stone.on_map for stone in stones(prompt, tossed, word_map)):
            return seed, tossed
    raise AssertionError("no seed tosses two words")


def test_two_tossed_stones_draw_their_path(streamlit_server, page):
    seed, tossed = seed_with_two_words_on_the_map("The king")
    page.goto(f"{streamlit_server.url}/stones?prompt=The+king&seed={seed}")
    toss = page.get_by_role("button", name="Toss a stone")
    toss.wait_for(timeout=90_000)
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=90_000)
    toss.click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('tosses')", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    page.get_by_role("button", name="Toss a stone").click()
    page.wait_for_function(
        "() => (JSON.parse(new URLSearchParams(location.search).get('tosses') || '[]')).length === 2",
        timeout=60_000)
    want = [f"1·{tossed[0].strip()}", f"2·{tossed[1].strip()}"]
    page.wait_for_function(
        """([sel, want]) => { const got = [...document.querySelectorAll(sel)].map(e => e.textContent);
                              return JSON.stringify(got) === JSON.stringify(want); }""",
        arg=[PATH_LABELS, want], timeout=60_000)
    assert json.loads(parse_qs(urlparse(page.url).query)["tosses"][0]) == list(tossed)
    assert page.locator('[data-testid="stPlotlyChart"] .scatterlayer .trace:last-child path.js-line').count() == 1
