"""Two models, the same words: different numbers, and how much the two spaces agree about those words.

The essay's point is that the raw numbers for "human" in GloVe and in word2vec have nothing in common, while
the relative positions carry the meaning. The cosine-similarity matrices of the same words in both models
make that visible, and one number summarises it: the Spearman rank correlation of the pairwise similarities
(each pair of words once). 1 means both models order the pairs from most to least similar identically;
around 0, they share no structure. Ranks rather than values, because each model has its own similarity scale.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from embeddings.spec import ModelSpec
from embeddings.vectors import WordVectors
from embeddings.word_forms import WordForm, resolve_word

MAX_COMPARE_WORDS = 100
MIN_WORDS_FOR_AGREEMENT = 3  # three words give three pairs: the least a rank correlation can use


@dataclass
class Comparison:
    """The words found in both models, their keys in each, both similarity matrices, and the agreement."""

    words: list[str]
    keys_a: list[str]
    keys_b: list[str]
    similarities_a: np.ndarray
    similarities_b: np.ndarray
    agreement: float | None  # Spearman's rho over the pairs; None with fewer than 3 shared words
    pairs: int
    missing_a: list[WordForm] = field(default_factory=list)
    missing_b: list[WordForm] = field(default_factory=list)
    forms_a: list[WordForm] = field(default_factory=list)  # explanations for the page (e.g. New_York)
    forms_b: list[WordForm] = field(default_factory=list)


def cosine_matrix(kv: WordVectors, keys: list[str]) -> np.ndarray:
    vectors = np.asarray(kv[keys], dtype=np.float64).reshape(len(keys), -1)
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(lengths > 0, lengths, 1.0)
    return unit @ unit.T


def pair_values(matrix: np.ndarray) -> np.ndarray:
    """Each unordered pair once (the upper triangle, diagonal excluded)."""
    return matrix[np.triu_indices(matrix.shape[0], k=1)]


def rank_agreement(similarities_a: np.ndarray, similarities_b: np.ndarray) -> float | None:
    """Spearman's rho between the two models' pairwise similarities; None when it is undefined."""
    a, b = pair_values(similarities_a), pair_values(similarities_b)
    if len(a) < MIN_WORDS_FOR_AGREEMENT or np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    # Pearson's r of the average ranks (ties share their mean rank), which is what scipy's spearmanr computes;
    # not pandas' `corr(method="spearman")`, which imports scipy.stats inside a reader's session (a second of a
    # fresh server's CPU, and a module imported while other sessions run: ui/page_modules.py)
    import pandas as pd

    return float(pd.Series(a).rank().corr(pd.Series(b).rank()))


def compare_models(spec_a: ModelSpec, kv_a: WordVectors, spec_b: ModelSpec, kv_b: WordVectors,
                   words: list[str]) -> Comparison:
    """Look every typed word up in both models by each model's conventions; compare the ones both know."""
    words = list(dict.fromkeys(words))[:MAX_COMPARE_WORDS]
    forms_a = [resolve_word(spec_a, kv_a, w) for w in words]
    forms_b = [resolve_word(spec_b, kv_b, w) for w in words]
    shared = [i for i in range(len(words)) if forms_a[i].found and forms_b[i].found]
    keys_a = [forms_a[i].key for i in shared]
    keys_b = [forms_b[i].key for i in shared]
    sims_a, sims_b = cosine_matrix(kv_a, keys_a), cosine_matrix(kv_b, keys_b)
    return Comparison(
        words=[words[i] for i in shared],
        keys_a=keys_a,
        keys_b=keys_b,
        similarities_a=sims_a,
        similarities_b=sims_b,
        agreement=rank_agreement(sims_a, sims_b) if len(shared) >= MIN_WORDS_FOR_AGREEMENT else None,
        pairs=len(shared) * (len(shared) - 1) // 2,
        missing_a=[f for f in forms_a if not f.found],
        missing_b=[f for f in forms_b if not f.found],
        forms_a=[forms_a[i] for i in shared],
        forms_b=[forms_b[i] for i in shared],
    )


def numbers_sentence(word: str, name_a: str, vector_a: np.ndarray, name_b: str, vector_b: np.ndarray) -> str:
    """What the raw numbers of `word` in the two models have in common, said truthfully: identical vectors
    are one model twice (or a copy), not "nothing in common"."""
    if name_a == name_b or (np.shape(vector_a) == np.shape(vector_b) and np.allclose(vector_a, vector_b)):
        return (f"The first numbers of **{word}** on both sides are the same: this compares {name_a} with "
                "itself. Choose another second model to see two spaces.")
    return f"The first numbers of **{word}** in each model: nothing in common."
