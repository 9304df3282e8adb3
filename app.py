"""The entry point (`streamlit run app.py`): it routes each URL to its page in app_pages/.

The pages and their URLs are listed once, in ui/navigation.py. The page files have names that shadow no
package: Streamlit puts a script's folder first on `sys.path`, so a page called `experiment.py` would hide
the `experiment` package when run on its own.

Every session runs this file before its page, and waits at `import ui.page_modules` until every module any
page can need is imported (ui/page_modules.py): no session ever sees a module half-imported by another. The
heavy libraries only some views need are imported after the first page, in the background, one thread
at a time (embeddings/heavy_imports.py).
"""
from __future__ import annotations

import streamlit as st

import ui.page_modules  # noqa: F401  (first: every module a page can need, fully imported before any page runs)
from ui.navigation import streamlit_pages
from ui.resources import warm_up

st.set_page_config(layout="wide")
try:
    st.navigation(streamlit_pages(), position="hidden").run()
finally:  # also after st.stop()
    warm_up()  # once per server, in the background, after the first page is drawn: the heavy imports
