"""Label legibility in a real browser: overlapping labels of entered words, and labels outside the figure,
on the default view and on 30 entered words, at 1,400 and 375 pixels wide.

Run: .venv/bin/python bench/bench_labels.py [--root /path/to/another/checkout]
(`--root` measures another checkout of the app, e.g. the main branch, for a before/after comparison.)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testkit.browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from testkit.label_boxes import ENTERED, LABEL_BOXES_JS, outside, overlapping_pairs  # noqa: E402
from testkit.servers import start_streamlit  # noqa: E402

DEFAULT = "king,queen,man,woman,apple,banana,orange,paris,london,human"
THIRTY = DEFAULT + (",france,england,germany,berlin,rome,italy,spain,madrid,dog,cat,horse,car,train,computer,"
                    "music,river,sea,mountain,prince,princess")
VIEWS = {
    "default view": "",
    "default view, 5 neighbours": "neighbors=5",
    "30 entered words": f"words={THIRTY}",
}


def measure(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_function(f"() => {{ const r = ({LABEL_BOXES_JS})(); return r && r.labels.length > 0; }}",
                           timeout=120_000)
    page.wait_for_timeout(800)  # a last relayout after the chart settles
    result = page.evaluate(LABEL_BOXES_JS)
    entered = [b for b in result["labels"] if b["group"] in ENTERED]
    frame = dict(result["frame"], left=max(0, result["frame"]["left"]),
                 right=min(result["viewport"]["width"], result["frame"]["right"]))
    return {"entered": len(entered), "overlaps": len(overlapping_pairs(entered)),
            "all overlaps": len(overlapping_pairs(result["labels"])), "outside": len(outside(entered, frame)),
            "shown": len(result["labels"])}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = start_streamlit(args.root / "app.py", env={"PYTHONPATH": str(args.root)})
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            print(f"{'view':32} {'width':>5} {'page':>6} {'entered':>7} {'overlapping pairs':>17} "
                  f"{'(all labels)':>12} {'outside':>7}")
            for name, query in VIEWS.items():
                for width in (1400, 375):
                    for page_kind, extra in (("full", ""), ("figure", "view=figure&embed=true")):
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        q = "&".join(x for x in (query, extra) if x)
                        m = measure(page, f"{server.url}/?{q}")
                        page.close()
                        print(f"{name:32} {width:>5} {page_kind:>6} {m['entered']:>7} {m['overlaps']:>17} "
                              f"{m['all overlaps']:>12} {m['outside']:>7}")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
