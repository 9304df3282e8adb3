"""The entry point (`streamlit run app.py`): it routes each URL to its page in app_pages/.

The pages and their URLs are listed once, in ui/navigation.py. The page files have names that shadow no
package: Streamlit puts a script's folder first on `sys.path`, so a page called `experiment.py` would hide
the `experiment` package when run on its own.
"""
from __future__ import annotations

import streamlit as st

from ui.navigation import streamlit_pages

st.set_page_config(layout="wide")
st.navigation(streamlit_pages(), position="hidden").run()
