"""A word's numbers as the essay prints them: a ```` ```python title="..." ```` block, six numbers a line, 5
significant digits (as GloVe's own file writes them), and the pair of blocks "high-dimensional point" beside
"translated low-dimensional point" in mkdocs-material's grid (`<div class="grid" markdown>`).

Plain text in, plain text out: the Word vector tab and `python -m embeddings vector` print the same blocks.
"""
from __future__ import annotations

from collections.abc import Sequence

PER_LINE = 6
DIGITS = 5


def number(value: float, digits: int = DIGITS) -> str:
    """`value` to `digits` significant digits, as a Python literal (0.61854, -1.0346, 2.5e-05)."""
    text = f"{float(value):.{digits}g}"
    return "0.0" if text in ("0", "-0") else text


def numbers_literal(values: Sequence[float], *, per_line: int = PER_LINE, digits: int = DIGITS) -> str:
    """A Python list of the numbers, `per_line` a line, in right-aligned columns."""
    texts = [number(v, digits) for v in values]
    width = max((len(t) for t in texts), default=0)
    lines = [", ".join(t.rjust(width) for t in texts[i : i + per_line]) for i in range(0, len(texts), per_line)]
    return "[" + ",\n ".join(lines) + "]"


def python_block(values: Sequence[float], title: str, *, per_line: int = PER_LINE, digits: int = DIGITS) -> str:
    """The fenced block, mkdocs-material's title in its header."""
    safe_title = title.replace('"', "'")
    return f'```python title="{safe_title}"\n{numbers_literal(values, per_line=per_line, digits=digits)}\n```\n'


def vector_title(word: str, model: str) -> str:
    return f"The word '{word}' according to {model}"


def high_title(word: str) -> str:
    return f"High dimensional point corresponding to word '{word}'"


def low_title(word: str) -> str:
    return f"Translated low dimensional point corresponding to word '{word}'"


def vector_block(word: str, model: str, vector: Sequence[float]) -> str:
    """The essay's first block: "This is what the word 'human' looks like according to ..."."""
    return python_block(vector, vector_title(word, model))


def grid_block(word: str, vector: Sequence[float], low: Sequence[float]) -> str:
    """The two blocks side by side: the word's vector and where the chosen method puts it."""
    return ('<div class="grid" markdown>\n\n'
            f"{python_block(vector, high_title(word))}\n"
            f"{python_block(low, low_title(word))}\n"
            "</div>\n")
