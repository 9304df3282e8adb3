"""Screenshot a page of the app as a reader sees it, in Debian's chromium (for the README and for checking
a change by eye).

    .venv/bin/python scripts/screenshot.py "/experiment" docs/experiment.png [--width 1400] [--height 1800]

Starts the app on a free port on 127.0.0.1, opens the path (with its query string), waits until the page
is drawn and stops the server by its process id.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from testkit.servers import start_streamlit

PROJECT = Path(__file__).resolve().parents[1]

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="the page and query string, e.g. /experiment?tab=replay")
    parser.add_argument("output", type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1800)
    parser.add_argument("--wait", type=float, default=8.0, help="seconds to wait after the page settles")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = start_streamlit(PROJECT / "app.py")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{server.url}{args.path}")
            page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
            page.wait_for_timeout(2_000)
            page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000)
            page.wait_for_timeout(args.wait * 1000)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output), full_page=True)
            browser.close()
    finally:
        server.stop()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
