"""Tossing stones (/stones): where a language model's next word can land on the map of words. UI only; the
logic lives in `stones/`."""
from __future__ import annotations

import html
from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from embeddings.plotly_block import embed_config
from embeddings.reduce import METHOD_TITLES
from stones import share
from stones.distribution import choose
from stones.figure import stones_figure, summary
from stones.landscape import landscape
from stones.sources import NotAvailable
from stones.tokens import KINDS, WORD
from stones.url_state import map_size, to_query
from stones.walk import MAX_TOSSES, stones, texts
from ui import figure_export
from ui.screen_reader import screen_reader_text
from ui.stones import controls
from ui.stones import resources as stones_resources

ERROR = "_stones_toss_error"
EMBEDDED_HEIGHT = 540  # the figure and its link inside the 680-pixel iframe of the embed snippet
sources, setup_problem = stones_resources.sources()
state = controls.state()
figure_only = state.view == "figure"


def toss(greedy: bool) -> None:
    """Append the next stone: the likeliest candidate or a seeded toss (runs before the page is drawn)."""
    current = controls.state()
    if len(current.tosses) >= MAX_TOSSES:
        return
    try:
        after = sources.next_tokens(texts(current.prompt, current.tosses)[-1])
        stone = choose(after, current.temperature, seed=current.seed, index=len(current.tosses), greedy=greedy,
                       allowed=sources.landing_tokens(after))
    except (NotAvailable, ValueError) as error:
        st.session_state[ERROR] = f"No stone tossed: {error}."
        return
    controls.set_state(replace(current, tosses=current.tosses + (stone.token,)))


def nowhere_to_land(after) -> str | None:
    """Why a stone cannot be tossed after this text, or None when it can: without a live model server a
    stone lands only on a recorded continuation, and this text may have none."""
    if after is None:
        return "No next words are known for this text here."
    landing = sources.landing_tokens(after)
    if landing is not None and not landing & {c.token for c in after.candidates}:
        return ("Nowhere to land: no continuation of this text is recorded and no live model server is set. "
                "Take back a stone, start over or pick a recorded example.")
    return None


def take_back() -> None:
    current = controls.state()
    controls.set_state(replace(current, tosses=current.tosses[:-1]))


def start_over() -> None:
    controls.set_state(replace(controls.state(), tosses=()))


def show_text(prompt: str, tossed: tuple[str, ...]) -> None:
    marked = "".join(f'<span style="background:#dbe4f5;border-radius:3px">{html.escape(t)}</span>' for t in tossed)
    st.markdown(f'<p style="font-size:1.35rem;white-space:pre-wrap">{html.escape(prompt)}{marked}<b> …</b></p>',
                unsafe_allow_html=True)


def show_shares(scape) -> None:
    cols = st.columns(3)
    cols[0].metric("On the map", f"{100 * scape.on_map:.1f}%", help="Candidates that are words the map holds.")
    cols[1].metric("Off the map", f"{100 * scape.off_map:.1f}%",
                   help="Sub-word pieces, punctuation, special tokens and words the map does not hold.")
    cols[2].metric(f"Top {len(scape.candidates)} tokens hold", f"{100 * scape.coverage:.1f}%",
                   help="The share of the model's probability in the candidates the server returned; "
                        "the shares on the left are of those candidates, at this temperature.")
    parts = [f"{kind} {100 * scape.shares[kind]:.1f}%" for kind in KINDS if kind != WORD and scape.shares[kind] > 0]
    if parts:
        st.caption("Off the map: " + ", ".join(parts) + ". A word-initial token is read as the whole word.")


def show_candidates(scape) -> None:
    table = scape.candidates.assign(
        probability=(100 * scape.candidates.probability).round(2),
        model_probability=(100 * scape.candidates.model_probability).round(2),
    )[["token", "word", "kind", "probability", "model_probability"]]
    rescaled = f"% at this temperature (of the top {len(scape.candidates)} tokens)"
    table = table.rename(columns={"probability": rescaled, "model_probability": "% from the model (of all tokens)"})
    st.caption(f"The temperature's shares are rescaled over the top {len(scape.candidates)} tokens the server "
               f"returned (they hold {100 * scape.coverage:.1f}% of the model's probability), so they add up to "
               "100% where the model's own shares do not.")
    st.dataframe(table, hide_index=True)


def show_provenance(source: str) -> None:
    if source == "live":
        st.markdown("Answered by the **live model server** the operator set up for this page.")
        return
    recording = sources.recording
    st.markdown("**Recorded** from the real model; the recording and its provenance are in "
                "`results/stones-gemma3-270m.json` (re-record with `scripts/record_stones.sh`).")
    st.json(recording.provenance, expanded=True)


def show_share(fig, current) -> None:
    query = to_query(current)
    base = (st.context.url or "http://localhost:8501/stones").split("?")[0]
    st.markdown("**Link to this view**")
    st.code(share.page_url(base, query), language=None)
    st.markdown("**Embed the figure in a page** (no controls; readers can still zoom and hover)")
    st.code(share.iframe_snippet(base, query), language="html")
    st.markdown("**For the essay**")
    figure_export.essay_exports(fig, "stones-" + share.slug(current.prompt), key="s_export")


def main() -> None:
    if not figure_only:
        controls.sidebar()
        st.title("Tossing stones")
        st.caption(
            "Words are points on a map (the explorer's map of the most frequent words). A language model "
            "writing text tosses a stone for each next word; where it can land is its probability for each "
            "next token, drawn as a landscape. Model: Gemma 3 270M, a tiny base model."
        )
        for notice in controls.notices():
            st.warning(notice, icon=":material/link_off:")
        if setup_problem:
            st.warning(f"Page set-up: {setup_problem}.")
        if sources.recording:
            st.pills("Recorded examples", sources.recording.examples, key="stones_example",
                     on_change=controls.picked_example)
        controls.prompt_and_dials()
    current = controls.state()
    if not figure_only:
        controls.write_url(current)
    if not current.prompt:
        st.info("Type the beginning of a sentence, or pick one of the recorded examples.")
        return
    text = texts(current.prompt, current.tosses)[-1]
    try:
        after, problem = sources.next_tokens(text), None
    except NotAvailable as error:
        after, problem = None, error
    if not figure_only:
        show_text(current.prompt, current.tosses)
        full = len(current.tosses) >= MAX_TOSSES
        why_not = nowhere_to_land(after)
        cols = st.columns([1.1, 1.5, 1, 1, 2])
        cols[0].button("Toss a stone", on_click=toss, args=(False,), disabled=full or bool(why_not), type="primary",
                       help=why_not or f"Sample the next word at this temperature (seed {current.seed}).")
        cols[1].button("Take the most likely", on_click=toss, args=(True,), disabled=full or bool(why_not),
                       help=why_not or None)
        cols[2].button("Take back", on_click=take_back, disabled=not current.tosses)
        cols[3].button("Start over", on_click=start_over, disabled=not current.tosses)
        if full:
            cols[4].caption(f"At most {MAX_TOSSES} stones per sentence.")
        elif why_not:
            cols[4].caption(why_not)
        if ERROR in st.session_state:
            st.warning(st.session_state.pop(ERROR))
    if after is None:
        st.warning(f"No landscape for this text: {problem}. The recorded examples above still work.")
        return
    size = map_size(current)
    if size < current.context and not figure_only:
        st.caption(f"{METHOD_TITLES[current.method]} maps hold at most {size:,} words here; PCA holds up to "
                   f"{current.context:,}.")
    word_map = stones_resources.word_map(current.model, current.method, size)
    scape = landscape(after, word_map, current.temperature, at_start=not text)
    path = stones(current.prompt, current.tosses, word_map)
    title = f"After “{text[-80:]}”: where the next word can land (T = {current.temperature:g})"
    fig = stones_figure(scape, word_map, path, title=title, height=EMBEDDED_HEIGHT if figure_only else 640,
                        uirevision=f"{current.model}-{current.method}-{size}")
    alternative = summary(scape, text, path)
    if figure_only:
        fig.update_layout(dragmode=False)  # in a post, a finger dragged over the map scrolls the post
        st.plotly_chart(fig, key="stones_figure", config=embed_config("stones"))
        screen_reader_text(alternative)
        full_view = urlencode(to_query(replace(current, view="full")))
        st.markdown(f'<a href="./stones?{html.escape(full_view)}" target="_blank">Open in Tossing stones ↗</a>',
                    unsafe_allow_html=True)
        return
    show_shares(scape)
    landing = sources.landing_tokens(after)
    if landing is not None:
        held = sum(c.probability for c in after.candidates if c.token in landing)
        st.caption(f"Without a live model server, a tossed stone lands only on the {len(landing)} recorded "
                   f"continuations ({100 * held:.0f}% of the model's probability here).")
    st.plotly_chart(fig, key="stones_figure", config={"displaylogo": False})
    screen_reader_text(alternative)
    off_path = [s for s in path if not s.on_map]
    if off_path:
        st.caption("Stones that fell off the map: " + ", ".join(f"{s.number} ({s.token!r})" for s in off_path))
    candidates_tab, source_tab, share_tab = st.tabs(["Candidates", "Where this comes from", "Share & export"])
    with candidates_tab:
        st.caption(f"The {len(scape.candidates)} likeliest next tokens after the text, as the model gives them; map: "
                   f"{size:,} most frequent words of {current.model}, {METHOD_TITLES[current.method]}.")
        show_candidates(scape)
    with source_tab:
        show_provenance(after.source)
    with share_tab:
        show_share(fig, current)


main()
