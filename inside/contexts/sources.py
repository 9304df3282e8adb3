"""Where a word's vector in a sentence comes from: the recording first, then the operator's live embeddings
server; live answers are kept in a small cache shared by every session."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from inside.contexts import server
from inside.contexts.locate import NotFound, word_vector
from inside.contexts.recorded import ContextsRecording, WordVector
from inside.contexts.sentences import WordInSentences

LIVE_CACHE = 1024


class NotAvailable(Exception):
    """No vector for a sentence: not recorded, and no live server could give one. One line, for the page."""


@dataclass(frozen=True)
class ContextVectors:
    """The word's vector in each sentence, row by row, and where they came from ("recorded", "live", or both)."""

    found: WordInSentences
    tokens: tuple[tuple[str, ...], ...]
    vectors: np.ndarray
    source: str


class ContextSources:
    def __init__(self, recording: ContextsRecording | None, config: server.EmbeddingConfig | None):
        self.recording = recording
        self.config = config
        self._cache: OrderedDict[tuple[str, str], WordVector] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def live(self) -> bool:
        return self.config is not None

    def vectors(self, found: WordInSentences) -> ContextVectors:
        """Every sentence's vector of the word; NotAvailable with the reason for the first that has none."""
        rows, kinds = [], set()
        for sentence in found.sentences:
            recorded = self.recording.get(found.word, sentence.text) if self.recording else None
            if recorded is not None:
                rows.append(recorded)
                kinds.add("recorded")
                continue
            rows.append(self._live(found.word, sentence.text))
            kinds.add("live")
        source = " and ".join(sorted(kinds)) or "recorded"
        vectors = np.stack([r.vector for r in rows]) if rows else np.zeros((0, 0), dtype=np.float32)
        return ContextVectors(found, tuple(r.tokens for r in rows), vectors, source)

    def _live(self, word: str, text: str) -> WordVector:
        key = (word.casefold(), text)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        if self.config is None:
            raise NotAvailable(f"“{text[:60]}” is not among the recorded sentences, and no live model server is "
                               "set up")
        try:
            answer = server.token_vectors(self.config, text)
            vector, tokens = word_vector(word, text, answer.pieces, answer.vectors)
        except server.ServerUnavailable as error:
            raise NotAvailable(f"the live model is unavailable: {error}") from None
        except NotFound as error:
            raise NotAvailable(str(error)) from None
        found = WordVector(tuple(tokens), vector)
        with self._lock:
            self._cache[key] = found
            while len(self._cache) > LIVE_CACHE:
                self._cache.popitem(last=False)
        return found
