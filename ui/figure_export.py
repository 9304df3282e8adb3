"""The export controls every page draws under a figure it offers to the essay: the ```` ```plotly ```` block
(embeddings/plotly_block.py, the one function all pages use), the standalone page, and the toolbar's camera
(PNG or SVG, chosen here; plotly's own toImage, so no image server is needed).

Nothing is computed before the author asks: downloads are callables that Streamlit runs on click, and the block
is shown only when the toggle is on, so a reader's page carries none of it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import plotly.graph_objects as go
import streamlit as st

from embeddings.plotly_block import SIGNIFICANT, chart_config, plotly_block, standalone_html

IMAGE_FORMATS = ("svg", "png")


def config(filename: str, key: str) -> dict:
    """`st.plotly_chart`'s config for a figure that its toolbar's camera saves as `filename`.svg (the default)
    or .png, as chosen under the figure by `essay_exports(..., key=key)` (read before that widget is drawn, so
    the value of the previous run: the camera follows the choice from the next run on, at once)."""
    return chart_config(filename, st.session_state.get(f"{key}_format", "svg"))


def essay_exports(fig: go.Figure | Callable[[], go.Figure], stem: str, *, key: str,
                  extra: Sequence[tuple[str, Callable[[], str], str, str]] = (), digits: int = SIGNIFICANT) -> None:
    """The block to paste, its download, the standalone page and `extra` downloads (label, data, file, mime).

    `fig` may be a callable, so that a page whose figure is costly builds it only when the author asks.
    `digits`: significant digits of the block's numbers (5 for raw dimensions, as the model's file has them).
    """
    figure = fig if callable(fig) and not isinstance(fig, go.Figure) else (lambda: fig)
    columns = st.columns(3 + len(extra))
    columns[0].download_button("Plotly block (.md)", lambda: plotly_block(figure(), digits), f"{stem}.md",
                               "text/markdown", key=f"{key}_block", on_click="ignore", icon=":material/code:",
                               help="A ```plotly block for the essay (mkdocs-plotly-plugin): plain JSON, no "
                                    f"template, coordinates to {digits} significant digits; works with plotly.js "
                                    "1.58.")
    columns[1].download_button("Standalone HTML", lambda: _html(figure(), stem), f"{stem}.html", "text/html",
                               key=f"{key}_html", on_click="ignore", icon=":material/web:",
                               help="One page that opens offline (plotly.js inside), with PNG and SVG buttons.")
    for column, (label, data, name, mime) in zip(columns[3:], extra):
        column.download_button(label, data, name, mime, key=f"{key}_{name}", on_click="ignore",
                               icon=":material/table:")
    columns[2].radio("Toolbar camera saves", IMAGE_FORMATS, key=f"{key}_format", horizontal=True,
                     format_func=str.upper, help="The camera in the figure's toolbar saves the figure as it is on "
                                                 "screen, in this format.")
    if st.toggle("Show the block to copy", key=f"{key}_show"):
        st.code(plotly_block(figure(), digits), language="markdown")


def _html(fig: go.Figure, stem: str) -> str:
    return standalone_html(fig, stem)
