"""What every session of /contexts shares: the recording, the live embeddings server, the input vectors."""
from __future__ import annotations

import os

import streamlit as st

from embeddings.vectors import WordVectors
from inside.contexts import recorded, server
from inside.contexts.sources import ContextSources
from ui import resources

CATALOGUE_MODEL = "gemma-3-270m"  # the explorer's model: the same rows


def sources() -> tuple[ContextSources, str]:
    """The recorded examples and the operator's embeddings server; a one-line problem with either, or ""."""
    return _sources(tuple((k, v) for k, v in sorted(os.environ.items()) if k.startswith("CONTEXTS_SERVER_")))


@st.cache_resource(show_spinner=False)
def _sources(server_env: tuple[tuple[str, str], ...]) -> tuple[ContextSources, str]:
    problems = []
    recording, config = None, None
    try:
        recording = recorded.load()
    except ValueError as error:
        problems.append(str(error))
    try:
        config = server.EmbeddingConfig.from_env(dict(server_env))
    except ValueError as error:
        problems.append(f"the live model server is not used: {error}")
    return ContextSources(recording, config), "; ".join(problems)


def input_vectors() -> tuple[WordVectors | None, str]:
    """Gemma 3 270M's whole-word input vectors: the explorer's model `gemma-3-270m`, the same rows, which ships
    with the app (embeddings/sources/language_model.py); None and the reason when it cannot be opened."""
    try:
        return resources.model(CATALOGUE_MODEL), ""
    except (KeyError, OSError, RuntimeError) as error:
        return None, f"Gemma's input vectors could not be opened: {error}"
