"""The experiment page's replay: filters down to one problem, the player's controls, the text as written so far
(a fragment that reruns alone while playing), and the true long multiplication beside it.

Frames, marks and layouts are computed in `experiment/results_page/`; this module only draws them and keeps the
player's position in st.session_state (`x_pos`, `x_playing`, `x_speed`).
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from embeddings.words import markdown_text
from experiment.analysis.result import TraceVerdict
from experiment.results_page import answer_digits, plain_words, replay_frames, replay_pick, sources, url_state
from experiment.results_page.long_multiplication import long_multiplication
from experiment.results_page.url_state import SPEEDS, Selection
from ui.experiment.controls import notice, seeded_choice
from ui.experiment.resources import read_trace

TICK_S = 0.25


# -- choosing a record ---------------------------------------------------------------------------------
def replay_filters(table: pd.DataFrame, seeded: Selection) -> pd.DataFrame:
    """Model, digit counts, outcome and error category; returns the records that pass. The options and
    their fallbacks are replay_pick's, which the embedded replay follows without widgets."""
    cols = st.columns(5)
    models = sorted(table["model_label"].unique())
    seeded_choice("x_model", models, seeded.model, "Model")
    model = cols[0].selectbox("Model", models, key="x_model")
    rows = table[table["model_label"] == model]
    variants = sorted(rows["variant"].unique())
    seeded_choice("x_variant", variants, seeded.variant, "Prompt variant")
    variant = cols[1].selectbox("Prompt variant", variants, key="x_variant")
    rows = rows[rows["variant"] == variant]
    cells = replay_pick.cell_options(rows)
    seeded_choice("x_cell", cells, f"{seeded.cell[0]}x{seeded.cell[1]}" if seeded.cell else "all", "Cell")
    cell = cols[2].selectbox("Digits (a × b)", cells, key="x_cell", format_func=lambda c: c.replace("x", " × "))
    if cell != "all":
        m, n = url_state.parse_cell(cell)
        rows = rows[(rows["m"] == m) & (rows["n"] == n)]
    outcomes = replay_pick.outcome_options(rows)
    seeded_choice("x_outcome", outcomes, seeded.outcome or "all", "Outcome")
    outcome = cols[3].selectbox("Outcome", outcomes, key="x_outcome")
    if outcome != "all":
        rows = rows[rows["outcome"] == outcome]
    categories = replay_pick.category_options(rows)
    seeded_choice("x_category", categories, seeded.category or "all", "Error category")
    category = cols[4].selectbox("Error category", categories, key="x_category",
                                 format_func=plain_words.category)
    if category != "all":
        rows = rows[rows["category"] == category]
    return rows


def replay_filters_embedded(table: pd.DataFrame, seeded: Selection) -> pd.Series | None:
    """The embedded replay shows the record the page shows for the same link (replay_pick)."""
    chosen = replay_pick.pick(table, seeded)
    for text in chosen.notices:
        notice(text)
    if chosen.row is None:
        st.info("No record of these results matches this replay's filters.")
    return chosen.row


def problem_label(row: pd.Series) -> str:
    category = f" · {plain_words.category(row['category'])}" if isinstance(row["category"], str) else ""
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


# -- the player ----------------------------------------------------------------------------------------
def set_position(position: int, playing: bool = False) -> None:
    st.session_state.x_pos = position
    st.session_state.x_playing = playing
    st.session_state._x_last_tick = time.monotonic()


def replay_controls(replay: replay_frames.Replay) -> None:
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


def advance(replay: replay_frames.Replay) -> int:
    """While playing, move on by the time elapsed since the last frame; stop at the end."""
    now = time.monotonic()
    if st.session_state.x_playing:
        last = st.session_state.get("_x_last_tick", now)
        step = max(1, int(st.session_state.x_speed * (now - last)))
        st.session_state.x_pos = replay.clamp(st.session_state.x_pos + step)
    st.session_state._x_last_tick = now
    return replay.clamp(st.session_state.x_pos)


def draw_frame(replay: replay_frames.Replay, position: int) -> None:
    st.progress(position / replay.length if replay.length else 1.0,
                text=f"{position} of {replay.length} characters")
    st.html(replay_frames.render_html(replay, position))
    shown = replay_frames.steps_table(replay, position)
    if shown:
        st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")
    elif not replay.marks:
        st.caption("The analyzer recognised no step of long multiplication in this trace.")


def frame_fragment(replay: replay_frames.Replay) -> None:
    """The text as written so far; while playing it reruns alone every tick, the rest of the page stays."""
    @st.fragment(run_every=TICK_S if st.session_state.x_playing else None)
    def frame() -> None:
        position = advance(replay)
        draw_frame(replay, position)
        if st.session_state.x_playing and position >= replay.length:
            st.session_state.x_playing = False
            st.rerun()
    frame()


# -- the panels ----------------------------------------------------------------------------------------
def truth_panel(record: dict, verdict: TraceVerdict | None) -> None:
    a, b = int(record["a"]), int(record["b"])
    layout = long_multiplication(a, b)
    st.markdown("**The true long multiplication**")
    st.code("\n".join(layout.lines()), language=None)
    first = verdict.first_wrong if verdict else None
    if verdict and first and first.true is not None:
        st.caption(f"First error: the model wrote **{first.claimed}** where **{first.true}** was due "
                   f"({plain_words.step_kind(first.kind.value)}; {plain_words.category(verdict.category.value)}).")
    st.markdown("**Final answer, digit by digit**")
    answer = record.get("extracted_value")
    pairs = answer_digits.compare_digits(answer, a * b)
    if pairs:
        st.html(replay_frames.digits_html(pairs))
    st.caption(answer_digits.summary(pairs) + f" · outcome: {record['outcome']}"
               + (" (the token limit cut the reply: not counted as wrong)" if record["outcome"] == "truncated" else ""))


def record_caption(record: dict) -> str:
    """Who answered, how it ended, and, for a record imported from another tool, what that tool said."""
    inferred = record.get("finish_reason_inferred")
    finish = f"finish reason {record['finish_reason']}" + (f" (inferred: {inferred})" if inferred else "")
    text = (f"{markdown_text(record['model_label'])} ({markdown_text(record['provider'])} "
            f"{markdown_text(record['model'])}), prompt {markdown_text(record['variant'])}, "
            f"{markdown_text(finish)}, {record['completion_tokens'] or '?'} completion tokens.")
    verdict = record.get("recorded_verdict")
    if verdict:
        ours = "pass" if record["outcome"] == "correct" else "fail"
        text += (f" The tool that recorded it said {verdict}" + ("." if verdict == ours else
                 f"; this project's grading says {record['outcome']} (see the import summary for why)."))
    return text


def show_replay(row: pd.Series, path: Path, embedded: bool = False) -> None:
    record, analysis = read_trace(str(path), row["record_id"], sources.fingerprint(path))
    if record is None:
        st.warning("This record is no longer in the file.")
        return
    replay = replay_frames.build_replay(record["reasoning"], record["answer"], analysis)
    if not embedded:
        st.caption(record_caption(record))
        with st.expander("Prompt"):
            st.code(record["prompt"], language=None)
    replay_controls(replay)
    text, truth = st.columns([3, 2])
    with text:
        frame_fragment(replay)
    with truth:
        truth_panel(record, analysis)


def replay_link(selection: Selection) -> None:
    """The link and iframe for the replay on screen: its model, variant, problem and position, not the URL's."""
    sel = replace(selection, tab="replay", model=st.session_state.x_model,
                  variant=st.session_state.x_variant, problem=st.session_state.x_problem,
                  pos=int(st.session_state.x_pos))
    with st.popover("Link and embed", icon=":material/share:"):
        st.code(url_state.share_url(st.context.url, sel), language=None)
        url = url_state.share_url(st.context.url, sel, embed=True, view="replay")
        st.code(f'<iframe src="{url}" width="100%" height="640" style="border:0" loading="lazy" '
                'title="A trace replayed"></iframe>', language="html")
