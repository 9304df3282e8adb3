"""Tossing stones: time from a new prompt to the landscape drawn, with a live server and with a recorded example.

Run: .venv/bin/python bench/bench_stones.py [--no-live]
Goals (issue 13): at most 1 s warm with a live server (llama-server + Gemma 3 270M on this machine), at most
300 ms with a recorded example. "Drawn" is measured twice: the pipeline (distribution, landscape on the map,
the Plotly figure serialised as the page sends it) and the whole page run in Streamlit's AppTest (widgets,
tables, figure), both warm: the map of the vocabulary is fitted and loaded, the server has answered once.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("EMBEDDINGS_CACHE_DIR", tempfile.mkdtemp(prefix="bench-stones-"))

from streamlit.testing.v1 import AppTest  # noqa: E402

from embeddings.context import load_or_fit  # noqa: E402
from embeddings.models import load as load_model  # noqa: E402
from embeddings.reduce import ReductionParams  # noqa: E402
from stones import recorded  # noqa: E402
from stones.figure import stones_figure  # noqa: E402
from stones.landscape import WordMap, landscape  # noqa: E402
from stones.server import ServerConfig  # noqa: E402
from stones.sources import Sources  # noqa: E402

MODEL = "glove-wiki-gigaword-50"
NEW_PROMPTS = [
    "The cat sat on the",
    "My favourite fruit is the",
    "In the morning the farmer",
    "She opened the door and",
    "The capital of France is",
    "Two times three is",
    "The children played in the",
    "He wrote a letter to",
    "The old ship sailed into the",
    "At the market we bought",
    "The river runs past the",
    "Every winter the",
]


def word_map() -> WordMap:
    context_map = load_or_fit(load_model(MODEL), MODEL, 5000, ReductionParams(method="pca", dims=2))
    return WordMap(tuple(context_map.words), context_map.coords[:, :2], tuple(context_map.axis_titles[:2]))


def drawn(sources: Sources, the_map: WordMap, text: str) -> float:
    started = time.perf_counter()
    scape = landscape(sources.next_tokens(text), the_map, 1.0)
    stones_figure(scape, the_map, [], title=text).to_json()
    return time.perf_counter() - started


def page_run(prompt: str) -> float:
    at = AppTest.from_file(str(ROOT / "app_pages" / "stones_page.py"), default_timeout=120)
    at.query_params["prompt"] = prompt
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    assert not at.exception and at.get("plotly_chart"), [e.value for e in at.exception]
    return elapsed


def report(name: str, times: list[float], goal: float) -> None:
    verdict = "ok" if max(times) <= goal else "OVER GOAL"
    print(f"{name:<48} median {1000 * statistics.median(times):7.1f} ms  max {1000 * max(times):7.1f} ms  "
          f"(goal <= {1000 * goal:.0f} ms, n={len(times)}) {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-live", action="store_true", help="skip the live server (no llama-server built)")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores "
          "(other processes on the machine slow llama-server's threads down)")
    the_map, recording = word_map(), recorded.load()
    sources = Sources(recording, None)
    drawn(sources, the_map, recording.examples[0])  # warm: imports, first figure
    texts = [t for t in recording.distributions if any(t.startswith(e) for e in recording.examples)][:40]
    report("recorded example, pipeline", [drawn(sources, the_map, t) for t in texts], 0.3)
    os.environ.pop("STONES_SERVER_URL", None)
    page_run(recording.examples[0])
    report("recorded example, whole page run (AppTest)", [page_run(e) for e in recording.examples], 0.3)
    if args.no_live:
        return 0
    from testkit.llama import start_llama_server

    llama = start_llama_server()
    try:
        live = Sources(None, ServerConfig(llama.url, timeout=10))
        drawn(live, the_map, "Once upon a time")  # warm: the server has answered once
        report("live server, new prompt, pipeline", [drawn(live, the_map, p) for p in NEW_PROMPTS[:6]], 1.0)
        os.environ["STONES_SERVER_URL"] = llama.url
        page_run("A warm-up prompt for the page")
        report("live server, new prompt, whole page run", [page_run(p) for p in NEW_PROMPTS[6:]], 1.0)
    finally:
        llama.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
