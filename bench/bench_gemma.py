"""Gemma 3 270M's token embeddings (gemma-3-270m) on a fresh clone: the conversion's time, memory and size on
disk, opening the converted model, and the compare page's first figure (GloVe against Gemma) in a real browser.

Run: .venv/bin/python bench/bench_gemma.py [--rounds 3]   (needs Debian's chromium at /usr/bin/chromium)

Each round uses an empty cache, as a fresh clone has it. "after setup" is what scripts/app.sh gives: setup.sh
converts Gemma once at install (`python -m embeddings fetch gemma-3-270m`), then the server starts; "first use"
skips that step, so the first visit to /compare converts it while the reader waits.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from testkit.browser import CHROMIUM, CHROMIUM_FLAGS
from testkit.servers import start_streamlit

ROOT = Path(__file__).resolve().parent.parent
NAME = "gemma-3-270m"


def run(args: list[str], cache: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "EMBEDDINGS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - started


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def compare_first_figure(browser, cache: Path) -> float:
    """Server start (the launcher, as scripts/app.sh) to both sides of /compare drawn with their labels."""
    started = time.perf_counter()
    server = start_streamlit(ROOT / "app.py", launcher=True, poll=0.05, timeout=300,
                             env={"EMBEDDINGS_CACHE_DIR": str(cache)})
    try:
        page = browser.new_page()
        page.goto(server.url + "/compare")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.gtitle')].some(e => e.textContent.startsWith('gemma-3-270m'))"
            " && document.querySelectorAll(\"[data-testid='stPlotlyChart'] .textpoint text\").length >= 16",
            timeout=600_000)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    convert, opened, sizes, after_setup, first_use = [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for _ in range(args.rounds):
            cache = Path(tempfile.mkdtemp(prefix="bench-gemma-"))
            try:
                convert.append(run(["-m", "embeddings", "fetch", NAME, "--no-progress"], cache))
                sizes.append(size_mb(cache / "models" / NAME))
                opened.append(run(["-c", f"from embeddings import models; models.load({NAME!r})"], cache))
                after_setup.append(compare_first_figure(browser, cache))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
            cache = Path(tempfile.mkdtemp(prefix="bench-gemma-"))
            try:
                first_use.append(compare_first_figure(browser, cache))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        browser.close()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median
    print(f"gemma-3-270m conversion (fetch, fresh cache): median {median(convert):.1f} s of {len(convert)} "
          f"({', '.join(f'{t:.1f}' for t in convert)}); {sizes[0]:.0f} MB on disk; peak memory of any child "
          f"process {peak:.0f} MB")
    print(f"open the converted model (python start, checksums, memory map): median {median(opened):.2f} s")
    print(f"/compare first figure, server start to both sides drawn, after setup converted Gemma: "
          f"median {median(after_setup):.1f} s ({', '.join(f'{t:.1f}' for t in after_setup)})")
    print(f"/compare first figure with Gemma converted on the first visit: median {median(first_use):.1f} s "
          f"({', '.join(f'{t:.1f}' for t in first_use)})")
    print(f"load average now: {os.getloadavg()[0]:.1f} (2 cores)")


if __name__ == "__main__":
    main()
