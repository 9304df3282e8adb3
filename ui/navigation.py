"""The app's pages, listed once: their files, titles, icons and URLs, for the router (app.py) and for the
links that each page draws in its sidebar.

Streamlit's own navigation menu is hidden, so that the embeddable views (`view=figure`, `view=replay`) can
have no navigation at all; the full pages draw `page_links()` themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError


@dataclass(frozen=True)
class PageEntry:
    """One page. `url_path` is what blogs link to: it must never change (the default page is at `/`)."""

    file: str  # relative to the entry point's folder (the project root)
    title: str  # the browser tab's title and the link's label
    icon: str
    url_path: str


PAGES = (
    PageEntry("app_pages/explorer_page.py", "Word explorer", ":material/scatter_plot:", ""),
    PageEntry("app_pages/compare_page.py", "Compare models", ":material/compare:", "compare"),
    PageEntry("app_pages/experiment_page.py", "Experiment replay", ":material/calculate:", "experiment"),
    PageEntry("app_pages/gallery_page.py", "Saved figures", ":material/photo_library:", "gallery"),
    PageEntry("app_pages/stones_page.py", "Tossing stones", ":material/grain:", "stones"),
    PageEntry("app_pages/steps_page.py", "With and without the working", ":material/stairs:", "steps"),
    PageEntry("app_pages/contexts_page.py", "One word in many sentences", ":material/format_quote:", "contexts"),
)
DEFAULT = PAGES[0]


def streamlit_pages() -> list[st.Page]:
    """The pages as `st.navigation` takes them; the first is the default page, at `/`."""
    return [st.Page(p.file, title=p.title, icon=p.icon, url_path=p.url_path or None, default=p is DEFAULT)
            for p in PAGES]


def page_links() -> None:
    """Links to every page. A page file run on its own (as in AppTest) has no other pages, hence no links."""
    for entry in PAGES:
        try:
            st.page_link(entry.file, label=entry.title, icon=entry.icon)
        except StreamlitPageNotFoundError:
            pass
