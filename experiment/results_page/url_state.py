"""The page's query string: same URL, same picture.

Keys (all optional; defaults are left out of the URL):
  run       result files shown, by name, comma-separated (default: all of results/)
  tab       overview | replay | compare
  model     model label, for the replay and as the first side of a comparison; variant: its prompt variant
  model2, variant2   the second side of a comparison
  cell      digit counts "MxN" (e.g. 3x4) the replay's problems are filtered to
  outcome, category  further replay filters (an outcome; an analyzer category)
  problem   the replayed item (its item key)
  pos       replay position, in characters of the model's text
  speed     replay speed, characters per second
  view      page (default) | figure | replay: with `embed=true`, just one figure or the replay, for an iframe
  figure    which figure `view=figure` shows (a key of figures.FIGURES)

Streamlit keeps `embed` out of st.query_params, hence the page's own `view` key. The keys are declared in one
table (`KEYS`), read by the function every page uses (`links.query.read_query`), with the same notice for a
value that is not used. Values are checked here only for their form (an empty one counts as absent; a text is
cut at MAX_TEXT characters, not trusted); whether a model or problem exists is for the page to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode, urlsplit

from links.query import Key, choice, read_query, shown

TABS = ("overview", "replay", "compare")
VIEWS = ("page", "figure", "replay")
SPEEDS = (10, 25, 50, 100, 200, 400, 800)
DEFAULT_SPEED = 100
MAX_TEXT = 200  # no query value the page uses is longer; anything longer is cut, not trusted
_CELL = re.compile(r"^(\d{1,2})x(\d{1,2})$")


@dataclass(frozen=True, slots=True)
class Selection:
    run: tuple[str, ...] = ()
    tab: str = "overview"
    model: str = ""
    variant: str = ""
    model2: str = ""
    variant2: str = ""
    cell: tuple[int, int] | None = None
    outcome: str = ""
    category: str = ""
    problem: str = ""
    pos: int = 0
    speed: int = DEFAULT_SPEED
    view: str = "page"
    figure: str = "heatmap"


def parse_cell(text: str) -> tuple[int, int] | None:
    match = _CELL.match(text.strip().lower().replace("×", "x"))
    return (int(match[1]), int(match[2])) if match else None


def from_query(query: dict[str, str | list[str]]) -> tuple[Selection, list[str]]:
    """The selection a URL asks for, and a notice for each value that had to be ignored."""
    values, notices = read_query(query, KEYS)
    return Selection(**values), notices


def _form(parse: Callable[[str], Any], default: Any) -> Callable[[str], Any]:
    """The text cut at MAX_TEXT and stripped; empty is the default, anything else is `parse`'s."""
    def read(raw: str) -> Any:
        text = raw[:MAX_TEXT].strip()
        return parse(text) if text else default

    return read


def _runs(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))


def _cell(text: str) -> tuple[int, int]:
    cell = parse_cell(text)
    if cell is None:
        raise ValueError(f"{shown(text)} is not of the form 3x4.")
    return cell


def _clamped(low: int, high: int) -> Callable[[str], int]:
    """A whole number, brought into low..high (a position or speed past the end means the end)."""
    def parse(text: str) -> int:
        try:
            return max(low, min(int(text), high))
        except ValueError:
            raise ValueError(f"{shown(text)} is not a whole number.") from None

    return parse


def _key(name: str, parse: Callable[[str], Any] = str) -> Key:
    default = getattr(Selection(), name)
    return Key(name, _form(parse, default), default)


KEYS = (
    _key("run", _runs),
    _key("tab", choice(TABS)),
    *(_key(name) for name in ("model", "variant", "model2", "variant2")),
    _key("cell", _cell),
    *(_key(name) for name in ("outcome", "category", "problem")),
    _key("pos", _clamped(0, 10**9)),
    _key("speed", _clamped(min(SPEEDS), max(SPEEDS))),
    _key("view", choice(VIEWS)),
    _key("figure"),
)


def to_query(selection: Selection) -> dict[str, str]:
    """The query string of a selection, without the values that are defaults."""
    default = Selection()
    query: dict[str, str] = {}
    for field in fields(Selection):
        value = getattr(selection, field.name)
        if value == getattr(default, field.name):
            continue
        if field.name == "run":
            query["run"] = ",".join(value)
        elif field.name == "cell":
            query["cell"] = f"{value[0]}x{value[1]}"
        else:
            query[field.name] = str(value)
    return query


def page_url(current_url: str) -> str:
    """This page's address without its query, from the address the browser shows (any base path kept)."""
    parts = urlsplit(current_url or "http://localhost:8501/experiment")
    path = parts.path.rstrip("/")
    if path.endswith("/experiment"):
        path = path[: -len("/experiment")]
    return f"{parts.scheme}://{parts.netloc}{path}/experiment"


def share_url(current_url: str, selection: Selection, *, embed: bool = False, **changes) -> str:
    """A link to this selection; `embed` gives the iframe form (no sidebar, no controls)."""
    query = to_query(replace(selection, **changes))
    if embed:
        query["embed"] = "true"
    base = page_url(current_url)
    return f"{base}?{urlencode(query)}" if query else base
