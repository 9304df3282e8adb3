"""What every session of /contexts shares: the recording, the live embeddings server, the input vectors."""
from __future__ import annotations

import streamlit as st

from embeddings.vectors import WordVectors
from inside.contexts import recorded, server
from inside.contexts.sources import ContextSources
from ui import resources
from ui.recorded_and_live import recording_and_server, server_env

CATALOGUE_MODEL = "gemma-3-270m"  # the explorer's model: the same rows


def sources() -> tuple[ContextSources, str]:
    """The recorded examples and the operator's embeddings server; a one-line problem with either, or ""."""
    return _sources(server_env("CONTEXTS_SERVER_"))


@st.cache_resource(show_spinner=False)
def _sources(env: tuple[tuple[str, str], ...]) -> tuple[ContextSources, str]:
    recording, config, problem = recording_and_server(recorded.load, server.EmbeddingConfig.from_env, env)
    return ContextSources(recording, config), problem


def input_vectors() -> tuple[WordVectors | None, str]:
    """Gemma 3 270M's whole-word input vectors: the explorer's model `gemma-3-270m`, the same rows, which ships
    with the app (embeddings/sources/language_model.py); None and the reason when it cannot be opened."""
    try:
        return resources.model(CATALOGUE_MODEL), ""
    except (KeyError, OSError, RuntimeError) as error:
        return None, f"Gemma's input vectors could not be opened: {error}"
