"""The experiment page's data: results read once per file version, uploaded files, and the chosen sources
loaded into one table. Reading and importing themselves live in `experiment/results_page/`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from embeddings.figures import unvalidated_figure
from experiment.analysis.result import TraceVerdict
from experiment.results import ResultsError
from experiment.results_page import claim, featured, figures, readings, sources
from experiment.results_page.analyzer_verdicts import ON_THE_FLY_LIMIT, analysis_for, fill_missing
from experiment.results_page.data import load_record, load_results
from experiment.results_page.uploads import MAX_UPLOAD_BYTES, UPLOAD_TYPES, UploadError, load_upload
from ui.deployment import public_mode

UPLOAD_NAME = "uploaded file"
SHIPPED_JSONL_LIMIT = 500 * 2**20


# -- reading, cached per file version ------------------------------------------------------------------
@st.cache_data(max_entries=16, show_spinner="Reading the results…")
def read_results(path: str, fingerprint: tuple) -> tuple[pd.DataFrame, list[dict], int]:
    """The light table (verdicts filled in where the file lacks them), the runs, and how many records are
    still without a verdict. `fingerprint` makes a file that grew a new cache entry."""
    results = load_results(Path(path))
    table, unanalysed = fill_missing(Path(path), results.table)
    return table, results.runs, unanalysed


@st.cache_data(max_entries=64, show_spinner=False)
def read_trace(path: str, record_id: str, fingerprint: tuple) -> tuple[dict | None, TraceVerdict | None]:
    record = load_record(Path(path), record_id)
    return record, (analysis_for(Path(path), record) if record else None)


@st.cache_data(max_entries=8, show_spinner="Importing the JSON Lines export…")
def jsonl_database(path: str, fingerprint: tuple) -> str:
    return str(load_upload(Path(path).name, Path(path).read_bytes(), limit=SHIPPED_JSONL_LIMIT))


@dataclass(frozen=True)
class OverviewFigure:
    """One figure of the overview as every reader of the same results gets it: the figure and its reading in
    words, or why there is nothing to draw."""

    unavailable: str | None
    figure_json: dict | None = None
    reading: str = ""

    def figure(self) -> go.Figure:
        return as_figure(self.figure_json)


@dataclass(frozen=True)
class Overview:
    """What the overview draws from one results table: the essay's claim and every figure."""

    claim: claim.Claim
    figures: dict[str, OverviewFigure]


@st.cache_data(max_entries=16, show_spinner=False)
def overview_of(table: pd.DataFrame) -> Overview:
    """Built once per table (Streamlit hashes its values, 7 ms, so once per view rather than once per figure),
    not once per view: the overview's eight figures took a second of every view, the answers grid and the share
    that followed the algorithm half a second each (bench/bench_load.py)."""
    return Overview(claim.claim(table), {name: _overview_figure(name, table) for name in figures.FIGURES})


def _overview_figure(name: str, table: pd.DataFrame) -> OverviewFigure:
    reason = figures.unavailable(name, table)
    if reason is not None:
        return OverviewFigure(reason)
    return OverviewFigure(None, figures.build(name, table).to_plotly_json(), readings.reading(name, table))


@st.cache_data(max_entries=64, show_spinner=False)
def compare_figures(shared: pd.DataFrame) -> tuple[dict, dict]:
    """The compare tab's accuracy against digits and heatmap for the two sides' shared table, once per pair."""
    return figures.accuracy_by_digits(shared).to_plotly_json(), figures.accuracy_heatmap(shared).to_plotly_json()


def as_figure(figure_json: dict) -> go.Figure:
    """A figure of its own for this view (a view may change its layout), not validated again: it was built by
    plotly's validating constructors once, when it was cached."""
    return unvalidated_figure(figure_json["data"], figure_json["layout"])


# -- sources -------------------------------------------------------------------------------------------
def database_of(source: sources.Source) -> Path:
    if source.kind == "jsonl":
        return Path(jsonl_database(str(source.path), sources.fingerprint(source.path)))
    return source.path


def uploaded_source() -> sources.Source | None:
    if public_mode():
        st.caption("Adding a results file is off on this public server: it would be kept on the server's disk.")
        return None
    file = st.file_uploader("Add a results file", type=list(UPLOAD_TYPES), key="x_upload",
                            max_upload_size=MAX_UPLOAD_BYTES // 2**20,
                            help="Whatever `python -m experiment import` reads: this project's JSON Lines export, "
                                 "a promptfoo export or an Inspect AI log; or a results database; "
                                 f"at most {MAX_UPLOAD_BYTES // 2**20} MB. It stays on this server only for "
                                 "your session's views and is never added to results/.")
    if file is None:
        return None
    try:
        path = load_upload(file.name, file.getvalue())
    except UploadError as error:
        st.error(str(error), icon=":material/block:")
        return None
    return sources.Source(f"{UPLOAD_NAME}: {file.name}", path, "sqlite")


def default_sources(available: list[sources.Source]) -> list[sources.Source]:
    """The results a URL without `run` opens on: those that hold a reasoning model (the essay is about
    them), or every one when none does. A file that cannot be read is left to the reader's choice."""
    chosen = []
    for source in available:
        try:
            path = database_of(source)
            table = read_results(str(path), sources.fingerprint(path))[0]
        except (ResultsError, UploadError):
            continue
        if featured.holds_reasoning_models(table):
            chosen.append(source)
    return chosen or available


def load_sources(chosen: list[sources.Source]) -> tuple[pd.DataFrame, list[tuple[str, list[dict]]], dict[str, Path]]:
    """One table for every chosen file (a `source` column says which), their runs, and their databases."""
    tables, runs, paths = [], [], {}
    for source in chosen:
        try:
            path = database_of(source)
            table, file_runs, unanalysed = read_results(str(path), sources.fingerprint(path))
        except (ResultsError, UploadError) as error:
            st.error(f"{source.name}: {error}", icon=":material/block:")
            continue
        if unanalysed:
            st.caption(f"{source.name}: {unanalysed} records have no stored trace analysis and the first "
                       f"{ON_THE_FLY_LIMIT} were analysed here; run `python -m experiment reanalyze "
                       f"{source.path.name}` to analyse them all.")
        tables.append(table.assign(source=source.name))
        runs.append((source.name, file_runs))
        paths[source.name] = path
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    return table, runs, paths
