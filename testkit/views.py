"""Views of every kind the app serves, as (page URL path, query): what the tests that open many at once share."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from ui.navigation import PAGES

RUNS = ("llmmath-2025-04-27", "gemma3-270m-few-shot")  # the shipped results runs


def q(**query: str) -> str:
    return urlencode(query)


# Every page, 2D and 3D, neighbours, vocabulary context, analogy, t-SNE, UMAP, embedded views.
EVERY_KIND = [
    ("", ""),
    ("", q(words="cat,dog,horse,cow", dims="3")),
    ("", q(words="paris,london,berlin,rome", neighbors="5")),
    ("", q(words="river,ocean,mountain", context="500")),
    ("", q(words="doctor,nurse,teacher,student,car,train,bus,plane", method="tsne")),
    ("", q(words="music,art,science,history,money,bank,market", method="umap", dims="3")),
    ("", q(words="king,man,woman", analogy="king - man + woman", neighbors="3")),
    ("", q(words="apple,banana,orange,grape", view="figure")),
    ("", q(figure="king-man-woman")),
    ("compare", q(words="king,queen,man,woman")),
    ("compare", q(words="war,peace,love,hate", method="umap")),
    ("experiment", ""),
    ("experiment", q(run=RUNS[0], tab="overview")),
    ("experiment", q(run=RUNS[1], tab="replay")),
    ("experiment", q(run=RUNS[0], tab="compare")),
    ("experiment", q(run=RUNS[0], view="figure", figure="accuracy")),
    ("stones", ""),
    ("stones", q(prompt="The queen", method="umap", context="1000")),
    ("gallery", ""),
    ("gallery", q(name="default-view")),
]


PROJECT_ROOT = Path(__file__).resolve().parent.parent


def page_file(url_path: str) -> Path:
    """The script of the page at this URL path."""
    return PROJECT_ROOT / next(entry.file for entry in PAGES if entry.url_path == url_path)
