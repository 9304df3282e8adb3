"""Many readers at once: the views each reader opens, and the server's memory (bench/bench_load.py and its
short version in the tests)."""
from __future__ import annotations

import asyncio
import random
from pathlib import Path
from urllib.parse import urlencode

from testkit.streamlit_client import View, open_view, sticky_cookie

WORD_POOL = ("king queen man woman prince princess apple banana orange grape paris london berlin rome "
             "cat dog horse cow river mountain ocean forest doctor nurse teacher student car train bus "
             "plane music art science history money bank market war peace love hate").split()


def interactions(session: int, views: int, *, heavy: bool = True) -> list[tuple[str, str]]:
    """(page, query) of each view of one reader: seeded by the session, so every run asks the same.
    Without `heavy`, no t-SNE and no vocabulary context (whose maps are fitted once per cache): what a
    short test can afford on a fresh cache."""
    rng = random.Random(session)
    chosen = []
    for index in range(views):
        kind = (session + index) % 5
        words = ",".join(rng.sample(WORD_POOL, rng.randint(3, 12)))
        if kind in (0, 1, 2):
            query = {"words": words, "method": rng.choice(["pca", "tsne", "umap"] if heavy else ["pca", "umap"]),
                     "dims": rng.choice(["2", "3"]), "neighbors": rng.choice(["0", "5", "10"]),
                     "context": rng.choice(["0", "0", "500", "1000"] if heavy else ["0"])}
            chosen.append(("", urlencode(query)))
        elif kind == 3:
            query = {"tab": rng.choice(["overview", "replay", "compare"]),
                     "run": rng.choice(["llmmath-2025-04-27", "gemma3-270m-few-shot"])}
            chosen.append(("experiment", urlencode(query)))
        else:
            chosen.append(("compare", urlencode({"words": words, "method": rng.choice(["pca", "umap"])})))
    return chosen


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def child_pids(pid: int) -> list[int]:
    """The process's direct children (the server's fit worker)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


async def reader(url: str, session: int, views: int, *, sticky: bool = False, reconnects: int = 0,
                 heavy: bool = True) -> list[View]:
    """One reader's views, one after another; behind a proxy (`sticky`) with the cookie its first page
    load got, as a browser would send it."""
    cookie = await asyncio.to_thread(sticky_cookie, url) if sticky else None
    return [await open_view(url, page, query, cookie=cookie, reconnects=reconnects)
            for page, query in interactions(session, views, heavy=heavy)]


async def many_readers(url: str, sessions: int, views: int, *, sticky: bool = False,
                       reconnects: int = 0, heavy: bool = True) -> list[View]:
    results = await asyncio.gather(*(reader(url, s, views, sticky=sticky, reconnects=reconnects, heavy=heavy)
                                     for s in range(sessions)))
    return [view for views_of_one in results for view in views_of_one]
