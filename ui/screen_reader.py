"""Text for screen readers only: in the page, read aloud, not drawn (the small embedded figure views use it
for the figure's description, which has no room on screen)."""
from __future__ import annotations

import html

import streamlit as st

SCREEN_READER_ONLY = ("position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
                      "clip:rect(0,0,0,0);white-space:nowrap;border:0")


def screen_reader_text(text: str) -> None:
    """`text` (plain, escaped here) for screen readers only."""
    st.markdown(f'<p style="{SCREEN_READER_ONLY}">{html.escape(text)}</p>', unsafe_allow_html=True)
