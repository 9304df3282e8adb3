"""Load: many readers at once on a real Streamlit server, through Streamlit's own websocket protocol.

    .venv/bin/python bench/bench_load.py [--sessions 20] [--views 10] [--distinct 2000] [--start app.sh]

The server is started as README starts it, `bash scripts/app.sh` (`--start streamlit-run`: a plain
`streamlit run app.py`), with the shipped .streamlit/config.toml.
Phase 1: `--sessions` readers at once, each opening `--views` views one after another (a view is what a
reader gets by opening a URL: a new session, the page run, every element sent), mixing methods, dimensions,
neighbours, vocabulary context and the two results runs, on the explorer, compare and experiment pages.
Prints the errors (goal: none), p50 and p95 of the time from the request to the first figure sent and to
the run finished, and the server's peak resident memory.
Phase 2: `--distinct` views with words no reader asked before (PCA, neighbours), eight at a time; prints the
server's resident memory after 200 and after all of them: the caches are bounded, so it must stay flat.
Only the embedded GloVe model is ready on a fresh machine, so "models" varies among what `embeddings list`
reports ready.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from embeddings.models import load
from testkit.load import child_pids, many_readers, memory_kib
from testkit.servers import start_streamlit
from testkit.streamlit_client import View, open_view

PROJECT = Path(__file__).resolve().parents[1]
SESSION_TTL_S = 30  # server.disconnectedSessionTTL in .streamlit/config.toml
async def distinct_views(url: str, count: int, vocabulary: list[str], done: list[int], at_most: int = 8) -> None:
    rng = random.Random(2026)
    queue = [",".join(rng.sample(vocabulary, 6)) for _ in range(count)]
    gate = asyncio.Semaphore(at_most)

    async def one(words: str) -> None:
        async with gate:
            view = await open_view(url, "", urlencode({"words": words, "neighbors": "5"}))
            done.append(0 if view.ok else 1)

    await asyncio.gather(*(one(w) for w in queue))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(views: list[View], seconds: float) -> int:
    problems = [v for v in views if not v.ok]
    charts = [v.first_chart_s for v in views if v.first_chart_s is not None]
    finished = [v.finished_s for v in views if v.finished_s is not None]
    print(f"{len(views)} views in {seconds:.1f} s; errors: {len(problems)} (goal: 0)")
    for view in problems[:5]:
        print(f"  /{view.page}?{view.query}: {'; '.join(view.problems)}")
    print(f"request to first figure: p50 {statistics.median(charts):.2f} s, p95 {percentile(charts, 0.95):.2f} s "
          f"({len(charts)} views with a figure)")
    print(f"request to run finished: p50 {statistics.median(finished):.2f} s, p95 {percentile(finished, 0.95):.2f} s")
    return len(problems)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--views", type=int, default=10)
    parser.add_argument("--distinct", type=int, default=2000, help="phase 2 views; 0 skips it")
    parser.add_argument("--start", choices=("app.sh", "streamlit-run"), default="app.sh",
                        help="how the server is started: `bash scripts/app.sh` as README starts it (default), or "
                             "`streamlit run app.py`")
    args = parser.parse_args()
    server = start_streamlit(PROJECT / "app.py", app_sh=args.start == "app.sh")
    print(f"server started with {'bash scripts/app.sh' if args.start == 'app.sh' else 'streamlit run app.py'}")
    try:
        asyncio.run(open_view(server.url))  # the first view warms the server, as an operator's health check does
        start = time.perf_counter()
        views = asyncio.run(many_readers(server.url, args.sessions, args.views))
        errors = report(views, time.perf_counter() - start)
        memory = memory_kib(server.process.pid)
        print(f"server resident memory: now {memory['VmRSS'] / 1024:.0f} MiB, peak {memory['VmHWM'] / 1024:.0f} MiB")
        for child in child_pids(server.process.pid):  # the fit worker (embeddings/fit_worker.py)
            print(f"  its child process {child}: resident memory {memory_kib(child)['VmRSS'] / 1024:.0f} MiB")
        if args.distinct:
            vocabulary = load("glove-wiki-gigaword-50").index_to_key[100:20100]
            done: list[int] = []
            first = min(200, args.distinct)
            asyncio.run(distinct_views(server.url, first, vocabulary, done))
            after_first = memory_kib(server.process.pid)["VmRSS"]
            asyncio.run(distinct_views(server.url, args.distinct - first, vocabulary[::-1], done))
            after_all = memory_kib(server.process.pid)
            print(f"distinct views: {len(done)}, errors {sum(done)}; resident memory after {first}: "
                  f"{after_first / 1024:.0f} MiB, after {len(done)}: {after_all['VmRSS'] / 1024:.0f} MiB "
                  f"(peak {after_all['VmHWM'] / 1024:.0f} MiB)")
            time.sleep(SESSION_TTL_S + 15)  # the sessions of readers who left are let go after this
            print(f"resident memory once the departed readers' sessions expired: "
                  f"{memory_kib(server.process.pid)['VmRSS'] / 1024:.0f} MiB")
            errors += sum(done)
    finally:
        server.stop()
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
