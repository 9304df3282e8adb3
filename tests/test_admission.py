"""ui/admission.py: a burst of page runs is served a few at a time, in turn, and a run that waits for something
not its own gives its place to the next."""
from __future__ import annotations

import threading
import time

from ui import admission


def _burst(work) -> int:
    """Twenty runs at once; the most that were inside at the same time."""
    inside, most, lock = [0], [0], threading.Lock()

    def run() -> None:
        with admission.admitted():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            work()
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return most[0]


def test_a_burst_of_runs_is_served_a_few_at_a_time() -> None:
    assert _burst(lambda: time.sleep(0.02)) == admission.RUNS_AT_ONCE


def test_a_run_waiting_aside_lets_the_others_through() -> None:
    released = threading.Event()
    passed: list[bool] = []

    def waiting_run() -> None:
        with admission.admitted(), admission.stepped_aside():
            released.wait(10)

    blockers = [threading.Thread(target=waiting_run) for _ in range(admission.RUNS_AT_ONCE)]
    for thread in blockers:
        thread.start()
    time.sleep(0.2)
    other = threading.Thread(target=lambda: passed.append(_admitted_within(2.0)))
    other.start()
    other.join(5)
    released.set()
    for thread in blockers:
        thread.join(10)
    assert passed == [True]


def _admitted_within(seconds: float) -> bool:
    done = threading.Event()

    def run() -> None:
        with admission.admitted():
            done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(seconds)
