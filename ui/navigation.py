"""The links between pages, drawn by each page in its sidebar (Streamlit's own navigation is off, so the
embeddable views can have none at all)."""
from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

PAGES = (
    ("app.py", "Word explorer", ":material/scatter_plot:"),
    ("pages/compare.py", "Compare models", ":material/compare:"),
    ("pages/experiment.py", "Experiment replay", ":material/calculate:"),
)


def page_links() -> None:
    """Links are relative to the entry point (app.py); a page run on its own (as in AppTest) has none."""
    for path, label, icon in PAGES:
        try:
            st.page_link(path, label=label, icon=icon)
        except StreamlitPageNotFoundError:
            pass
