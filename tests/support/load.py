"""Many readers at once: the views each reader opens, and the server's memory (bench/bench_load.py and its
short version in the tests)."""
from __future__ import annotations

import asyncio
import random
from pathlib import Path
from urllib.parse import urlencode

from tests.support.streamlit_client import View, open_view

WORD_POOL = ("king queen man woman prince princess apple banana orange grape paris london berlin rome "
             "cat dog horse cow river mountain ocean forest doctor nurse teacher student car train bus "
             "plane music art science history money bank market war peace love hate").split()


def interactions(session: int, views: int) -> list[tuple[str, str]]:
    """(page, query) of each view of one reader: seeded by the session, so every run asks the same."""
    rng = random.Random(session)
    chosen = []
    for index in range(views):
        kind = (session + index) % 5
        words = ",".join(rng.sample(WORD_POOL, rng.randint(3, 12)))
        if kind in (0, 1, 2):
            query = {"words": words, "method": rng.choice(["pca", "tsne", "umap"]), "dims": rng.choice(["2", "3"]),
                     "neighbors": rng.choice(["0", "5", "10"]), "context": rng.choice(["0", "0", "500", "1000"])}
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


async def reader(url: str, session: int, views: int) -> list[View]:
    return [await open_view(url, page, query) for page, query in interactions(session, views)]


async def many_readers(url: str, sessions: int, views: int) -> list[View]:
    results = await asyncio.gather(*(reader(url, s, views) for s in range(sessions)))
    return [view for views_of_one in results for view in views_of_one]
