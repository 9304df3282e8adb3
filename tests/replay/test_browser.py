"""A real Streamlit server and Debian's chromium: a replay plays and the first error lights up."""
from __future__ import annotations

import pytest

from testkit.servers import start_streamlit
from tests.conftest import PROJECT
from tests.replay.helpers import write_results
from tests.replay.test_experiment_page import wrong_partial_problem

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def experiment_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-results")
    write_results(folder)
    server = start_streamlit(PROJECT / "app.py", env={"EXPERIMENT_RESULTS_DIR": str(folder)})
    try:
        yield server, folder
    finally:
        server.stop()


def test_playing_a_replay_reveals_the_text_and_highlights_the_first_error(experiment_server, page):
    server, folder = experiment_server
    problem = wrong_partial_problem(folder)
    page.goto(f"{server.url}/experiment?tab=replay&model=tiny-base&problem={problem['item_key']}&speed=50")
    text = page.locator('[data-testid="replay-text"]')
    text.wait_for(timeout=60_000)
    assert page.locator("#first-error").count() == 0
    page.get_by_role("button", name="Play").click()
    # The frame is redrawn every tick while playing: read the highlight in one step, whenever it is there.
    page.wait_for_function(
        """want => { const e = document.querySelector('#first-error');
                     return e && e.textContent === want
                            && getComputedStyle(e).backgroundColor === 'rgb(229, 57, 53)'; }""",
        arg=str(problem_first_wrong(problem)), timeout=30_000)
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)  # it stops by itself at the end
    assert "Final Answer" in text.text_content()


def problem_first_wrong(problem: dict) -> int:
    """The synthetic slip: the first partial product written one unit too high in its second digit."""
    a, b = int(problem["a"]), int(problem["b"])
    first_part = next(int(c) * 10**k for k, c in enumerate(reversed(str(b))) if c != "0")
    value = a * first_part
    return value + 10 ** max(len(str(value)) - 2, 0)


def test_the_explorer_links_to_the_experiment_page(experiment_server, page):
    server, _ = experiment_server
    page.goto(f"{server.url}/experiment")
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
    assert page.get_by_role("link", name="Word explorer").count() == 1
    page.goto(f"{server.url}/experiment?view=figure&figure=heatmap&embed=true")
    page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=60_000)
    assert page.locator('[data-testid="stSidebar"]').count() == 0
