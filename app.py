"""The entry point (`streamlit run app.py`): it routes each URL to its page in app_pages/.

The pages and their URLs are listed once, in ui/navigation.py. The page files have names that shadow no
package: Streamlit puts a script's folder first on `sys.path`, so a page called `experiment.py` would hide
the `experiment` package when run on its own.

Every session runs this file before its page, and runs the page inside `page_modules.gate()`: until every
module any page can need is imported, the server's first page runs alone and the other sessions wait, so no
session ever sees a module half-imported by another (ui/page_modules.py). The page also runs inside
`admission.admitted()`: a few page runs at a time, the others in the order they came (ui/admission.py). The heavy
libraries only t-SNE and UMAP views need are never imported by the server: those fits run in a worker process,
started after the first page (embeddings/fit_worker.py, ui/resources.warm_up).
"""
from __future__ import annotations

import streamlit as st

from ui import admission, page_modules
from ui.navigation import streamlit_pages
from ui.resources import warm_up

st.set_page_config(layout="wide")
try:
    with page_modules.gate(), admission.admitted():  # alone until every page's modules are in; then a few at once
        st.navigation(streamlit_pages(), position="hidden").run()
finally:  # also after st.stop()
    warm_up()  # once per server, in the background, after the first page is drawn: the heavy imports
