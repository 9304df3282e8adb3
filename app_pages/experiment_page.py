"""The experiment replay page (/experiment): the results at a glance, and every trace replayed step by step.

UI only: reading, aggregation, figures and replay frames live in `experiment/results_page/`; the page's Streamlit
helpers in ui/experiment/. Query keys are documented in experiment/results_page/url_state.py. The results
folder is results/ or $EXPERIMENT_RESULTS_DIR.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from experiment.results_page import featured, sources, url_state
from experiment.results_page.overview import with_series
from experiment.results_page.url_state import Selection
from ui.experiment.controls import choose_sources, current_selection, seed_from_url, url_sources, write_url
from ui.experiment.replay import choose_problem, replay_filters, replay_filters_embedded, replay_link, show_replay
from ui.experiment.resources import default_sources, load_sources, uploaded_source
from ui.experiment.views import (
    live_watch,
    open_in_app,
    show_claim,
    show_compare,
    show_embedded_figure,
    show_overview,
    show_provenance,
)
from ui.navigation import page_links


def empty_message(folder: Path) -> None:
    st.info(f"There are no results to show yet: the results folder `{folder}` holds no run. Run the "
            "experiment with `python -m experiment run CONFIG.toml` (its `database` in that folder), or add a "
            "JSON Lines export or a results database with **Add a results file** in the sidebar.",
            icon=":material/science:")


def main() -> None:
    seeded = seed_from_url()
    embedded = seeded.view != "page"
    folder = sources.results_dir()
    available = sources.discover(folder)
    upload = None
    default = default_sources(available)
    defaults = [s.name for s in default]
    sidebar = st.sidebar
    with sidebar:
        if not embedded:
            page_links()
            st.divider()
        if embedded:
            chosen = url_sources(available, seeded, default)
        else:
            chosen = choose_sources(available, seeded, default) if available else available
        if not embedded:
            upload = uploaded_source()
    if not embedded:
        st.title("The experiment, replayed")
    notices = st.container()
    if upload is not None:
        chosen = [*chosen, upload]
    try:
        show_page(seeded, embedded, folder, defaults, chosen, sidebar)
    finally:
        for text in st.session_state.pop("_x_notices", []):
            notices.warning(text, icon=":material/link_off:")
    if not embedded and not st.session_state.get("x_playing"):
        write_url(current_selection(seeded, chosen, defaults))


def show_page(seeded: Selection, embedded: bool, folder: Path, defaults: list[str],
              chosen: list[sources.Source], sidebar) -> None:
    if not chosen:
        empty_message(folder)
        return
    table, runs, paths = load_sources(chosen)
    if table.empty:
        st.info("The chosen results hold no records yet.")
        return
    table = with_series(table)
    seeded = with_featured_replay(seeded, table)
    if not embedded:
        with sidebar:
            show_provenance(runs, table)
            live_watch(chosen, paths)
    if seeded.view == "figure":
        show_embedded_figure(seeded, table)
        return
    if seeded.view == "replay":
        row = replay_filters_embedded(table, seeded)
        if row is not None:
            show_replay(row, paths[row["source"]], embedded=True)
            open_in_app(replace(seeded, tab="replay", view="page"), "Open this replay in the app ↗")
        return
    selection = current_selection(seeded, chosen, defaults)
    show_claim(table, selection)
    show_tabs(seeded, table, paths, selection)


def with_featured_replay(seeded: Selection, table: pd.DataFrame) -> Selection:
    """A URL that names no model and no problem opens the replay on the featured one (featured.py); one
    that names a problem but no model opens on that problem's model."""
    if seeded.problem and not seeded.model:
        rows = table[table["item_key"] == seeded.problem]
        if not rows.empty:
            return replace(seeded, model=rows.iloc[0]["model_label"], variant=rows.iloc[0]["variant"])
    if seeded.model or seeded.problem:
        return seeded
    pick = featured.featured_record(table)
    if pick is None:
        return seeded
    return replace(seeded, model=pick["model_label"], variant=pick["variant"], problem=pick["item_key"])


def show_tabs(seeded: Selection, table: pd.DataFrame, paths: dict[str, Path], selection: Selection) -> None:
    tab = st.radio("View", url_state.TABS, key="x_tab", horizontal=True, label_visibility="collapsed",
                   format_func=str.capitalize)
    if tab == "overview":
        show_overview(table, selection)
    elif tab == "replay":
        row = choose_problem(replay_filters(table, seeded), seeded)
        if row is not None:
            show_replay(row, paths[row["source"]])
            replay_link(selection)
    else:
        show_compare(table, paths, seeded)


main()
