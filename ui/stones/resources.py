"""What every session of the /stones page shares: the maps of the vocabulary, the recording, the live server."""
from __future__ import annotations

import streamlit as st

from embeddings.catalogue import get_spec
from embeddings.context import load_or_fit
from embeddings.reduce import ReductionParams
from stones import recorded, server
from stones.landscape import WordMap
from stones.sources import Sources
from ui import resources
from ui.deployment import public_mode
from ui.recorded_and_live import recording_and_server, server_env


@st.cache_resource(show_spinner="Laying out the map of the vocabulary (once per model and settings)…")
def word_map(model: str, method: str, context: int) -> WordMap:
    """The explorer's vocabulary context for this model, in 2D: fitted once, cached in cache/maps."""
    kv = resources.model(model)
    context_map = load_or_fit(kv, model, context, ReductionParams(method=method, dims=2), store=not public_mode(),
                              fit=resources.fit)
    spec = get_spec(model)
    return WordMap(tuple(context_map.words), context_map.coords[:, :2], tuple(context_map.axis_titles[:2]),
                   spec.lowercase, spec.key_prefix)


def sources() -> tuple[Sources, str]:
    """The recorded examples and the operator's live server; a one-line problem with either, or "".

    Keyed on the server's environment variables, so a changed configuration is read again.
    """
    return _sources(server_env("STONES_SERVER_"))


@st.cache_resource(show_spinner=False)
def _sources(env: tuple[tuple[str, str], ...]) -> tuple[Sources, str]:
    recording, config, problem = recording_and_server(recorded.load, server.ServerConfig.from_env, env)
    return Sources(recording, config), problem
