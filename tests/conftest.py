"""Shared fixtures: an isolated cache, a real Streamlit server on 127.0.0.1, and Debian's chromium."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports the app's packages: tests never write into the project's own cache/, but they
# reuse its numba cache (compiled code only) so UMAP is not recompiled by every run.
PROJECT = Path(__file__).resolve().parent.parent
os.environ.setdefault("EMBEDDINGS_CACHE_DIR", tempfile.mkdtemp(prefix="embeddings-cache-"))
os.environ.setdefault("NUMBA_CACHE_DIR", str(PROJECT / "cache" / "numba"))

import pytest  # noqa: E402

from testkit.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from testkit.servers import StreamlitServer, start_streamlit  # noqa: E402


@pytest.fixture(scope="session")
def glove():
    """The real embedded GloVe model, loaded the way the app loads it."""
    from embeddings.models import load

    return load("glove-wiki-gigaword-50")


@pytest.fixture(scope="session")
def streamlit_server() -> StreamlitServer:
    server = start_streamlit(PROJECT / "app.py")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser():
    """Per module, not per session: while Playwright's sync API runs, its event loop is the running loop of the
    main thread, and any later test that calls asyncio.run() (the model clients' tests) would fail."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh --dev does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
