"""The figure in words, for readers who cannot see it: the points as a table and a one-sentence summary."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from embeddings.scene import Scene

if TYPE_CHECKING:
    import pandas as pd

GROUP_NAMES = {"entered": "entered word", "neighbour": "neighbour", "analogy": "analogy answer",
               "context": "vocabulary context"}
MAX_ROWS = 500  # context maps hold thousands of words; the table lists the labelled ones first


def points_table(scene: Scene, label: Callable[[str], str] = str) -> pd.DataFrame:
    """One row a point: the word as shown, its role, its coordinates (4 decimals) and its nearest words."""
    import pandas as pd  # only when the table is opened: the first page draws no table

    points = scene.points.sort_values("group", key=lambda g: g.map(list(GROUP_NAMES).index), kind="stable")
    axes = ["x", "y", "z"][: len(scene.axis_titles)]
    table = pd.DataFrame({"word": [label(w) for w in points.word],
                          "shown as": [GROUP_NAMES[g] for g in points.group]})
    for axis, title in zip(axes, scene.axis_titles):
        table[title] = points[axis].round(4).to_numpy()
    table["nearest words"] = [h if h.startswith(("nearest", "neighbour of")) else "" for h in points.hover]
    if scene.trust is not None:  # how many of its nearest words in the full vectors are nearest on screen too
        table["kept on screen"] = [scene.trust.kept_text(i) for i in points.index]
    return table.head(MAX_ROWS).reset_index(drop=True)


def summary(scene: Scene, label: Callable[[str], str] = str, typed: Sequence[str] | None = None) -> str:
    """What the figure shows, in one sentence: the method, the words, and which two entered words are closest.
    With `typed` (the words the reader typed, as the Similarity tab lists them), the analogy's own words are
    counted apart from them, so the caption counts what the tabs show."""
    entered = scene.rows_of("entered")
    mine = set(typed) if typed is not None else None
    shown = [i for i in entered if mine is None or scene.words[i] in mine]
    words = [label(scene.words[i]) for i in shown]
    extra = [f"{scene.groups.count(g)} {GROUP_NAMES[g]}s" for g in ("neighbour", "analogy", "context")
             if g in scene.groups]
    if len(shown) < len(entered):
        extra.insert(0, f"the analogy's {len(entered) - len(shown)} other words")
    text = (f"A {len(scene.axis_titles)}D map ({', '.join(scene.axis_titles)}) of {len(words)} entered words: "
            f"{', '.join(words[:30])}{' and more' if len(words) > 30 else ''}"
            f"{'; with ' + ', '.join(extra) if extra else ''}.")
    if scene.analogy_results and "analogy" in scene.groups:
        answer, similarity = scene.analogy_results[0]
        text += (f" The analogy's answer is {label(answer)} (cosine similarity {similarity:.2f}), drawn as a "
                 "red star.")
    if len(shown) >= 2:
        xyz = scene.coords[shown]
        d = ((xyz[:, None, :] - xyz[None, :, :]) ** 2).sum(axis=2)
        d[range(len(d)), range(len(d))] = float("inf")
        i, j = divmod(int(d.argmin()), len(d))
        text += f" The two entered words drawn closest together are {words[i]} and {words[j]}."
    return text
