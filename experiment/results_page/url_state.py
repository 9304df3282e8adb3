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

Streamlit keeps `embed` out of st.query_params, hence the page's own `view` key. Values are checked here
only for their form; whether a model or problem exists is for the page to say, with a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode, urlsplit

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


def shown(value: str) -> str:
    """A value from the URL as a notice quotes it: at most 40 characters, at most 80 once repr escapes them."""
    text = repr(value[:40] + ("…" if len(value) > 40 else ""))
    return text if len(text) <= 80 else text[:78] + "…" + text[0]


def from_query(query: dict[str, str | list[str]]) -> tuple[Selection, list[str]]:
    """The selection a URL asks for, and a notice for each value that had to be ignored."""
    def get(key: str) -> str:
        value = query.get(key, "")
        value = (value[-1] if value else "") if isinstance(value, list) else value
        return str(value)[:MAX_TEXT].strip()

    notices: list[str] = []
    values: dict = {}
    run = get("run")
    if run:
        values["run"] = tuple(dict.fromkeys(name.strip() for name in run.split(",") if name.strip()))
    for key, allowed in (("tab", TABS), ("view", VIEWS)):
        value = get(key)
        if value and value in allowed:
            values[key] = value
        elif value:
            notices.append(f"Unknown {key} {shown(value)}; showing {getattr(Selection(), key)}.")
    for key in ("model", "variant", "model2", "variant2", "outcome", "category", "problem", "figure"):
        if get(key):
            values[key] = get(key)
    if get("cell"):
        cell = parse_cell(get("cell"))
        if cell is None:
            notices.append(f"Cell {shown(get('cell'))} is not of the form 3x4; showing every cell.")
        values["cell"] = cell
    for key, low, high in (("pos", 0, 10**9), ("speed", min(SPEEDS), max(SPEEDS))):
        if get(key):
            try:
                values[key] = max(low, min(int(get(key)), high))
            except ValueError:
                notices.append(f"{key} {shown(get(key))} is not a whole number; ignored.")
    return Selection(**values), notices


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
