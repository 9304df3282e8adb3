"""The whole path in a real browser: server start to the first figure drawn, for the app and for a minimal
Streamlit app with one plotly scatter (bench/minimal_app.py) on the same machine, their ratio, and a change
of method in the app.

Run: .venv/bin/python bench/bench_browser.py [--rounds 3]   (needs Debian's chromium at /usr/bin/chromium)

The app is started the way scripts/app.sh starts it (the launcher, `python -m ui.launcher`); `--plain` starts it
with `streamlit run app.py` instead, and `--also-plain` times both, interleaved.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from testkit.browser import CHROMIUM, CHROMIUM_FLAGS
from testkit.servers import start_streamlit

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


def first_figure(browser, script: Path, *, launcher: bool, switches: bool = False) -> dict[str, float]:
    """Seconds from starting the server process to the labelled figure drawn in a fresh page."""
    started = time.perf_counter()
    server = start_streamlit(script, launcher=launcher, poll=0.05)
    try:
        up = time.perf_counter() - started
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server.url}/?words={','.join(WORDS)}")
        wait_for_axis(page, "PC1")
        timings = {"server up": up, "first figure": time.perf_counter() - started}
        if switches:
            for label, prefix in (("UMAP", "UMAP 1"), ("t-SNE", "t-SNE 1"), ("PCA", "PC1")):
                t = time.perf_counter()
                page.get_by_text(label, exact=True).click()
                wait_for_axis(page, prefix)
                timings[f"switch to {label}"] = time.perf_counter() - t
        page.close()
        return timings
    finally:
        server.stop()


def report(name: str, rounds: list[dict[str, float]]) -> float:
    for key in rounds[0]:
        values = [r[key] for r in rounds]
        print(f"{name} {key}: median {statistics.median(values):.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})")
    return statistics.median(r["first figure"] for r in rounds)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="start the app with `streamlit run`, no launcher")
    parser.add_argument("--also-plain", action="store_true",
                        help="also time the app started with `streamlit run`, interleaved: before and after alike")
    parser.add_argument("--no-switches", action="store_true", help="skip the timings of a change of method")
    args = parser.parse_args()
    # The default model converted once, as a checkout's cache/ holds it after its first run: a one-time cost,
    # not part of any start-up (the servers share this process's EMBEDDINGS_CACHE_DIR).
    from embeddings.catalogue import DEFAULT_MODEL
    from embeddings.models import load

    load(DEFAULT_MODEL)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        minimal, app, plain = [], [], []
        for index in range(args.rounds):  # interleaved, so that a busy moment of the machine hits all alike
            minimal.append(first_figure(browser, ROOT / "bench" / "minimal_app.py", launcher=False))
            app.append(first_figure(browser, ROOT / "app.py", launcher=not args.plain,
                                    switches=index == 0 and not args.no_switches))
            if args.also_plain:
                plain.append(first_figure(browser, ROOT / "app.py", launcher=False))
        browser.close()
    base = report("minimal app", minimal)
    if plain:
        before = report("the app (streamlit run)", plain)
        print(f"first figure, app with streamlit run / minimal app: {before / base:.2f}")
    mine = report("the app" + (" (streamlit run)" if args.plain else " (launcher)"), [
        {k: v for k, v in r.items() if not k.startswith("switch")} for r in app])
    for key in (k for k in app[0] if k.startswith("switch")):
        print(f"the app {key}: {app[0][key]:.2f} s")
    print(f"first figure, app / minimal app: {mine / base:.2f} (goal: at most 1.30)")


if __name__ == "__main__":
    main()
