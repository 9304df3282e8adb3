"""The gensim-data models that hold word vectors, as gensim-data's own list.json describes them.

Copied from list.json (names, record counts, dimensions, download sizes, licences, descriptions), plus what
list.json leaves implicit and the page needs: the file format inside each `.gz`, and the case and phrase
conventions of the keys. Checksums are not copied: they are read from list.json at fetch time, from the same
place the files come from. `glove-wiki-gigaword-50` is served by the embedded package instead (catalogue.py).
"""
from __future__ import annotations

GLOVE_WIKI = {
    "title": "GloVe, Wikipedia + Gigaword, {dims} dimensions",
    "vocab_size": 400_000,
    "lowercase": True,
    "licence": "Public Domain Dedication and License (PDDL), http://opendatacommons.org/licenses/pddl/",
    "description": "Pre-trained vectors based on Wikipedia 2014 + Gigaword 5 (6B tokens, 400K vocab, uncased), "
    "from https://nlp.stanford.edu/projects/glove/.",
    "file_format": "word2vec-text",
}
GLOVE_TWITTER = {
    "title": "GloVe, Twitter, {dims} dimensions",
    "vocab_size": 1_193_514,
    "lowercase": True,
    "licence": "Public Domain Dedication and License (PDDL), http://opendatacommons.org/licenses/pddl/",
    "description": "Pre-trained vectors based on 2B tweets, 27B tokens, 1.2M vocab, uncased, "
    "from https://nlp.stanford.edu/projects/glove/.",
    "file_format": "word2vec-text",
}

# (name, dims, download size in bytes) for the GloVe families; the rest are listed in full below.
_GLOVE_SIZES = {
    "glove-wiki-gigaword-50": (50, 69_182_535, GLOVE_WIKI),
    "glove-wiki-gigaword-100": (100, 134_300_434, GLOVE_WIKI),
    "glove-wiki-gigaword-200": (200, 264_336_934, GLOVE_WIKI),
    "glove-wiki-gigaword-300": (300, 394_362_229, GLOVE_WIKI),
    "glove-twitter-25": (25, 109_885_004, GLOVE_TWITTER),
    "glove-twitter-50": (50, 209_216_938, GLOVE_TWITTER),
    "glove-twitter-100": (100, 405_932_991, GLOVE_TWITTER),
    "glove-twitter-200": (200, 795_373_100, GLOVE_TWITTER),
}

OTHER_MODELS = [
    {
        "name": "word2vec-google-news-300",
        "title": "word2vec, Google News, 300 dimensions",
        "dims": 300,
        "vocab_size": 3_000_000,
        "download_bytes": 1_743_563_840,
        "lowercase": False,
        "phrases_joined_by": "_",
        "licence": "not stated by gensim-data (\"not found\"); published by Google at "
        "https://code.google.com/archive/p/word2vec/",
        "description": "Pre-trained vectors trained on a part of the Google News dataset (about 100 billion "
        "words): 3 million words and phrases, case-sensitive, phrases joined by underscores (New_York).",
        "file_format": "word2vec-binary",
    },
    {
        "name": "fasttext-wiki-news-subwords-300",
        "title": "fastText, Wikipedia + news, 300 dimensions",
        "dims": 300,
        "vocab_size": 999_999,
        "download_bytes": 1_005_007_116,
        "lowercase": False,
        "licence": "Creative Commons Attribution-Share-Alike 3.0, https://creativecommons.org/licenses/by-sa/3.0/",
        "description": "1 million word vectors trained on Wikipedia 2017, UMBC webbase corpus and statmt.org news "
        "dataset (16B tokens), with subword information; case-sensitive.",
        "file_format": "fasttext-vec",
    },
    {
        "name": "conceptnet-numberbatch-17-06-300",
        "title": "ConceptNet Numberbatch 17.06, 300 dimensions",
        "dims": 300,
        "vocab_size": 1_917_247,
        "download_bytes": 1_225_497_562,
        "lowercase": True,
        "phrases_joined_by": "_",
        "key_prefix": "/c/en/",
        "licence": "CC BY-SA 4.0, https://github.com/commonsense/conceptnet-numberbatch/blob/master/LICENSE.txt",
        "description": "Multilingual ConceptNet Numberbatch vectors, an ensemble of ConceptNet, word2vec, GloVe "
        "and OpenSubtitles 2016 combined by retrofitting. Keys are ConceptNet terms such as /c/en/new_york; the "
        "explorer uses the English ones.",
        "file_format": "word2vec-text",
    },
]


def gensim_data_models() -> list[dict]:
    """Keyword arguments for ModelSpec, one dict per model, in the order a reader would browse them."""
    models = [dict(m) for m in OTHER_MODELS[:1]]
    for name, (dims, size, family) in _GLOVE_SIZES.items():
        entry = {k: v for k, v in family.items()}
        entry.update(name=name, dims=dims, download_bytes=size, title=family["title"].format(dims=dims))
        models.append(entry)
    models += [dict(m) for m in OTHER_MODELS[1:]]
    return models
