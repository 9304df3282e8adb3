"""The essay's figures, kept: a view saved under a name with a caption, the settings that make it and the
coordinates it produced, in one file of the repository (figures/saved.json) that reads well in a diff.

Each saved figure has a stable URL, `/?figure=NAME` (add `&view=figure&embed=true` for an iframe), and the
gallery page (`/gallery`) lists them. `check` re-creates every figure and reports the ones whose points moved,
so an upgrade of gensim, scikit-learn or UMAP that changes the essay's pictures is caught before it ships
(tests/explorer/test_saved_figures.py runs it).

The file: a JSON object, one entry per name, sorted; each entry holds `caption`, `settings` (the URL query, key
by key, as `embeddings.url_state.to_query` writes it), `axes` (the axis titles) and `points`, one line per
point: `[word, group, x, y(, z)]`, coordinates to 4 significant digits; and, where set, `section` (the essay's
section the gallery shows it under, `ESSAY_SECTIONS`) and `block` (the figure is also, or rather, one of the
essay's code blocks of its `focus` word: `vector`, the word's numbers; `grid`, its numbers beside where the
view puts it; embeddings/essay_blocks.py).
"""
from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from embeddings.catalogue import get_spec
from embeddings.neighbours import Analogy, parse_analogy
from embeddings.paths import PROJECT_ROOT
from embeddings.plotly_block import round_significant
from embeddings.reduce import Fit, fit_stochastic
from embeddings.scene import Scene, build_scene, request_for
from embeddings.url_state import ViewState, fit_to_model, from_query, to_query
from embeddings.vectors import WordVectors
from embeddings.words import format_words, lookup, parse_words

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# The essay's sections, in its order: the gallery groups the figures under them (others come last).
ESSAY_SECTIONS = (
    "Words as numbers",
    "Numbers as points",
    "From many dimensions to two",
    "Different models, different numbers",
    "Meaning lives in relative positions",
)
OTHER_SECTION = "Other figures"


class Block(StrEnum):
    """What of a figure the essay shows as a code block (embeddings/essay_blocks.py)."""

    NONE = ""
    VECTOR = "vector"  # the focus word's numbers
    GRID = "grid"  # its numbers beside its place in the view
TOLERANCE = 2e-3  # of the figure's largest coordinate: far above 4-digit rounding, far below a visible move
MAX_CAPTION = 500


class SavedFigureError(ValueError):
    """A bad name, URL or file: the message is one line, meant for the author."""


@dataclass(frozen=True)
class SavedFigure:
    name: str
    caption: str
    settings: dict[str, str]  # the URL query of the view
    axes: tuple[str, ...]
    points: tuple[tuple, ...]  # (word, group, x, y[, z]), rounded
    section: str = ""
    block: Block = Block.NONE

    @property
    def url(self) -> str:
        """The stable link: the explorer looks the settings up by name."""
        return f"/?figure={self.name}"

    @property
    def state(self) -> ViewState:
        return from_query(self.settings)[0]

    @property
    def labelled(self) -> list[str]:
        """The words drawn with a label (every group but the faint context)."""
        return [p[0] for p in self.points if p[1] != "context"]


def figures_file() -> Path:
    """figures/saved.json in the repository; `EMBEDDINGS_SAVED_FIGURES` points elsewhere (tests do)."""
    return Path(os.environ.get("EMBEDDINGS_SAVED_FIGURES") or PROJECT_ROOT / "figures" / "saved.json")


def load_all(path: Path | None = None) -> dict[str, SavedFigure]:
    """Every saved figure by name; an absent file holds none."""
    path = path or figures_file()
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {name: SavedFigure(name, entry["caption"], dict(entry["settings"]), tuple(entry["axes"]),
                                  tuple(tuple(p) for p in entry["points"]), entry.get("section", ""),
                                  Block(entry.get("block", ""))) for name, entry in raw.items()}
    except (ValueError, KeyError, TypeError) as error:
        raise SavedFigureError(f"{path} is not a saved-figures file ({type(error).__name__}: {error})") from None


def dumps(figures: Mapping[str, SavedFigure]) -> str:
    """The file's text: names sorted, one point a line, so that a moved point is one changed line."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    entries = []
    for name in sorted(figures):
        f = figures[name]
        points = ",\n".join(f"      {dump(list(p))}" for p in f.points)
        optional = "".join(f"    \"{key}\": {dump(str(value))},\n" for key, value in
                           (("section", f.section), ("block", f.block)) if value)
        entries.append(
            f"  {dump(name)}: {{\n    \"caption\": {dump(f.caption)},\n    \"url\": {dump(f.url)},\n{optional}"
            f"    \"settings\": {json.dumps(f.settings, ensure_ascii=False, sort_keys=True)},\n"
            f"    \"axes\": {dump(list(f.axes))},\n    \"points\": [\n{points}\n    ]\n  }}")
    return "{\n" + ",\n".join(entries) + "\n}\n" if entries else "{}\n"


def write_all(figures: Mapping[str, SavedFigure], path: Path | None = None) -> Path:
    """Replace the file in one step (a temporary file renamed over it): never half-written."""
    path = path or figures_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".saved-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(dumps(figures))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise SavedFigureError(f"{name[:60]!r} is not a figure name: use 1-60 lower-case letters, digits and "
                               "dashes, starting with a letter or digit (e.g. king-queen-3d)")
    return name


def state_from_url(url: str, figures: Mapping[str, SavedFigure] | None = None) -> ViewState:
    """The view a link shows: a full explorer URL, only its query (`?words=...`), or a saved figure's link.

    Every value must be valid: a figure for the essay is never saved from a value the page would replace."""
    query = urlsplit(url.strip()).query if "?" in url or "://" in url else url.strip()
    params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    if "figure" in params:
        saved = (figures if figures is not None else load_all()).get(params.pop("figure"))
        if saved is None:
            raise SavedFigureError("the URL names a saved figure that does not exist")
        params = {**saved.settings, **params}
    if not params:
        raise SavedFigureError(f"{url[:80]!r} has no query: copy the explorer's link to the view")
    state, notices = from_query(params)
    if notices:
        raise SavedFigureError(notices[0].replace(" The default was used instead.", "") + " Nothing was saved.")
    return replace(state, view="full")


def expand_query(params: Mapping[str, str], figures: Mapping[str, SavedFigure] | None = None,
                 ) -> tuple[dict[str, str], list[str]]:
    """A page's query with `figure=NAME` replaced by that figure's settings (other keys, such as `view`, kept
    and winning), and a notice when no figure has that name."""
    params = dict(params)
    if "figure" not in params:
        return params, []
    name = params.pop("figure")
    name = name[-1] if isinstance(name, list) else name
    saved = (figures if figures is not None else load_all()).get(name)
    if saved is None:
        return params, [f"No saved figure is called {name[:60]!r}; the default view is shown instead."]
    return {**saved.settings, **params}, []


def scene_for(kv: WordVectors, state: ViewState, fit: Fit = fit_stochastic) -> Scene:
    """The scene the explorer draws for this state (the same steps as app_pages/explorer_page.py); `fit` runs
    t-SNE and UMAP (a server passes its fit worker's)."""
    spec = get_spec(state.model)
    parsed = parse_words(format_words(state.words), lowercase=spec.lowercase)
    known = lookup(kv, list(parsed.words), spec=spec, suggest=False).found
    analogy = _analogy(kv, state, spec.lowercase)
    if not known and analogy is None:
        raise SavedFigureError("none of the words is in the model: nothing to draw")
    state, notices = fit_to_model(state, kv.vector_size)
    if notices:
        raise SavedFigureError(notices[0].replace(" The default was used instead.", ""))
    try:
        return build_scene(kv, request_for(state, known, analogy), fit=fit)
    except ValueError as error:  # an axis of meaning the model cannot make
        raise SavedFigureError(f"cannot be drawn: {error}") from None


def _analogy(kv: WordVectors, state: ViewState, lowercase: bool) -> Analogy | None:
    if not state.analogy:
        return None
    try:
        analogy = parse_analogy(state.analogy, lowercase=lowercase, is_known=kv.__contains__)
    except ValueError as error:
        raise SavedFigureError(f"the analogy cannot be drawn: {error}") from None
    missing = [w for w in (*analogy.positive, *analogy.negative) if w not in kv.key_to_index]
    if missing:
        raise SavedFigureError(f"the analogy cannot be drawn: not in the vocabulary: {', '.join(missing)}")
    return analogy


def sections(figures: Mapping[str, SavedFigure]) -> dict[str, list[SavedFigure]]:
    """The figures by the essay's section, in the essay's order; figures of no known section last. Within a
    section the code blocks come first (the essay shows a word's numbers, then the picture), the default model's
    before another's (GloVe beside Gemma, in that order)."""
    from embeddings.catalogue import DEFAULT_MODEL

    grouped: dict[str, list[SavedFigure]] = {s: [] for s in (*ESSAY_SECTIONS, OTHER_SECTION)}
    ordered = sorted(figures.values(), key=lambda f: (not f.block, f.settings.get("model") != DEFAULT_MODEL, f.name))
    for figure in ordered:
        grouped[figure.section if figure.section in ESSAY_SECTIONS else OTHER_SECTION].append(figure)
    return {section: found for section, found in grouped.items() if found}


def record(name: str, caption: str, state: ViewState, scene: Scene, *, section: str = "",
           block: Block | str = Block.NONE) -> SavedFigure:
    """What is kept of a view: its settings and the points it produced, rounded; a block figure keeps its
    focus word (the word whose numbers it shows)."""
    caption = " ".join(caption.split())
    if not caption:
        raise SavedFigureError("a saved figure needs a caption: what the reader should see in it")
    if len(caption) > MAX_CAPTION:
        raise SavedFigureError(f"the caption is longer than {MAX_CAPTION} characters")
    if section and section not in ESSAY_SECTIONS:
        raise SavedFigureError(f"{section[:60]!r} is not a section of the essay: {', '.join(ESSAY_SECTIONS)}")
    try:
        block = Block(block)
    except ValueError:
        raise SavedFigureError(f"{str(block)[:20]!r} is not a block: vector or grid") from None
    focus = ""
    if block:
        focus = state.focus or (scene.words[0] if scene.words else "")
        if focus not in scene.words:
            raise SavedFigureError(f"the block's word {focus[:40]!r} is not in the figure")
    return SavedFigure(check_name(name), caption, to_query(replace(state, view="full", focus=focus)),
                       tuple(scene.axis_titles), _points(scene), section, block)


def _points(scene: Scene) -> tuple[tuple, ...]:
    axes = ["x", "y", "z"][: len(scene.axis_titles)]
    return tuple((row.word, row.group, *(round_significant(float(getattr(row, a))) for a in axes))
                 for row in scene.points.itertuples())


def moved(saved: SavedFigure, scene: Scene) -> list[str]:
    """How the re-created figure differs from the saved one (empty: the same picture)."""
    now = _points(scene)
    if [p[:2] for p in now] != [p[:2] for p in saved.points]:
        before = {p[0] for p in saved.points}
        after = {p[0] for p in now}
        gone, new = sorted(before - after)[:5], sorted(after - before)[:5]
        return [f"other words or groups: gone {gone or '-'}, new {new or '-'}"]
    scale = max((abs(c) for p in saved.points for c in p[2:] if c is not None), default=1.0) or 1.0
    changes = []
    for old, new in zip(saved.points, now):
        far = max(abs((a or 0) - (b or 0)) for a, b in zip(old[2:], new[2:]))
        if far > TOLERANCE * scale or (math.isnan(far)):
            changes.append(f"{old[0]} moved from {list(old[2:])} to {list(new[2:])}")
    return changes


def link(base_url: str, name: str, *, embed: bool = False) -> str:
    """The saved figure's absolute link; `embed` for an iframe (the figure alone, no Streamlit chrome)."""
    query = {"figure": name, **({"view": "figure", "embed": "true"} if embed else {})}
    return f"{base_url.rstrip('/')}/?{urlencode(query)}"
