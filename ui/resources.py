"""What every session shares: models loaded once per server, scenes cached, heavy imports and numba warmed in
the background."""
from __future__ import annotations

import threading
from dataclasses import replace

import numpy as np
import streamlit as st

from embeddings import models
from embeddings.catalogue import get_spec
from embeddings.fit_worker import FitWorker
from embeddings.paths import configure_numba_cache
from embeddings.reduce import ReductionParams
from embeddings.scene import Neighbourhood, Scene, SceneRequest, build_scene, find_neighbourhood
from embeddings.vectors import WordVectors
from embeddings.words import Lookup
from embeddings.words import lookup as words_lookup
from ui import admission, page_modules
from ui.collector import freeze_long_lived
from ui.deployment import public_mode

WARM_UP_DELAY_S = 3.0


@st.cache_resource(show_spinner="Opening the model…")
def model(name: str) -> WordVectors:
    """One read-only, memory-mapped copy per server process, shared by all sessions."""
    return models.load(name)


@st.cache_data(max_entries=256, show_spinner=False)
def lookup(name: str, words: tuple[str, ...], suggest: bool = True) -> Lookup:
    """Cached: suggesting close words scans 100,000 keys per unknown word, and every widget change reruns."""
    return words_lookup(model(name), list(words), spec=get_spec(name), suggest=suggest)


@st.cache_data(max_entries=256, show_spinner=False)
def neighbourhood(request: SceneRequest) -> Neighbourhood:
    """Keyed on the request without its layout settings, so a change of method reuses it."""
    return find_neighbourhood(model(request.model), request)


@st.cache_resource
def fit_worker() -> FitWorker:
    """The server's one process for t-SNE and UMAP fits (embeddings/fit_worker.py), started on first use."""
    return FitWorker().start()


def fit(x: np.ndarray, params: ReductionParams) -> np.ndarray:
    """A t-SNE or UMAP fit for a reader's view, in the fit worker; while the worker is still importing its
    libraries (a fresh server), this reader's place goes to the next one (ui/admission.py)."""
    worker = fit_worker()
    if not worker.is_ready():
        with admission.stepped_aside():
            worker.wait_until_ready()
    return worker.fit(x, params)


@st.cache_data(max_entries=256, show_spinner=False)
def scene(request: SceneRequest) -> Scene:
    hood = neighbourhood(replace(request, params=ReductionParams(), context=0))
    return build_scene(model(request.model), request, hood, store_maps=not public_mode(), fit=fit)


@st.cache_data(max_entries=64, show_spinner=False)
def saved_scene(settings: tuple[tuple[str, str], ...]) -> Scene:
    """The scene of a saved figure's settings, as the explorer computes it (embeddings.saved_figures)."""
    from embeddings.saved_figures import scene_for
    from embeddings.url_state import from_query

    state = from_query(dict(settings))[0]
    return scene_for(model(state.model), state, fit=fit)


@st.cache_resource
def warm_up() -> threading.Thread:
    """Once per server, after the first page is drawn, in the background: the other pages' modules, and the fit
    worker, which imports the heavy libraries (and loads, or compiles once into cache/numba, UMAP's numba code) in
    its own process, so that the first reader never waits for them and a later t-SNE or UMAP view seldom does."""
    configure_numba_cache()

    def run() -> None:
        # One reader: its browser is still drawing the figure, so leave it the machine's cores for a while. More
        # readers (a burst): start at once, their t-SNE and UMAP views wait for the worker's imports.
        admission.BUSY.wait(WARM_UP_DELAY_S)
        fit_worker()
        page_modules.preload()  # after the other pages' modules (at once if they are in), never beside them
        freeze_long_lived()

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread
