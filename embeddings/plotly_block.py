"""Any plotly figure as the essay's ```` ```plotly ```` block: the JSON that mkdocs-plotly-plugin hands to
`Plotly.newPlot(data, layout, config)`.

The essay's plotly.js may be as old as 1.58 (the plugin's default), which cannot read the base64 typed arrays
(`{"dtype": ..., "bdata": ...}`) that plotly.py 6+ writes, and the default template plotly.py attaches weighs
more than the figure. So the block holds plain JSON lists, no template but a small explicit layout (fonts,
margins, axes, colours), every number rounded to 4 significant digits (a point moves by at most 1/20,000 of
its value: invisible), and `config` with `responsive: true`. Labels and hover text are kept as they are.

Only plotly and numpy are needed: the experiment's pages import this module too.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import math
import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go

SIGNIFICANT = 4
FONT = {"family": "Open Sans, Verdana, Arial, sans-serif", "size": 13, "color": "#2a3f5f"}
COLORWAY = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]  # Okabe-Ito
AXIS = {"gridcolor": "#e5e8ee", "zerolinecolor": "#c8ccd4", "linecolor": "#c8ccd4", "automargin": True}
AXIS_3D = {"gridcolor": "#e5e8ee", "zerolinecolor": "#c8ccd4", "backgroundcolor": "#ffffff", "showbackground": True}
BASE_LAYOUT = {
    "font": FONT,
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
    "colorway": COLORWAY,
    "margin": {"l": 50, "r": 20, "t": 50, "b": 50},
    "hoverlabel": {"font": {"family": FONT["family"]}},
}
_DTYPES = {"f8": "<f8", "f4": "<f4", "i1": "i1", "u1": "u1", "i2": "<i2", "u2": "<u2", "i4": "<i4", "u4": "<u4",
           "i8": "<i8", "u8": "<u8", "float64": "<f8", "float32": "<f4", "int8": "i1", "uint8": "u1",
           "int16": "<i2", "uint16": "<u2", "int32": "<i4", "uint32": "<u4"}


def chart_config(filename: str, image_format: str = "svg") -> dict[str, Any]:
    """The config for `st.plotly_chart` and the standalone page: the toolbar's camera saves the figure as
    `image_format` (svg: vector, for print and the essay; png at twice the size on screen, for slides)."""
    return {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": image_format, "filename": filename, "scale": 2 if image_format == "png"
                                 else 1},
    }


TITLE_CHARS = 40  # a title's line on a 375-pixel phone at 15-16 px


def wrap(text: str, width: int = TITLE_CHARS) -> str:
    """`text` broken into lines of at most `width` characters with plotly's <br> (plotly never wraps a
    title by itself, and a long one is cut off on a phone)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def embed_config(filename: str) -> dict[str, Any]:
    """The config of a figure inside an iframe (a blog post, a phone): no toolbar printed over the title
    (the essay's exports are on the full page), no scroll-wheel zoom, so the page scrolls past it; with the
    figure's `dragmode=False`, a finger dragged over it scrolls the post instead of zooming. Hover and tap
    still work."""
    return {**chart_config(filename), "displayModeBar": False, "scrollZoom": False}


_SAVE_BUTTONS = """
var gd = document.getElementById('{plot_id}');
var bar = document.createElement('p');
bar.style.fontFamily = 'sans-serif';
[['png', 'Save as PNG'], ['svg', 'Save as SVG']].forEach(function (pair) {
  var button = document.createElement('button');
  button.textContent = pair[1];
  button.style.marginRight = '0.5em';
  button.onclick = function () {
    Plotly.downloadImage(gd, {format: pair[0], filename: FILENAME, scale: pair[0] === 'png' ? 2 : 1});
  };
  bar.appendChild(button);
});
gd.parentNode.appendChild(bar);
"""


def standalone_html(fig: go.Figure, filename: str = "figure") -> str:
    """One page that opens offline (plotly.js inlined, not fetched from a CDN), with PNG and SVG buttons
    under the figure and the toolbar's camera saving PNG."""
    return fig.to_html(full_html=True, include_plotlyjs=True, config=chart_config(filename, "png"),
                       post_script=_SAVE_BUTTONS.replace("FILENAME", json.dumps(filename)))


def block_figure(fig: go.Figure | Mapping[str, Any], digits: int = SIGNIFICANT) -> dict[str, Any]:
    """The figure as plain data: {"data": [...], "layout": {...}, "config": {...}}, ready for json.dumps."""
    raw = fig.to_plotly_json() if isinstance(fig, go.Figure) else dict(fig)
    data = [plain(trace, digits) for trace in raw.get("data", [])]
    layout = plain({k: v for k, v in (raw.get("layout") or {}).items() if k not in ("template", "width")}, digits)
    layout = _merge(_base_layout(layout, data), layout)
    layout["autosize"] = True
    return {"data": data, "layout": layout, "config": {"responsive": True, "displaylogo": False}}


def plotly_block(fig: go.Figure | Mapping[str, Any], digits: int = SIGNIFICANT) -> str:
    """The fenced block to paste into the essay's Markdown, as mkdocs-plotly-plugin reads it. `digits`:
    significant digits of every number; 5 keeps a GloVe vector's numbers as its file writes them (0.61854)."""
    block = block_figure(fig, digits)
    dump = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=False)  # noqa: E731
    traces = ",\n".join(dump(trace) for trace in block["data"])  # one trace a line: a readable diff
    body = f'{{"data":[\n{traces}\n],\n"layout":{dump(block["layout"])},\n"config":{dump(block["config"])}}}'
    return f"```plotly\n{body}\n```\n"


def block_json(block: str) -> dict[str, Any]:
    """The JSON inside a block made by `plotly_block` (for tests and for pages that draw it)."""
    lines = block.strip().splitlines()
    if len(lines) < 3 or lines[0] != "```plotly" or lines[-1] != "```":
        raise ValueError("not a ```plotly block")
    return json.loads("\n".join(lines[1:-1]))


def round_significant(value: float, digits: int = SIGNIFICANT) -> float | int | None:
    """`value` to `digits` significant digits; NaN and infinities become null (JSON has neither)."""
    if not math.isfinite(value):
        return None
    rounded = float(f"{value:.{digits}g}")
    return int(rounded) if rounded.is_integer() and abs(rounded) < 2**53 else rounded


def plain(value: Any, digits: int = SIGNIFICANT) -> Any:
    """JSON-ready copy: arrays and typed-array specs as lists, numpy scalars as numbers, floats rounded."""
    if isinstance(value, Mapping):
        if "bdata" in value and "dtype" in value:
            return plain(_decode_typed_array(value), digits)
        return {str(k): plain(v, digits) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return plain(value.tolist(), digits)
    if isinstance(value, (list, tuple)):
        return [plain(v, digits) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):  # pandas Series and Index
        return plain(value.tolist(), digits)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return round_significant(float(value), digits)
    if isinstance(value, (dt.date, dt.datetime, np.datetime64)):
        return str(np.datetime64(value)) if isinstance(value, np.datetime64) else value.isoformat()
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _decode_typed_array(spec: Mapping[str, Any]) -> np.ndarray:
    """plotly.py's `{"dtype": "f8", "bdata": "...", "shape": "3, 2"}` back into an array."""
    dtype = _DTYPES.get(str(spec["dtype"]), str(spec["dtype"]))
    array = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=dtype)
    shape = spec.get("shape")
    if shape:
        dims = [int(n) for n in str(shape).split(",")] if isinstance(shape, str) else list(shape)
        array = array.reshape(dims)
    return array


def _base_layout(layout: Mapping[str, Any], data: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The small explicit style that replaces the template, for every axis and 3D scene the figure uses."""
    base: dict[str, Any] = json.loads(json.dumps(BASE_LAYOUT))
    axes = {k for k in layout if k.startswith(("xaxis", "yaxis"))}
    scenes = {k for k in layout if k.startswith("scene")}
    for trace in data:
        if trace.get("type") in ("scatter3d", "surface", "mesh3d", "cone", "streamtube", "volume", "isosurface"):
            scenes.add("scene" + str(trace.get("scene", "scene"))[5:])
        elif trace.get("type") not in ("pie", "sunburst", "treemap", "sankey", "table", "indicator"):
            axes.add("xaxis" + str(trace.get("xaxis", "x"))[1:])
            axes.add("yaxis" + str(trace.get("yaxis", "y"))[1:])
    for axis in axes:
        base[axis] = dict(AXIS)
    for scene in scenes:
        base[scene] = {name: dict(AXIS_3D) for name in ("xaxis", "yaxis", "zaxis")}
    return base


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """`override` laid over `base`, dictionaries merged key by key: the figure's own choices win."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
