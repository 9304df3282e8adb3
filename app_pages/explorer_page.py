"""The word explorer (/): words in, points out. UI only; the logic lives in `embeddings/`.

Read top-down: what one run reads (`ExplorerRun`, from the URL, the widgets and the model), the pieces of the
page, each given that run, then `main()` at the end. Nothing at module level changes between runs."""
from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import numpy as np
import streamlit as st

from embeddings import alt_text, catalogue, essay_blocks, export, pair_shifts, saved_figures, trust
from embeddings.figures import scatter, similarity_heatmap
from embeddings.neighbours import Analogy, parse_analogy, similarity_matrix
from embeddings.plotly_block import SIGNIFICANT, embed_config
from embeddings.projections import AXIS_NAMES, parse_direction
from embeddings.reduce import METHOD_TITLES, clamped_settings, too_few_points
from embeddings.scene import Scene
from embeddings.scene import request_for as scene_request
from embeddings.spec import ModelSpec
from embeddings.url_state import ViewState, fit_to_model, to_query
from embeddings.vectors import WordVectors
from embeddings.word_forms import display_label
from embeddings.words import MAX_WORDS, ParsedWords, format_words, markdown_code, markdown_text, parse_words
from ui import figure_export, resources
from ui.deployment import public_mode
from ui.explorer import analogy_view, controls
from ui.screen_reader import screen_reader_text

ABOUT_TAB, VECTOR_TAB = "About this map", "Word vector"
READING = {
    "pca": "PCA keeps the {dims} directions in which these words' vectors differ most; each axis title says how "
           "much of their variation it keeps. Words drawn close together have similar vectors, but the picture "
           "flattens {size} numbers into {dims}: the Similarity tab has the exact cosine similarities.",
    "tsne": "t-SNE places each word near the words whose vectors are most like its own. Groups are meaningful; "
            "the distances between far-apart groups, and the axes themselves, are not.",
    "umap": "UMAP places each word near the words whose vectors are most like its own, and tries to keep some "
            "of the larger shape too. Groups are meaningful; the axes are not.",
    "dimensions": "Each word is drawn at {axes} of its own {size} numbers, as the model holds them: no "
                  "reduction, nothing normalised. One number says little on its own; the Word vector tab shows "
                  "them all.",
    "axes": "Each axis is a direction of meaning ({axes}); a word is drawn at its cosine similarity with each "
            "direction, from -1 to 1. A pair such as woman - man reads: more like woman than like man.",
}
VECTOR_STYLE = ("font-family:'Source Code Pro',monospace;font-size:0.85rem;white-space:pre;overflow-x:auto;"
                "padding:0.75rem 1rem;border-radius:0.5rem;background:rgba(151,166,195,0.15)")
EMBEDDED_HEIGHT = 460  # the figure, its table and its link inside the 640-pixel iframe of the embed snippet


@dataclass(frozen=True)
class ExplorerRun:
    """What one run of the page has read before it draws anything: the state the URL gave first (`seeded`),
    the state the widgets hold fitted to the model, the model itself and the words as parsed. Passed to each
    piece of the page, so that no piece reads a global another one set."""

    seeded: ViewState
    state: ViewState
    spec: ModelSpec
    kv: WordVectors
    parsed: ParsedWords
    model_notices: list[str]

    @property
    def figure_only(self) -> bool:
        """The figure alone, as an embedded iframe shows it: no title, no sidebar, no tabs."""
        return self.seeded.view == "figure"


def read_run() -> ExplorerRun:
    """Read the URL (once per session) and the widgets, open the model and parse the words; write the URL back.
    A model that cannot be opened is a message, the sidebar (to pick another) and the end of the run."""
    seeded = controls.seed_from_url()
    figure_only = seeded.view == "figure"
    if figure_only:
        state, words_text = seeded, format_words(seeded.words)
    else:
        state, words_text = controls.current_state()  # the sidebar's widgets are drawn after the figure
    spec = catalogue.get_spec(state.model)
    try:
        kv = resources.model(state.model)
    except Exception as error:  # a damaged or removed model file: say so, never a traceback
        st.error(f"The model {state.model} cannot be opened on this server ({type(error).__name__}). "
                 f"An operator can prepare it again with: python -m embeddings fetch {state.model}")
        if not figure_only:
            controls.sidebar()  # so that the reader can pick another model
        st.stop()
    parsed = parse_words(words_text, lowercase=spec.lowercase)
    state, model_notices = fit_to_model(replace(state, words=tuple(parsed.words)), kv.vector_size)
    if not figure_only:
        controls.write_url(state)
    return ExplorerRun(seeded, state, spec, kv, parsed, model_notices)


def show_input_messages(run: ExplorerRun) -> list[str]:
    """Say what was left out of the input and why; return the words the model knows."""
    state, parsed = run.state, run.parsed
    for notice in controls.url_notices() + run.model_notices:
        st.warning(notice, icon=":material/link_off:")
    if parsed.truncated_input:
        st.warning("The input was very long; only its beginning was read.")
    if parsed.over_limit:
        st.warning(f"At most {MAX_WORDS} words are drawn; {parsed.over_limit} more were left out.")
    if parsed.too_long:
        st.warning(f"{len(parsed.too_long)} entries were too long to be words and were left out.")
    found = resources.lookup(state.model, tuple(parsed.words))
    for explanation in found.explanations[:10]:
        st.caption(explanation)
    if found.missing:
        lines = []
        for word in found.missing[:20]:
            close = found.suggestions.get(word)
            lines.append(f"- {markdown_code(word)}"
                         + (f": did you mean {', '.join(markdown_code(c) for c in close)}?" if close else ""))
        more = f"\n- …and {len(found.missing) - 20} more" if len(found.missing) > 20 else ""
        st.info(f"Not in {state.model}'s vocabulary, left out:\n" + "\n".join(lines) + more)
    return found.found


def read_directions(run: ExplorerRun) -> bool:
    """Meaning axes: say which of their words the model lacks (as the word list does) and whether each axis
    can be drawn at all; False when one cannot."""
    state, spec, kv = run.state, run.spec, run.kv
    if state.method != "axes":
        return True
    drawable = True
    for axis, text in zip(AXIS_NAMES, state.directions):
        try:
            direction = parse_direction(text, lowercase=spec.lowercase, is_known=kv.__contains__)
        except ValueError as error:
            st.warning(f"The {axis} axis cannot be drawn: {error}")
            drawable = False
            continue
        missing = [w for w in direction.words if w not in kv.key_to_index]
        if not missing:
            continue
        found = resources.lookup(state.model, tuple(missing))
        lines = [f"- {markdown_code(word)}" + (f": did you mean {', '.join(markdown_code(c) for c in close)}?"
                                               if (close := found.suggestions.get(word)) else "")
                 for word in missing[:20]]
        kept = [p for p in direction.parts if not set((*p.positive, *p.negative)) & set(missing)]
        st.info(f"Not in {state.model}'s vocabulary, left out of the {axis} axis ({markdown_code(text)}):\n"
                + "\n".join(lines))
        if not kept:
            st.warning(f"The {axis} axis has no word {state.model} knows: type another direction.")
            drawable = False
    return drawable


def read_analogy(run: ExplorerRun) -> Analogy | None:
    state, spec, kv = run.state, run.spec, run.kv
    if not state.analogy:
        return None
    try:
        analogy = parse_analogy(state.analogy, lowercase=spec.lowercase, is_known=kv.__contains__)
    except ValueError as error:
        st.warning(f"Analogy not drawn: {error}")
        return None
    missing = [w for w in (*analogy.positive, *analogy.negative) if w not in kv.key_to_index]
    if missing:
        st.warning(f"Analogy not drawn: not in the vocabulary: {', '.join(missing)}.")
        return None
    return analogy


def add_neighbours() -> None:
    st.session_state.w_neighbours = 10


def add_context() -> None:
    st.session_state.w_context = 1000


def select_focus() -> None:
    """A click on a point makes it the word whose raw vector is shown, and shows it."""
    points = st.session_state.scatter.selection.get("points", [])
    if points and points[0].get("customdata"):
        st.session_state.w_focus = points[0]["customdata"][0]
        st.session_state.w_tab = VECTOR_TAB


def opening_tab(run: ExplorerRun, analogy: Analogy | None) -> str:
    """The tab a link opens on: an analogy's answers, a chosen word's vector, or else a few sentences. Not the
    vector by default: its widgets and tables are more script for the first page than the figure itself."""
    if analogy is not None:
        return "Analogy"
    return VECTOR_TAB if run.seeded.focus else ABOUT_TAB


def show_about(run: ExplorerRun, scene: Scene) -> None:
    state = run.state
    axes = (" and ".join(scene.axis_titles) if state.method == "dimensions"
            else "; ".join(f"{a}: {t}" for a, t in zip(AXIS_NAMES, scene.axis_titles)))
    st.markdown(READING[scene.params.method].format(dims=f"{state.dims}", size=run.kv.vector_size, axes=axes))
    st.caption("Hover a point for its nearest words; click one (2D), or open Word vector, to see its numbers.")


def show_notes(state: ViewState, scene: Scene) -> None:
    for note in scene.notes:
        st.caption(note)
    for used in clamped_settings(scene_request(state, [], None).params, scene.params):
        st.sidebar.caption(used)  # under the slider: the value the picture used
    if too_few_points(scene.notes) and not state.context:
        left, right, _ = st.columns([1, 1, 2])
        left.button("Add 10 neighbours each", on_click=add_neighbours, disabled=state.neighbours >= 10)
        right.button("Add vocabulary context", on_click=add_context)


def figure_title(state: ViewState, scene: Scene) -> str:
    return f"{state.model} · {METHOD_TITLES[scene.params.method]} · {state.dims}D"


def show_focus(run: ExplorerRun, scene: Scene, known: list[str]) -> None:
    state, spec, kv = run.state, run.spec, run.kv
    options = list(dict.fromkeys(w for w, g in zip(scene.words, scene.groups) if g != "context"))
    if st.session_state.get("w_focus") not in options:
        st.session_state.w_focus = known[0] if known else options[0]
    word = st.selectbox("Word", options, key="w_focus", help="Or click a point in the 2D figure.")
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"This is what the word {markdown_code(word)} looks like according to `{state.model}`:")
        st.markdown(vector_block(kv[word]), unsafe_allow_html=True)
    coords = scene.coordinates_of(word) or {}
    with right:
        st.markdown(f"…and where {METHOD_TITLES[scene.params.method]} puts it ({state.dims}D):")
        st.markdown("| axis | value |\n|:--|--:|\n" + "".join(f"| {axis} | {value:.4f} |\n"
                                                         for axis, value in coords.items()))
    # Sent only once opened: st.code's highlighter is script the first page does without.
    with st.expander("Copy as the essay's block", key="w_essay_block", on_change="rerun",
                     icon=":material/content_copy:") as blocks:
        if blocks.open:
            vector = np.asarray(kv[word], dtype=float).tolist()
            st.markdown("The word's vector (six numbers a line, 5 significant digits):")
            st.code(essay_blocks.vector_block(display_label(spec, word), state.model, vector), language="markdown")
            st.markdown(f"Beside where {METHOD_TITLES[scene.params.method]} puts it, in mkdocs-material's grid:")
            st.code(essay_blocks.grid_block(display_label(spec, word), vector, list(coords.values())),
                    language="markdown")
            st.caption("The same from the command line: `python -m embeddings vector WORD --model M --grid`.")


def vector_block(vector: np.ndarray) -> str:
    """The raw vector as preformatted HTML. Not st.code and not st.table: this tab is open on the first page,
    and their code highlighter and table components are 2.3 MB of script the reader's browser would parse
    before the figure is drawn (bench/bench_browser.py)."""
    with np.printoptions(precision=5, suppress=True, linewidth=66):
        text = repr(np.asarray(vector))
    return f'<div class="word-vector" role="figure" aria-label="word vector" style="{VECTOR_STYLE}">' \
           f"{html.escape(text)}</div>"


def show_text_alternative(run: ExplorerRun, scene: Scene, *, visible: bool = True,
                          typed: list[str] | None = None) -> None:
    """The figure in words: a sentence (the figure's caption; read only by screen readers inside the small
    embedded frame), and the points as a table for everyone."""
    state = run.state
    label = lambda key: display_label(run.spec, key)  # noqa: E731
    sentence = alt_text.summary(scene, label, typed)
    if visible:
        st.caption(markdown_text(sentence))
        if scene.trust is not None:
            st.caption(markdown_text(trust.caption(scene.trust, points=len(scene.words), context=bool(state.context),
                                                   outlined=state.trust == "on")))
    else:
        screen_reader_text(sentence)
    # Sent only once opened: a table nobody opened would cost every reader's first figure its rendering time.
    with st.expander("The points as a table", key="w_points_table", on_change="rerun") as table:
        if table.open:
            st.dataframe(alt_text.points_table(scene, label), hide_index=True)


def show_share(state: ViewState, fig, scene: Scene, analogy: Analogy | None) -> None:
    query = to_query(replace(state, focus=st.session_state.get("w_focus", "")))
    base = (st.context.url or "http://localhost:8501").split("?")[0]
    st.markdown("**Link to this view**")
    st.code(export.figure_url(base, query).replace("&view=figure&embed=true", ""), language=None)
    st.markdown("**Embed the figure in a page** (no sidebar, no controls; readers can still rotate and hover)")
    st.code(export.iframe_snippet(base, query), language="html")
    st.markdown("**For the essay**: the figure as a ```` ```plotly ```` block, a page of its own, the numbers")
    extra = [("Points (CSV)", lambda: export.points_csv(scene), f"{stem(state)}-points.csv", "text/csv")]
    if scene.neighbour_rows:
        extra.append(("Neighbours (CSV)", lambda: export.neighbours_csv(scene), f"{stem(state)}-neighbours.csv",
                      "text/csv"))
    if analogy is not None:
        extra.append(("Analogy with its baselines (JSON)",
                      lambda: json.dumps(analogy_view.report(state.model, analogy).to_dict(), indent=1),
                      f"{stem(state)}-analogy.json", "application/json"))
    digits = essay_blocks.DIGITS if state.method == "dimensions" else SIGNIFICANT  # 0.61854, as the model has it
    figure_export.essay_exports(fig, stem(state), key="x_export", extra=extra, digits=digits)
    if author_mode():
        save_figure_form(state, scene)


def author_mode() -> bool:
    """The author's tools (saving figures into the repository) appear only where EXPLORER_AUTHOR=1 is set:
    on the author's own machine, never on a public server, whose readers must not write files."""
    return os.environ.get("EXPLORER_AUTHOR") == "1" and not public_mode()


def save_figure_form(state: ViewState, scene: Scene) -> None:
    """Save this view, with a caption, into figures/saved.json (the author's setting only)."""
    path = saved_figures.figures_file()
    with st.form("x_save_figure", clear_on_submit=False, border=True):
        st.markdown(f"**Save this view as a figure of the essay** (author mode; written to `{path.name}`)")
        name = st.text_input("Name", placeholder="king-queen-3d", help="Lower-case letters, digits and dashes; "
                             "the figure's link is /?figure=NAME.")
        caption = st.text_area("Caption", height=70, max_chars=saved_figures.MAX_CAPTION)
        section = st.selectbox("The essay's section", ("", *saved_figures.ESSAY_SECTIONS),
                               format_func=lambda s: s or "(none)", help="The gallery groups figures by section.")
        block = st.radio("Shown as", tuple(saved_figures.Block), horizontal=True,
                         format_func={"": "the figure", "vector": "the word's numbers (block)",
                                      "grid": "its numbers beside its place (grid)"}.get,
                         help="A block shows the word chosen on the Word vector tab.")
        replace_existing = st.checkbox("Replace a figure of the same name")
        if not st.form_submit_button("Save figure", icon=":material/bookmark_add:"):
            return
    try:
        figures = saved_figures.load_all(path)
        if name in figures and not replace_existing:
            raise saved_figures.SavedFigureError(f"{name!r} is already saved; tick “Replace” to overwrite it")
        focus = st.session_state.get("w_focus", "")
        figure = saved_figures.record(name, caption, replace(state, focus=focus), scene, section=section,
                                      block=block)
        saved_figures.write_all({**figures, figure.name: figure}, path)
    except (saved_figures.SavedFigureError, OSError) as error:
        st.error(f"Not saved: {error}")
        return
    st.success(f"Saved {figure.name} ({len(figure.points)} points). Its link: {figure.url}")


def stem(state: ViewState) -> str:
    """The file name of this view's downloads and images."""
    return f"{state.model}-{state.method}-{state.dims}d"


def show_neighbours(scene: Scene) -> None:
    if not scene.neighbour_rows:
        st.caption("Use the sidebar to add the nearest neighbours of each word.")
    else:
        st.dataframe(scene.neighbour_table, hide_index=True)


def show_analogy(state: ViewState, analogy: Analogy | None) -> None:
    if analogy is None:
        st.caption("Type an analogy in the sidebar, for example: king - man + woman.")
    else:
        analogy_view.show(state.model, analogy)


def show_similarity(kv: WordVectors, known: list[str], scene: Scene) -> None:
    shown = known[:60]
    st.plotly_chart(similarity_heatmap(shown, similarity_matrix(kv, shown)), key="heatmap")
    if len(known) > 60:
        st.caption(f"The first 60 of {len(known)} words.")
    picture = f"this {METHOD_TITLES[scene.params.method]} map"
    for sentence in pair_shifts.sentences(pair_shifts.for_scene(scene, kv.__getitem__), picture):
        st.markdown(markdown_text(sentence))


def show_page(run: ExplorerRun) -> None:
    """The page below the sidebar: the title, the input's messages, the figure and its tabs."""
    state, spec, figure_only = run.state, run.spec, run.figure_only
    if not figure_only:
        st.title("Words as points")
        st.caption(
            "Each word is a list of numbers; nearby points are words the model uses alike. "
            f"Model: **{spec.title}**."
        )
    if figure_only:
        known = resources.lookup(state.model, tuple(run.parsed.words), suggest=False).found
    else:
        known = show_input_messages(run)
    analogy = read_analogy(run)
    if not read_directions(run):
        return
    if not known and analogy is None:
        st.info("Type a few words in the sidebar, for example: king, queen, man, woman, apple.")
        return
    try:
        with st.spinner(f"Computing the {METHOD_TITLES[state.method]} layout…"):
            scene = resources.scene(scene_request(state, known, analogy))
    except Exception as error:  # a failure is a message on the page, never a traceback
        st.error(f"Could not compute this view: {error}. Try PCA, fewer words or other settings.")
        return
    fig = scatter(scene, title=figure_title(state, scene), label=lambda key: display_label(spec, key),
                  height=EMBEDDED_HEIGHT if figure_only else 620, trust=state.trust == "on")
    if figure_only:
        fig.update_layout(dragmode=False)  # in a post, a finger dragged over the figure scrolls the post
        st.plotly_chart(fig, key="scatter", config=embed_config(stem(state)))
        show_text_alternative(run, scene, visible=False, typed=known)
        full_view = urlencode(to_query(replace(state, view="full")))
        st.markdown(f'<a href="./?{html.escape(full_view)}" target="_blank">Open in the word explorer ↗</a>',
                    unsafe_allow_html=True)
        return
    show_notes(state, scene)
    select = {"on_select": select_focus, "selection_mode": "points"} if state.dims == 2 else {}
    st.plotly_chart(fig, key="scatter", config=figure_export.config(stem(state), "x_export"), **select)
    show_text_alternative(run, scene, typed=known)
    # Lazy tabs: only the open one is computed and sent, so a reader's first page carries no heatmap, no
    # exports and no vector it did not ask for, and opens on a few sentences (see `opening_tab`).
    tabs = {
        ABOUT_TAB: lambda: show_about(run, scene),
        VECTOR_TAB: lambda: show_focus(run, scene, known),
        "Neighbours": lambda: show_neighbours(scene),
        "Analogy": lambda: show_analogy(state, analogy),
        "Similarity": lambda: show_similarity(run.kv, known, scene),
        "Share & export": lambda: show_share(state, fig, scene, analogy),
    }
    for tab, draw in zip(st.tabs(list(tabs), key="w_tab", on_change="rerun", default=opening_tab(run, analogy)),
                         tabs.values()):
        if tab.open:
            with tab:
                draw()


def main() -> None:
    run = read_run()
    try:
        show_page(run)
    finally:  # also after st.stop(): a run that draws no widgets would forget the reader's settings
        if not run.figure_only:
            controls.sidebar()


main()
