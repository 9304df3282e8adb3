"""Benchmark of the experiment runner: is it ever the bottleneck?

Against a local server that answers at once (the tests' fake provider, in its own process on 127.0.0.1),
it measures
  1. throughput: items per second with 32 requests in flight, each request graded and committed to SQLite
     exactly as in a real run (goal: at least 200/s);
  2. memory: the runner's resident memory across a 100,000-item run (goal: flat, not growing with items).
Prints both figures. Not part of the test suite.

    .venv/bin/python bench/bench_runner.py                 # full: ~3,000 + 100,000 items
    .venv/bin/python bench/bench_runner.py --items 20000   # a quicker memory check
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from experiment.config import ModelConfig, RunConfig, RunnerSettings
from experiment.results import ResultsWriter, Run
from experiment.runner import Runner

ROOT = Path(__file__).resolve().parents[1]

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def start_server() -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen([sys.executable, str(ROOT / "tests/experiment/fake_provider.py")],
                              stdout=subprocess.PIPE, text=True)
    port = int(server.stdout.readline())
    return server, f"http://127.0.0.1:{port}/v1"


def make_config(base_url: str, database: Path, a_digits: tuple[int, int], b_digits: tuple[int, int],
                samples: int, concurrency: int) -> RunConfig:
    model = ModelConfig(label="instant", provider="openai-chat", base_url=base_url, model="fake",
                        params={"max_tokens": 16})
    return RunConfig(name="bench", seed=1, samples=samples, a_digits=a_digits, b_digits=b_digits,
                     variants=("plain",), models=(model,),
                     runner=RunnerSettings(concurrency=concurrency, timeout=30),
                     database=database, path=database.with_suffix(".toml"))


def run(config: RunConfig, on_sample=None) -> tuple[int, float]:
    with ResultsWriter(config.database) as store:
        runner = Runner(config, store, {}, show_progress=False)
        stop = threading.Event()
        sampler = None
        if on_sample:
            sampler = threading.Thread(target=lambda: [on_sample(runner.summary.recorded)
                                                       for _ in iter(lambda: stop.wait(0.5), True)])
            sampler.start()
        summary = runner.run(Run(name="bench", fingerprint=config.fingerprint(), command="bench",
                                 config=config.as_dict(), provenance={}, runner_version="bench"))
        stop.set()
        if sampler:
            sampler.join()
    assert summary.recorded == summary.pending, summary
    return summary.recorded, summary.elapsed_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--items", type=int, default=100_000, help="items of the memory run")
    parser.add_argument("--throughput-samples", type=int, default=400, help="per cell, 9 cells")
    args = parser.parse_args()
    server, base_url = start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            config = make_config(base_url, Path(folder) / "throughput.sqlite", (3, 5), (3, 5),
                                 args.throughput_samples, args.concurrency)
            items, seconds = run(config)
            print(f"throughput: {items / seconds:.0f} items/s with {args.concurrency} in flight "
                  f"({items} items in {seconds:.1f} s, each graded and committed to SQLite; goal >= 200/s)")

            cells = 20  # 5 x 4 digit counts
            samples = -(-args.items // cells)
            config = make_config(base_url, Path(folder) / "memory.sqlite", (3, 7), (3, 6), samples,
                                 args.concurrency)
            readings: list[tuple[int, float]] = []
            items, seconds = run(config, lambda done: readings.append((done, rss_mib())))
            readings.append((items, rss_mib()))
            print(f"memory: {items} items in {seconds:.0f} s ({items / seconds:.0f} items/s); "
                  "resident MiB by items done:")
            step = max(1, items // 10)
            marks = [next(r for r in readings if r[0] >= target) for target in range(step, items + 1, step)
                     if any(r[0] >= target for r in readings)]
            print("  " + ", ".join(f"{done}: {mib:.0f}" for done, mib in marks))
            after_warmup = [mib for done, mib in readings if done >= step]
            print(f"  growth from {step} items to the end: {after_warmup[-1] - after_warmup[0]:+.1f} MiB "
                  f"(peak {max(mib for _, mib in readings):.0f} MiB)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
