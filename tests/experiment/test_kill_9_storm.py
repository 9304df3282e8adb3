"""The runner killed with SIGKILL twenty times at random moments of one run, against a server that fails.

Each time the same command starts again, as an operator (or a supervisor) would. Kills fall anywhere: while
Python starts, while the database is created or migrated, between requests, while records are committed. At
the end every planned item has exactly one record, the database passes SQLite's integrity check, and the
server was asked again only the questions that were in flight at a kill.
"""
import contextlib
import os
import random
import signal
import sqlite3
import time
from collections import Counter

from tests.experiment.helpers import run_subprocess

KILLS = 20
SEED = 20261201
FAULTS = ["429", "500", "503", "drop", "malformed", "truncate"]


def committed(database) -> int:
    if not database.exists():
        return 0
    with contextlib.closing(sqlite3.connect(database, timeout=5)) as db:
        try:
            return db.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        except sqlite3.OperationalError:  # not created yet: the first run was killed before its schema
            return 0


def kill_at_a_random_moment(process, database, rng: random.Random) -> str:
    """Half the kills at a random time from the start, half a random time after the run has recorded again."""
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0.0, 1.5))
        moment = "from start"
    else:
        before = committed(database)
        deadline = time.monotonic() + 20
        while committed(database) <= before and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.25))
        moment = "mid-run"
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    return moment if process.returncode == -signal.SIGKILL else "finished before the kill"


def test_twenty_kill_9_at_random_moments_leave_exactly_one_record_per_item(make_config, provider, tmp_path):
    rng = random.Random(SEED)
    provider.latency = 0.08
    provider.retry_after = "0"
    config = make_config(a_digits="[1, 3]", b_digits="[1, 3]", samples=30,  # 9 cells x 30 = 270 items
                         runner={"max_retries": 8})
    database = tmp_path / "results.sqlite"
    moments = Counter()
    progress = []
    for _ in range(KILLS):
        with provider.lock:
            provider.faults.extend(rng.choice(FAULTS) for _ in range(rng.randint(0, 4)))
        process = run_subprocess("run", config, "--no-progress", "--concurrency", "4")
        moments[kill_at_a_random_moment(process, database, rng)] += 1
        progress.append(committed(database))

    finish = run_subprocess("run", config, "--no-progress")
    out, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err

    print(f"kills: {dict(moments)}; records after each kill: {progress}")
    assert moments["from start"] + moments["mid-run"] == KILLS, moments  # every run really was killed
    assert progress[-1] < 270  # the kills fell inside the run, not after it
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per_item = Counter(key for (key,) in db.execute("SELECT item_key FROM records"))
        outcomes = Counter(o for (o,) in db.execute("SELECT outcome FROM records"))
    assert len(per_item) == 270
    assert set(per_item.values()) == {1}, [k for k, n in per_item.items() if n > 1][:5]
    assert set(outcomes) <= {"correct", "truncated"}
    asked_twice = sum(n - 1 for n in provider.asked.values())
    assert asked_twice <= 4 * KILLS  # only what was in flight at a kill (concurrency 4) was asked again
