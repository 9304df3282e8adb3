"""The operator's own vector files: each format, written here, registered in models.toml, converted once."""
from __future__ import annotations

import gzip

import numpy as np
import pytest
from gensim.models import KeyedVectors

from embeddings import catalogue, models
from embeddings.__main__ import main
from embeddings.convert import ConversionError, convert_file

KEYS = ["the", "New_York", "Zürich", "naïve", "king", "queen", "-", "1.5"]


def sample(dims: int = 6) -> np.ndarray:
    return np.random.default_rng(3).normal(size=(len(KEYS), dims)).astype(np.float32)


def write_word2vec(path, vectors, *, binary: bool) -> None:
    kv = KeyedVectors(vector_size=vectors.shape[1])
    kv.add_vectors(KEYS, vectors)
    kv.save_word2vec_format(str(path), binary=binary)  # gensim's own writer: the reference format


def write_glove(path, vectors, keys=KEYS) -> None:
    path.write_text("".join(k + " " + " ".join(repr(float(x)) for x in row) + "\n" for k, row in zip(keys, vectors)))


def write_fasttext_vec(path, vectors) -> None:
    # fastText writes a header and a space before each newline
    rows = [k + " " + " ".join(f"{x:.7f}" for x in r) + " " for k, r in zip(KEYS, vectors)]
    lines = [f"{len(KEYS)} {vectors.shape[1]}", *rows]
    path.write_text("\n".join(lines) + "\n")


WRITERS = {
    "word2vec-binary": lambda p, v: write_word2vec(p, v, binary=True),
    "word2vec-text": lambda p, v: write_word2vec(p, v, binary=False),
    "glove-text": write_glove,
    "fasttext-vec": write_fasttext_vec,
}


def register(isolated, entries: str) -> None:
    (isolated / "models.toml").write_text(entries)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_each_local_format_is_registered_converted_and_loaded(fmt, isolated):
    vectors = sample()
    WRITERS[fmt](isolated / "vectors.file", vectors)
    register(isolated, f'[models.mine]\npath = "vectors.file"\nformat = "{fmt}"\ntitle = "Mine"\n')

    spec = catalogue.get_spec("mine")
    assert spec.source == "local" and not models.is_ready(spec)
    assert main(["fetch", "mine", "--no-progress"]) == 0

    kv = models.load("mine")
    assert list(kv.index_to_key) == KEYS
    for i, key in enumerate(KEYS):
        np.testing.assert_allclose(kv[key], vectors[i], atol=1e-5)
    assert catalogue.get_spec("mine").dims == 6 and catalogue.get_spec("mine").vocab_size == len(KEYS)
    assert kv.most_similar("king", topn=3)  # gensim works on it as on any model


def test_gzip_files_are_read_whatever_their_name(isolated):
    vectors = sample()
    write_word2vec(isolated / "plain.bin", vectors, binary=True)
    (isolated / "packed.bin").write_bytes(gzip.compress((isolated / "plain.bin").read_bytes()))
    convert_file("packed", isolated / "packed.bin", "word2vec-binary")
    np.testing.assert_allclose(models.model_store.open_model(isolated / "cache" / "models" / "packed")["Zürich"],
                               vectors[2], atol=1e-6)


def test_glove_keys_with_spaces_and_repeated_keys(isolated):
    """glove.840B has keys with spaces and repeats some keys: the first occurrence is kept, like gensim."""
    keys = ["a b", "c", "c", "d"]
    vectors = np.arange(12, dtype=np.float32).reshape(4, 3)
    write_glove(isolated / "g.txt", vectors, keys)
    convert_file("g", isolated / "g.txt", "glove-text")
    kv = models.model_store.open_model(isolated / "cache" / "models" / "g")
    assert list(kv.index_to_key) == ["a b", "c", "d"]
    np.testing.assert_array_equal(kv["c"], vectors[1])


def test_a_file_that_is_not_its_format_is_refused_without_leaving_files(isolated):
    (isolated / "bad.txt").write_text("3 4\nword 1 2 3\n")
    with pytest.raises(ConversionError, match="line 2"):
        convert_file("bad", isolated / "bad.txt", "word2vec-text")
    register(isolated, '[models.bad]\npath = "bad.txt"\nformat = "word2vec-text"\n')
    assert main(["fetch", "bad", "--no-progress"]) == 1
    assert list((isolated / "cache" / "models").iterdir()) == []


def test_bad_entries_are_skipped_with_a_reason_and_readers_never_see_paths(isolated, capsys):
    register(isolated, """
[models.good]
path = "/nonexistent/vectors.bin"
format = "word2vec-binary"

[models.word2vec-google-news-300]
path = "x.bin"
format = "word2vec-binary"

[models.odd]
path = "x.bin"
format = "pickle"

[models."../escape"]
path = "x.bin"
format = "glove-text"
""")
    names = [s.name for s in catalogue.all_specs()]
    assert "good" in names and "odd" not in names and "../escape" not in names
    assert catalogue.get_spec("word2vec-google-news-300").source == "gensim-data"
    assert all("/nonexistent" not in str(vars(s)) for s in catalogue.all_specs())
    assert main(["list"]) == 0
    err = capsys.readouterr().err
    assert "built-in model name" in err and "unknown format 'pickle'" in err and "a name is letters" in err
    assert main(["fetch", "good", "--no-progress"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_example_configuration_is_valid(isolated, monkeypatch):
    from embeddings.paths import PROJECT_ROOT
    from embeddings.sources.local_file import parse_config

    specs, sources, errors = parse_config(PROJECT_ROOT / "models.toml.example")
    assert errors == [] and [s.name for s in specs] == ["my-word2vec", "glove-6b-100-local"]
    assert specs[0].phrases_joined_by == "_" and not specs[0].lowercase and specs[1].lowercase
    assert sources["glove-6b-100-local"].format == "glove-text"


def test_the_models_file_is_read_once_and_again_only_when_it_or_a_conversion_changes(isolated, monkeypatch):
    """A URL asks the catalogue for its model on every rerun: that must not parse models.toml each time."""
    from embeddings.sources import local_file

    reads = []
    real = local_file.parse_config
    monkeypatch.setattr(local_file, "parse_config", lambda *a, **k: reads.append(a) or real(*a, **k))
    write_glove(isolated / "vectors.file", sample())
    register(isolated, '[models.mine]\npath = "vectors.file"\nformat = "glove-text"\n')

    for _ in range(50):
        assert catalogue.get_spec("mine").dims == 0  # not converted yet
    assert len(reads) == 1

    register(isolated, '[models.mine]\npath = "vectors.file"\nformat = "glove-text"\n'
                       '[models.other]\npath = "vectors.file"\nformat = "glove-text"\n')
    assert catalogue.get_spec("other").source == "local" and len(reads) == 2  # an edit is seen at once

    assert main(["fetch", "mine", "--no-progress"]) == 0
    assert catalogue.get_spec("mine").dims == 6  # the conversion is seen at once: its size is known now
    reads_after_conversion = len(reads)
    for _ in range(50):
        catalogue.all_specs()
    assert len(reads) == reads_after_conversion
