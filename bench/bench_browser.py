"""The whole path in a real browser: server start to the first figure drawn, for the app and for a minimal
Streamlit app with one plotly scatter (bench/minimal_app.py) on the same machine, their ratios, and a change
of method in the app.

Run: .venv/bin/python bench/bench_browser.py [--rounds 7]   (needs Debian's chromium at /usr/bin/chromium)

Each is started as its users start it, interleaved round by round: the minimal app with Streamlit's defaults
(`streamlit run bench/minimal_app.py`, whose file watcher is on), the app with `bash scripts/app.sh` itself
(the launcher) and with `streamlit run app.py`, both as .streamlit/config.toml configures them (no file
watcher). `--also-watcher` also times `streamlit run app.py --server.fileWatcherType auto`, the author's
setting. The goal: each way of starting the app at most 1.3 times the minimal app.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
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


def first_figure(browser, script: Path, *, app_sh: bool = False, options: tuple[str, ...] = (),
                 switches: bool = False) -> dict[str, float]:
    """Seconds from starting the server process to the labelled figure drawn in a fresh page."""
    started = time.perf_counter()
    server = start_streamlit(script, app_sh=app_sh, options=options, poll=0.05)
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


WATCHER_ON = ("--server.fileWatcherType", "auto")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7,
                        help="rounds of starts; single starts on a shared 2-core machine vary by +-0.7 s")
    parser.add_argument("--also-watcher", action="store_true",
                        help="also time `streamlit run app.py` with the file watcher on (the author's setting)")
    parser.add_argument("--no-switches", action="store_true", help="skip the timings of a change of method")
    args = parser.parse_args()
    # The default model converted once, as a checkout's cache/ holds it after its first run: a one-time cost,
    # not part of any start-up (the servers share this process's EMBEDDINGS_CACHE_DIR).
    from embeddings.catalogue import DEFAULT_MODEL
    from embeddings.models import load

    load(DEFAULT_MODEL)
    subprocess.run(["bash", str(ROOT / "scripts" / "setup.sh")], check=True, capture_output=True)  # installed
    starts = {"scripts/app.sh": {"app_sh": True}, "streamlit run app.py": {}}
    if args.also_watcher:
        starts["streamlit run app.py, file watcher on"] = {"options": WATCHER_ON}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        minimal: list[dict[str, float]] = []
        apps: dict[str, list[dict[str, float]]] = {name: [] for name in starts}
        for index in range(args.rounds):  # interleaved, so that a busy moment of the machine hits all alike
            minimal.append(first_figure(browser, ROOT / "bench" / "minimal_app.py"))
            for name, how in starts.items():
                apps[name].append(first_figure(browser, ROOT / "app.py", **how,
                                               switches=index == 0 and name == "scripts/app.sh"
                                               and not args.no_switches))
        browser.close()
    base = report("minimal app (Streamlit's defaults)", minimal)
    for name, rounds in apps.items():
        report(f"the app ({name})", [{k: v for k, v in r.items() if not k.startswith("switch")} for r in rounds])
        for key in (k for k in rounds[0] if k.startswith("switch")):
            print(f"the app ({name}) {key}: {rounds[0][key]:.2f} s")
    for name, rounds in apps.items():
        app = [r["first figure"] for r in rounds]
        # Each round's own ratio too: the app and the minimal app started side by side, so a slow minute of a
        # shared machine slows both; their median is steadier than the ratio of the two medians.
        paired = [a / m["first figure"] for a, m in zip(app, minimal)]
        print(f"first figure, the app ({name}) / minimal app: {statistics.median(app) / base:.2f}; median of "
              f"the rounds' ratios {statistics.median(paired):.2f} (from {min(paired):.2f} to {max(paired):.2f}) "
              "(goal: at most 1.30)")


if __name__ == "__main__":
    main()
