"""The whole path in a real browser: server start to the first figure drawn, and a change of method.

Run: .venv/bin/python bench/bench_browser.py   (needs Debian's chromium at /usr/bin/chromium)
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
from tests.support.servers import start_streamlit

ROOT = Path(__file__).resolve().parent.parent

WORDS = ["king", "queen", "man", "woman", "apple", "banana", "paris", "london", "human", "computer"]
X_TITLE = "[data-testid='stPlotlyChart'] .g-xtitle"


def wait_for_axis(page, prefix: str) -> None:
    page.wait_for_function(
        "([sel, prefix]) => [...document.querySelectorAll(sel)].some(e => e.textContent.startsWith(prefix))",
        arg=[X_TITLE, prefix], timeout=120_000,
    )
    page.wait_for_function(
        "(want) => document.querySelectorAll(\"[data-testid='stPlotlyChart'] .textpoint text\").length >= want",
        arg=len(WORDS), timeout=120_000,
    )


def one_round(browser) -> dict[str, float]:
    started = time.perf_counter()
    server = start_streamlit(ROOT / "app.py")
    try:
        up = time.perf_counter() - started
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server.url}/?words={','.join(WORDS)}")
        wait_for_axis(page, "PC1")
        first = time.perf_counter() - started
        timings = {"server up": up, "first figure": first}
        for label, prefix in (("UMAP", "UMAP 1"), ("t-SNE", "t-SNE 1"), ("PCA", "PC1")):
            t = time.perf_counter()
            page.get_by_text(label, exact=True).click()
            wait_for_axis(page, prefix)
            timings[f"switch to {label}"] = time.perf_counter() - t
        page.close()
        return timings
    finally:
        server.stop()


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        rounds = [one_round(browser) for _ in range(3)]
        browser.close()
    for key in rounds[0]:
        values = [r[key] for r in rounds]
        print(f"{key}: median {statistics.median(values):.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})")


if __name__ == "__main__":
    main()
