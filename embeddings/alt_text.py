"""The figure in words, for readers who cannot see it: the points as a table and a one-sentence summary."""
from __future__ import annotations

from collections.abc import Callable
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


def summary(scene: Scene, label: Callable[[str], str] = str) -> str:
    """What the figure shows, in one sentence: the method, the words, and which two entered words are closest."""
    entered = scene.rows_of("entered")
    words = [label(scene.words[i]) for i in entered]
    extra = [f"{scene.groups.count(g)} {GROUP_NAMES[g]}s" for g in ("neighbour", "analogy", "context")
             if g in scene.groups]
    text = (f"A {len(scene.axis_titles)}D map ({', '.join(scene.axis_titles)}) of {len(words)} entered words: "
            f"{', '.join(words[:30])}{' and more' if len(words) > 30 else ''}"
            f"{'; with ' + ', '.join(extra) if extra else ''}.")
    if len(entered) >= 2:
        xyz = scene.coords[entered]
        d = ((xyz[:, None, :] - xyz[None, :, :]) ** 2).sum(axis=2)
        d[range(len(d)), range(len(d))] = float("inf")
        i, j = divmod(int(d.argmin()), len(d))
        text += f" The two entered words drawn closest together are {words[i]} and {words[j]}."
    return text
