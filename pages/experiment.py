"""The experiment replay page (/experiment): the results at a glance, and every trace replayed step by step.

UI only: reading, aggregation, figures and replay frames live in `experiment/replay/`. Query keys are
documented in experiment/replay/selection_url.py. The results folder is results/ or $EXPERIMENT_RESULTS_DIR.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from experiment.grading import OUTCOMES
from experiment.replay import answer_digits, figures, frames, pairing, provenance, selection_url, sources
from experiment.replay.database import NotResultsError
from experiment.replay.long_multiplication import long_multiplication
from experiment.replay.loading import load_record, load_results
from experiment.replay.overview import with_series
from experiment.replay.selection_url import SPEEDS, Selection
from experiment.replay.trace_analyses import ON_THE_FLY_LIMIT, analysis_for, fill_missing
from experiment.replay.uploads import MAX_UPLOAD_BYTES, UPLOAD_TYPES, UploadError, load_upload

st.set_page_config(page_title="Experiment replay", page_icon=":material/calculate:", layout="wide")

TICK_S = 0.25
LIVE_POLL_S = 3.0
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
def read_trace(path: str, record_id: str, fingerprint: tuple) -> tuple[dict | None, dict | None]:
    record = load_record(Path(path), record_id)
    return record, (analysis_for(Path(path), record) if record else None)


@st.cache_data(max_entries=8, show_spinner="Importing the JSON Lines export…")
def jsonl_database(path: str, fingerprint: tuple) -> str:
    return str(load_upload(Path(path).name, Path(path).read_bytes(), limit=SHIPPED_JSONL_LIMIT))


# -- the selection: seeded from the URL once, kept in widgets ------------------------------------------
def seed_from_url() -> Selection:
    if "_x_seeded" not in st.session_state:
        selection, notices = selection_url.from_query(st.query_params.to_dict())
        st.session_state._x_seeded = selection
        st.session_state._x_notices = notices
        st.session_state.x_tab = selection.tab
        st.session_state.x_speed = selection.speed if selection.speed in SPEEDS else min(
            SPEEDS, key=lambda s: abs(s - selection.speed))
        st.session_state.x_pos = selection.pos
        st.session_state.x_playing = False
    return st.session_state._x_seeded


def notice(text: str) -> None:
    st.session_state.setdefault("_x_notices", []).append(text)


def seeded_choice(key: str, options: list, wanted, label: str):
    """Put the URL's value into a widget once; a value that does not exist here becomes a notice."""
    if key in st.session_state and st.session_state[key] in options:
        return
    if wanted and wanted not in options and key not in st.session_state:
        notice(f"{label} {str(wanted)[:60]!r} is not in the chosen results; showing {options[0] if options else 'none'}.")
    st.session_state[key] = wanted if wanted in options else (options[0] if options else None)


def page_link(path: str, label: str, icon: str) -> None:
    """Links are relative to the entry point (app.py); run on its own (as in AppTest) there is none."""
    from streamlit.errors import StreamlitPageNotFoundError

    try:
        st.page_link(path, label=label, icon=icon)
    except StreamlitPageNotFoundError:
        pass


# -- sources -------------------------------------------------------------------------------------------
def database_of(source: sources.Source) -> Path:
    if source.kind == "jsonl":
        return Path(jsonl_database(str(source.path), sources.fingerprint(source.path)))
    return source.path


def uploaded_source() -> sources.Source | None:
    file = st.file_uploader("Add a results file", type=list(UPLOAD_TYPES), key="x_upload",
                            max_upload_size=MAX_UPLOAD_BYTES // 2**20,
                            help="A JSON Lines export (`python -m experiment export`) or a results database; "
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


def load_sources(chosen: list[sources.Source]) -> tuple[pd.DataFrame, list[tuple[str, list[dict]]], dict[str, Path]]:
    """One table for every chosen file (a `source` column says which), their runs, and their databases."""
    tables, runs, paths = [], [], {}
    for source in chosen:
        try:
            path = database_of(source)
            table, file_runs, unanalysed = read_results(str(path), sources.fingerprint(path))
        except (NotResultsError, UploadError) as error:
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


def choose_sources(available: list[sources.Source], seeded: Selection) -> list[sources.Source]:
    names = [s.name for s in available]
    if "x_runs" not in st.session_state:
        wanted = [n for n in seeded.run if n in names]
        for missing in (n for n in seeded.run if n not in names):
            notice(f"Results {missing[:60]!r} are not on this server.")
        st.session_state.x_runs = wanted or names
    st.multiselect("Results", names, key="x_runs", help="Runs under the results folder of this server.")
    return [s for s in available if s.name in st.session_state.x_runs]


def show_provenance(runs: list[tuple[str, list[dict]]], table: pd.DataFrame) -> None:
    with st.popover("Provenance", icon=":material/info:", width="stretch"):
        for name, file_runs in runs:
            st.markdown(f"**{name}**")
            mine = table[table["source"] == name]
            rows = provenance.run_rows(file_runs, mine) or provenance.model_rows(mine)
            st.dataframe(pd.DataFrame(rows).astype(str).T, width="stretch")


def live_watch(chosen: list[sources.Source], paths: dict[str, Path]) -> None:
    """Poll the files of a run that may still be written; a change reruns the page with the new records."""
    live = [paths[s.name] for s in chosen if s.name in paths and sources.may_be_live(paths[s.name])]
    if not live:
        return
    follow = st.toggle("Follow new records", value=True, key="x_follow",
                       help="A run is being written: the page refreshes as records arrive.")
    seen = tuple(sources.fingerprint(p) for p in live)

    @st.fragment(run_every=LIVE_POLL_S if follow else None)
    def watch() -> None:
        now = tuple(sources.fingerprint(p) for p in live)
        if now != seen and not st.session_state.get("x_playing"):
            st.rerun()
        st.caption(f"Live: checked at {time.strftime('%H:%M:%S')}")

    watch()


# -- overview ------------------------------------------------------------------------------------------
def export_controls(name: str, fig, selection: Selection) -> None:
    left, right = st.columns([1, 3])
    left.download_button("Plotly JSON", fig.to_json(pretty=True), f"experiment-{name}.json", "application/json",
                         key=f"x_download_{name}", help="The figure as the blog's plotly block (data + layout).")
    with right.popover("Link and embed", icon=":material/share:"):
        url = selection_url.share_url(st.context.url, selection, embed=True, view="figure", figure=name, tab="overview")
        st.code(selection_url.share_url(st.context.url, selection, figure=name, tab="overview"), language=None)
        st.code(f'<iframe src="{url}" width="100%" height="520" style="border:0" loading="lazy" '
                f'title="{figures.FIGURES[name][0]}"></iframe>', language="html")


def show_overview(table: pd.DataFrame, selection: Selection) -> None:
    for name, (title, _) in figures.FIGURES.items():
        if name in figures.ANALYZER_FIGURES and table["category"].notna().sum() == 0:
            continue
        if name == "followed" and not (table["outcome"] == "wrong").any():
            st.caption("No wrong answers, so no share of them that followed the algorithm.")
            continue
        fig = figures.build(name, table)
        st.plotly_chart(fig, key=f"x_fig_{name}", config={"displaylogo": False})
        export_controls(name, fig, selection)


# -- replay --------------------------------------------------------------------------------------------
def replay_filters(table: pd.DataFrame, seeded: Selection) -> pd.DataFrame:
    """Model, digit counts, outcome and error category; returns the records that pass."""
    cols = st.columns(5)
    models = sorted(table["model_label"].unique())
    seeded_choice("x_model", models, seeded.model, "Model")
    model = cols[0].selectbox("Model", models, key="x_model")
    rows = table[table["model_label"] == model]
    variants = sorted(rows["variant"].unique())
    seeded_choice("x_variant", variants, seeded.variant, "Prompt variant")
    variant = cols[1].selectbox("Prompt variant", variants, key="x_variant")
    rows = rows[rows["variant"] == variant]
    cells = ["all"] + [f"{m}x{n}" for m, n in sorted(set(zip(rows["m"], rows["n"])))]
    seeded_choice("x_cell", cells, f"{seeded.cell[0]}x{seeded.cell[1]}" if seeded.cell else "all", "Cell")
    cell = cols[2].selectbox("Digits (a × b)", cells, key="x_cell", format_func=lambda c: c.replace("x", " × "))
    if cell != "all":
        m, n = selection_url.parse_cell(cell)
        rows = rows[(rows["m"] == m) & (rows["n"] == n)]
    outcomes = ["all"] + [o for o in OUTCOMES if (rows["outcome"] == o).any()]
    seeded_choice("x_outcome", outcomes, seeded.outcome or "all", "Outcome")
    outcome = cols[3].selectbox("Outcome", outcomes, key="x_outcome")
    if outcome != "all":
        rows = rows[rows["outcome"] == outcome]
    categories = ["all"] + sorted(rows["category"].dropna().unique())
    seeded_choice("x_category", categories, seeded.category or "all", "Error category")
    category = cols[4].selectbox("Error category", categories, key="x_category",
                                 format_func=lambda c: c.replace("_", " "))
    if category != "all":
        rows = rows[rows["category"] == category]
    return rows


def problem_label(row: pd.Series) -> str:
    category = f" · {row['category'].replace('_', ' ')}" if isinstance(row["category"], str) else ""
    return f"{row['a']} × {row['b']} · {row['outcome']}{category}"


def choose_problem(rows: pd.DataFrame, seeded: Selection) -> pd.Series | None:
    if rows.empty:
        st.info("No record matches these filters.")
        return None
    keys = rows["item_key"].drop_duplicates().tolist()[:2000]
    labels = dict(zip(rows["item_key"], rows.apply(problem_label, axis=1)))
    seeded_choice("x_problem", keys, seeded.problem, "Problem")
    previous = st.session_state.get("_x_problem_shown")
    key = st.selectbox("Problem", keys, key="x_problem", format_func=labels.get,
                       help=f"{len(rows)} records match" + (", the first 2,000 are listed" if len(rows) > 2000 else ""))
    if previous is not None and previous != key:
        st.session_state.x_pos, st.session_state.x_playing = 0, False
    st.session_state._x_problem_shown = key
    return rows[rows["item_key"] == key].iloc[0]


def set_position(position: int, playing: bool = False) -> None:
    st.session_state.x_pos = position
    st.session_state.x_playing = playing
    st.session_state._x_last_tick = time.monotonic()


def replay_controls(replay: frames.Replay) -> None:
    position = replay.clamp(st.session_state.x_pos)
    playing = st.session_state.x_playing
    cols = st.columns([1, 1, 1, 1, 1.6, 2.4])
    if playing:
        cols[0].button("Pause", icon=":material/pause:", key="x_pause", on_click=set_position, args=(position, False))
    else:
        start = 0 if position >= replay.length else position
        cols[0].button("Play", icon=":material/play_arrow:", key="x_play", on_click=set_position, args=(start, True))
    cols[1].button("Back", icon=":material/skip_previous:", key="x_back", help="To the previous step",
                   on_click=set_position, args=(replay.previous_stop(position),))
    cols[2].button("Step", icon=":material/skip_next:", key="x_step", help="To the next recognised step",
                   on_click=set_position, args=(replay.next_stop(position),))
    cols[3].button("Restart", icon=":material/replay:", key="x_restart", on_click=set_position, args=(0,))
    error = replay.first_error_stop()
    cols[4].button("First error", icon=":material/error:", key="x_first_error", disabled=error is None,
                   on_click=set_position, args=(error or 0,),
                   help="Jump to where the first error that stuck appears" if error else "No error was found")
    cols[5].select_slider("Speed (characters per second)", SPEEDS, key="x_speed")


def advance(replay: frames.Replay) -> int:
    """While playing, move on by the time elapsed since the last frame; stop at the end."""
    now = time.monotonic()
    if st.session_state.x_playing:
        last = st.session_state.get("_x_last_tick", now)
        step = max(1, int(st.session_state.x_speed * (now - last)))
        st.session_state.x_pos = replay.clamp(st.session_state.x_pos + step)
    st.session_state._x_last_tick = now
    return replay.clamp(st.session_state.x_pos)


def draw_frame(replay: frames.Replay, position: int) -> None:
    st.progress(position / replay.length if replay.length else 1.0,
                text=f"{position} of {replay.length} characters")
    st.html(frames.render_html(replay, position))
    shown = frames.steps_table(replay, position)
    if shown:
        st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")
    elif not replay.marks:
        st.caption("The analyzer recognised no step of long multiplication in this trace.")


def frame_fragment(replay: frames.Replay) -> None:
    """The text as written so far; while playing it reruns alone every tick, the rest of the page stays."""
    @st.fragment(run_every=TICK_S if st.session_state.x_playing else None)
    def frame() -> None:
        position = advance(replay)
        draw_frame(replay, position)
        if st.session_state.x_playing and position >= replay.length:
            st.session_state.x_playing = False
            st.rerun()
    frame()


def truth_panel(record: dict, analysis: dict | None) -> None:
    a, b = int(record["a"]), int(record["b"])
    layout = long_multiplication(a, b)
    st.markdown("**The true long multiplication**")
    st.code("\n".join(layout.lines()), language=None)
    first = (analysis or {}).get("first_wrong")
    if first and first.get("true") is not None:
        st.caption(f"First error: the model wrote **{first['claimed']}** where **{first['true']}** was due "
                   f"({first['kind'].replace('_', ' ')}; category: {analysis['category'].replace('_', ' ')}).")
    st.markdown("**Final answer, digit by digit**")
    answer = record.get("extracted_value")
    pairs = answer_digits.compare_digits(answer, a * b)
    if pairs:
        st.html(frames.digits_html(pairs))
    st.caption(answer_digits.summary(pairs) + f" · outcome: {record['outcome']}"
               + (" (the token limit cut the reply: not counted as wrong)" if record["outcome"] == "truncated" else ""))


def show_replay(row: pd.Series, path: Path, embedded: bool = False) -> None:
    record, analysis = read_trace(str(path), row["record_id"], sources.fingerprint(path))
    if record is None:
        st.warning("This record is no longer in the file.")
        return
    replay = frames.build_replay(record["reasoning"], record["answer"], analysis)
    if not embedded:
        st.caption(f"{record['model_label']} ({record['provider']} {record['model']}), prompt "
                   f"{record['variant']}, finish reason {record['finish_reason']}, "
                   f"{record['completion_tokens'] or '?'} completion tokens.")
        with st.expander("Prompt"):
            st.code(record["prompt"], language=None)
    replay_controls(replay)
    text, truth = st.columns([3, 2])
    with text:
        frame_fragment(replay)
    with truth:
        truth_panel(record, analysis)


# -- compare -------------------------------------------------------------------------------------------
def show_compare(table: pd.DataFrame, paths: dict[str, Path], seeded: Selection) -> None:
    arms = pairing.arms(table)
    if len(arms) < 2:
        st.info("A comparison needs two models or two prompt variants; these results hold one. Add a file "
                "in the sidebar, or choose more results.")
        return
    labels = [arm.label for arm in arms]
    seeded_choice("x_arm1", labels, f"{seeded.model} · {seeded.variant}" if seeded.model else None, "First side")
    seeded_choice("x_arm2", labels, f"{seeded.model2} · {seeded.variant2}" if seeded.model2 else labels[1],
                  "Second side")
    left, right = st.columns(2)
    first = arms[labels.index(left.selectbox("First", labels, key="x_arm1"))]
    second = arms[labels.index(right.selectbox("Second", labels, key="x_arm2"))]
    pairs = pairing.paired(table, first, second)
    if pairs.empty:
        st.info("These two were not asked any of the same problems.")
        return
    counts = pairing.agreement(pairs)
    for column, (name, value) in zip(st.columns(len(counts)), counts.items()):
        column.metric(name, value)
    shared = pairing.shared_table(table, first, second)
    st.plotly_chart(figures.accuracy_by_digits(shared), key="x_compare_accuracy")
    st.plotly_chart(figures.accuracy_heatmap(shared), key="x_compare_heatmap")
    differ = pairs[(pairs["outcome_1"] == "correct") != (pairs["outcome_2"] == "correct")]
    st.markdown(f"**Problems where they differ** ({len(differ)}): pick one to read both traces side by side.")
    options = (differ if not differ.empty else pairs).head(500)
    index = st.selectbox("Problem", range(len(options)), key="x_compare_problem",
                         format_func=lambda i: f"{options.iloc[i]['a']} × {options.iloc[i]['b']}: "
                                               f"{options.iloc[i]['outcome_1']} / {options.iloc[i]['outcome_2']}")
    pair = options.iloc[index]
    for column, arm, suffix in ((left, first, "_1"), (right, second, "_2")):
        row = table[table["record_id"] == pair[f"record_id{suffix}"]].iloc[0]
        record, analysis = read_trace(str(paths[row["source"]]), row["record_id"],
                                      sources.fingerprint(paths[row["source"]]))
        with column:
            st.markdown(f"**{arm.label}**: {record['outcome']}"
                        + (f", {analysis['category'].replace('_', ' ')}" if analysis else ""))
            replay = frames.build_replay(record["reasoning"], record["answer"], analysis)
            st.html(frames.render_html(replay, replay.length, cursor=False))
            pairs_ = answer_digits.compare_digits(record.get("extracted_value"), int(record["a"]) * int(record["b"]))
            if pairs_:
                st.html(frames.digits_html(pairs_))


# -- the page ------------------------------------------------------------------------------------------
def current_selection(seeded: Selection, chosen: list[sources.Source], all_names: list[str]) -> Selection:
    state = st.session_state
    runs = tuple(s.name for s in chosen if not s.name.startswith(UPLOAD_NAME))
    cell = selection_url.parse_cell(state.get("x_cell") or "") if state.get("x_cell") not in (None, "all") else None
    comparing = state.get("x_tab") == "compare" and state.get("x_arm1") and state.get("x_arm2")
    arm1 = state.x_arm1.split(" · ", 1) if comparing else [state.get("x_model") or "", state.get("x_variant") or ""]
    arm2 = state.x_arm2.split(" · ", 1) if comparing else [seeded.model2, seeded.variant2]
    return replace(
        seeded, run=() if set(runs) == set(all_names) else runs, tab=state.get("x_tab", "overview"),
        model=arm1[0], variant=arm1[1], model2=arm2[0], variant2=arm2[1],
        cell=cell, outcome="" if state.get("x_outcome") in (None, "all") else state.x_outcome,
        category="" if state.get("x_category") in (None, "all") else state.x_category,
        problem=state.get("x_problem") or "", pos=int(state.get("x_pos", 0)), speed=int(state.get("x_speed", 100)))


def write_url(selection: Selection) -> None:
    """Keep the address bar in step with the view (Streamlit keeps `embed` by itself)."""
    query = selection_url.to_query(selection)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)


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
    sidebar = st.sidebar
    with sidebar:
        if not embedded:
            page_link("app.py", "Word explorer", ":material/scatter_plot:")
            page_link("pages/compare.py", "Compare models", ":material/compare:")
            page_link("pages/experiment.py", "Experiment replay", ":material/calculate:")
            st.divider()
        chosen = choose_sources(available, seeded) if available and not embedded else available
        if not embedded:
            upload = uploaded_source()
    if not embedded:
        st.title("The experiment, replayed")
        st.caption("Models were asked to multiply numbers of 1 to N digits. The overview shows how accuracy falls "
                   "as the numbers grow; the replay shows a model's own working appear, each step marked right "
                   "or wrong, beside the true long multiplication.")
    notices = st.container()
    if upload is not None:
        chosen = [*chosen, upload]
    try:
        show_page(seeded, embedded, folder, available, chosen, sidebar)
    finally:
        for text in st.session_state.pop("_x_notices", []):
            notices.warning(text, icon=":material/link_off:")
    if not embedded and not st.session_state.get("x_playing"):
        write_url(current_selection(seeded, chosen, [s.name for s in available]))


def show_page(seeded: Selection, embedded: bool, folder: Path, available: list[sources.Source],
              chosen: list[sources.Source], sidebar) -> None:
    if not chosen:
        empty_message(folder)
        return
    table, runs, paths = load_sources(chosen)
    if table.empty:
        st.info("The chosen results hold no records yet.")
        return
    table = with_series(table)
    if not embedded:
        with sidebar:
            show_provenance(runs, table)
            live_watch(chosen, paths)
    if seeded.view == "figure":
        name = seeded.figure if seeded.figure in figures.FIGURES else "heatmap"
        st.plotly_chart(figures.build(name, table), key="x_embedded_figure", config={"displaylogo": False})
        return
    if seeded.view == "replay":
        rows = replay_filters_embedded(table, seeded)
        if rows is not None:
            show_replay(rows, paths[rows["source"]], embedded=True)
        return
    show_tabs(seeded, table, paths, current_selection(seeded, chosen, [s.name for s in available]))


def show_tabs(seeded: Selection, table: pd.DataFrame, paths: dict[str, Path], selection: Selection) -> None:
    tab = st.radio("View", selection_url.TABS, key="x_tab", horizontal=True, label_visibility="collapsed",
                   format_func=str.capitalize)
    if tab == "overview":
        show_overview(table, selection)
    elif tab == "replay":
        row = choose_problem(replay_filters(table, seeded), seeded)
        if row is not None:
            show_replay(row, paths[row["source"]])
            sel = replace(selection, tab="replay", model=st.session_state.x_model,
                          variant=st.session_state.x_variant, problem=st.session_state.x_problem,
                          pos=int(st.session_state.x_pos))
            with st.popover("Link and embed", icon=":material/share:"):
                st.code(selection_url.share_url(st.context.url, sel), language=None)
                url = selection_url.share_url(st.context.url, sel, embed=True, view="replay")
                st.code(f'<iframe src="{url}" width="100%" height="640" style="border:0" loading="lazy" '
                        'title="A trace replayed"></iframe>', language="html")
    else:
        show_compare(table, paths, seeded)


def replay_filters_embedded(table: pd.DataFrame, seeded: Selection) -> pd.Series | None:
    """The embedded replay shows the problem of the URL, or the first record of its model and cell."""
    rows = table[table["item_key"] == seeded.problem]
    if rows.empty:
        rows = table[(table["model_label"] == seeded.model) | (seeded.model == "")]
        if seeded.cell:
            rows = rows[(rows["m"] == seeded.cell[0]) & (rows["n"] == seeded.cell[1])]
    if rows.empty:
        st.info("This replay is not in the results on this server.")
        return None
    return rows.iloc[0]


main()
