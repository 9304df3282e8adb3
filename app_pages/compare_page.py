"""The comparison page (/compare): two models side by side, the same words, the same method and settings;
different numbers, same structure.

UI only: the comparison is `embeddings.compare`, the pictures are the explorer's own scenes and figures.
Query keys of this page: `a`, `b` (catalogue names of ready models), `words`, `method`, `dims`.
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from embeddings import catalogue, export, models, pair_shifts
from embeddings.compare import MAX_COMPARE_WORDS, Comparison, compare_models, numbers_sentence
from embeddings.figures import scatter, similarity_heatmap
from embeddings.reduce import METHOD_TITLES, METHODS, ReductionParams
from embeddings.scene import SceneRequest
from embeddings.url_state import compare_from_query, compare_to_query
from embeddings.word_forms import display_label
from embeddings.words import format_words, markdown_code, markdown_text, parse_words
from ui import figure_export, resources
from ui.navigation import page_links

DEFAULT_WORDS = "king, queen, man, woman, human, apple, banana, Paris, London, car"


def ready_models() -> list[str]:
    return models.ready_names()


def seed_from_url(ready: list[str]) -> list[str]:
    """Put valid query values into the widgets once per session; say which ones were ignored."""
    if "_compare_seeded" in st.session_state:
        return []
    st.session_state._compare_seeded = True
    seed, notices = compare_from_query(st.query_params.to_dict(), ready, DEFAULT_WORDS)
    st.session_state.c_a, st.session_state.c_b, st.session_state.c_words = seed.a, seed.b, seed.words
    st.session_state.c_method, st.session_state.c_dims = seed.method, seed.dims
    return notices


def controls(ready: list[str]) -> tuple[str, str, str, str, int]:
    with st.sidebar:
        page_links()
        st.divider()
        label = lambda n: f"{n} ({catalogue.get_spec(n).dims}d)"  # noqa: E731
        a = st.selectbox("First model", ready, key="c_a", format_func=label)
        b = st.selectbox("Second model", ready, key="c_b", format_func=label)
        words = st.text_area("Words", key="c_words", height=110,
                             help=f'Commas, spaces or new lines; "quote a phrase". At most {MAX_COMPARE_WORDS}.')
        method = st.radio("Method", METHODS, key="c_method", format_func=METHOD_TITLES.get, horizontal=True)
        dims = st.radio("Dimensions", (2, 3), key="c_dims", format_func=lambda d: f"{d}D", horizontal=True)
    return a, b, words, method, dims


def show_forms(result: Comparison, a: str, b: str) -> None:
    notes = [f.explanation for f in (*result.forms_a, *result.forms_b) if f.explanation]
    for note in notes[:10]:
        st.caption(note)
    for name, missing in ((a, result.missing_a), (b, result.missing_b)):
        if missing:
            st.info(f"Not in {name}, left out of the comparison: "
                    + ", ".join(markdown_code(f.typed) for f in missing[:20]))


def show_numbers(result: Comparison, a: str, b: str, kv_a, kv_b) -> None:
    word = result.words[0]
    vector_a, vector_b = np.asarray(kv_a[result.keys_a[0]]), np.asarray(kv_b[result.keys_b[0]])
    with np.printoptions(precision=4, suppress=True, linewidth=56):
        st.markdown(numbers_sentence(word, a, vector_a, b, vector_b))
        left, right = st.columns(2)
        left.code(f"{a}:\n{np.asarray(kv_a[result.keys_a[0]])[:8]!r} …", language=None)
        right.code(f"{b}:\n{np.asarray(kv_b[result.keys_b[0]])[:8]!r} …", language=None)


def show_side(column, side: str, name: str, keys: list[str], matrix: np.ndarray, params: ReductionParams) -> None:
    spec = catalogue.get_spec(name)
    with column:
        st.subheader(name)
        scene = None
        try:
            scene = resources.scene(SceneRequest(name, tuple(keys), params))
        except Exception as error:  # a failure is a message on the page, never a traceback
            st.error(f"Could not lay out these words in {name}: {error}")
        else:
            title = f"{name} · {METHOD_TITLES[params.method]} · {params.dims}D"
            fig = scatter(scene, title=title, height=480)
            stem, key = f"compare-{name}-{params.method}-{params.dims}d", f"c_export_{side}"
            st.plotly_chart(fig, key=f"scatter_{name}_{id(column)}", config=figure_export.config(stem, key))
            with st.expander("Export for the essay", icon=":material/ios_share:"):
                figure_export.essay_exports(fig, stem, key=key, extra=[
                    ("Points (CSV)", lambda: export.points_csv(scene), f"{stem}-points.csv", "text/csv")])
        st.plotly_chart(similarity_heatmap([display_label(spec, k) for k in keys], matrix),
                        key=f"heatmap_{name}_{id(column)}")
        if scene is not None:
            kv = resources.model(name)
            picture = f"the {METHOD_TITLES[params.method]} map of {name}"
            for sentence in pair_shifts.sentences(pair_shifts.for_scene(scene, kv.__getitem__), picture):
                st.caption(markdown_text(sentence))


def main() -> None:
    ready = ready_models()
    for notice in seed_from_url(ready):
        st.warning(notice, icon=":material/link_off:")
    a, b, text, method, dims = controls(ready)
    parsed = parse_words(text, lowercase=False, max_words=MAX_COMPARE_WORDS)
    st.query_params.from_dict(compare_to_query(a, b, parsed.words, method, dims))

    st.title("Compare models")
    st.caption("The same words in two models, drawn with the same method and settings. The numbers differ "
               "completely; what carries meaning is which words are close to which.")
    if len(ready) == 1:
        st.info("Only one model is ready on this server, so there is nothing to compare it with yet: here is "
                "its map alone. An operator can add others, for example: "
                "`python -m embeddings fetch word2vec-google-news-300`.")
    if a == b and len(ready) == 1:  # never a model against itself: identical numbers would teach nothing
        kv = resources.model(a)
        alone = compare_models(catalogue.get_spec(a), kv, catalogue.get_spec(a), kv, parsed.words)
        show_forms(alone, a, a)
        if alone.words:
            show_side(st.container(), "a", a, alone.keys_a, alone.similarities_a, ReductionParams(method, dims))
        return
    if parsed.over_limit:
        st.warning(f"At most {MAX_COMPARE_WORDS} words are compared; {parsed.over_limit} more were left out.")
    kv_a, kv_b = resources.model(a), resources.model(b)
    result = compare_models(catalogue.get_spec(a), kv_a, catalogue.get_spec(b), kv_b, parsed.words)
    show_forms(result, a, b)
    if not result.words:
        st.info("Type a few words that both models know, for example: " + format_words(DEFAULT_WORDS.split(", ")))
        return
    if result.agreement is None:
        st.metric("Agreement", "–", help="Needs at least three words that both models know.")
    else:
        st.metric("Agreement between the two spaces", f"{result.agreement:.2f}",
                  help="Spearman rank correlation of the similarities of every pair of words in the two models: "
                       "1 means they order the pairs identically, 0 that they share no structure.")
        st.caption(f"Over {result.pairs} pairs of {len(result.words)} words. 1 = the two models rank every pair "
                   "of words the same way; 0 = no shared structure.")
    show_numbers(result, a, b, kv_a, kv_b)
    params = ReductionParams(method=method, dims=dims)
    left, right = st.columns(2)
    show_side(left, "a", a, result.keys_a, result.similarities_a, params)
    show_side(right, "b", b, result.keys_b, result.similarities_b, params)


main()
