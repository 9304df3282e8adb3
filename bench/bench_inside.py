"""/steps and /contexts: the time a reader waits, recorded and live (llama-server + Gemma 3 270M on this machine).

Run: .venv/bin/python bench/bench_inside.py [--threads 1]
Prints, for /steps, the time to answer a recorded example from the recording and a new problem from a live
server (four contexts, every digit teacher-forced, the beam search; the server's prompt cache cold and warm), with
the number of requests; for /contexts, the time for one sentence's token vectors and for eight sentences.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from inside.contexts import server as embedding_server  # noqa: E402
from inside.contexts.sentences import EXAMPLES  # noqa: E402
from inside.steps import recorded  # noqa: E402
from inside.steps.sources import StepsSources  # noqa: E402
from inside.steps.working import Problem, WrongStep  # noqa: E402
from stones import server as completion_server  # noqa: E402
from testkit.llama import binary, gemma_model  # noqa: E402
from testkit.servers import free_port, stop_process  # noqa: E402

NEW_PROBLEMS = [Problem(21, 13, WrongStep(1, 100)), Problem(47, 86, WrongStep(0, 10)),
                Problem(314, 27, WrongStep(0, 20))]


def serve(threads: int, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(binary()), "-m", str(gemma_model()), "--host", "127.0.0.1", "--port", str(port), "-c", "2048",
               "--parallel", "2", "-t", str(threads), *extra]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("llama-server did not start")


class Counting:
    """Counts the requests a live answer makes (wraps the completion client)."""

    def __init__(self):
        self.n = 0
        self.original = completion_server.next_tokens

    def __call__(self, *args, **kwargs):
        self.n += 1
        return self.original(*args, **kwargs)


def steps(threads: int) -> None:
    recording = recorded.load()
    offline = StepsSources(recording, None)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        offline.answer(recording.examples[0])
        times.append(time.perf_counter() - started)
    print(f"/steps recorded example 12 x 34: median {1000 * statistics.median(times):.1f} ms")
    process, url = serve(threads)
    try:
        counter = Counting()
        completion_server.next_tokens = counter
        for problem in NEW_PROBLEMS:
            for label in ("cold", "warm"):
                live = StepsSources(None, completion_server.ServerConfig(url, timeout=30.0))  # own cache: every
                counter.n = 0                                                              # request goes out
                started = time.perf_counter()
                live.answer(problem)
                print(f"/steps live {problem.a} x {problem.b} ({label} prompt cache): "
                      f"{time.perf_counter() - started:.2f} s, {counter.n} requests")
    finally:
        completion_server.next_tokens = counter.original
        stop_process(process, timeout=15)


def contexts(threads: int) -> None:
    process, url = serve(threads, "--embeddings", "--pooling", "none")
    config = embedding_server.EmbeddingConfig(url, timeout=30.0)
    try:
        sentences = [text for _, text in EXAMPLES["bank"]]
        embedding_server.token_vectors(config, sentences[0])  # warm
        times = []
        for text in sentences:
            started = time.perf_counter()
            embedding_server.token_vectors(config, text)
            times.append(time.perf_counter() - started)
        print(f"/contexts live, one sentence: median {1000 * statistics.median(times):.0f} ms, "
              f"{len(sentences)} sentences {sum(times):.2f} s")
    finally:
        stop_process(process, timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="llama-server's -t (1 is faster on a busy machine)")
    args = parser.parse_args()
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    steps(args.threads)
    contexts(args.threads)


if __name__ == "__main__":
    main()
