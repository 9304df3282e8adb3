"""The parser: reasoning text -> claims about numbers, each with the span of the claimed value.

A claim is anything the model asserts that can be recomputed: "7 x 8 = 56", "write 6, carry 5",
"4567 x 90 = 411,030", "3,653,600 + 411,030 = 4,064,630", "adding these up gives 4,073,764",
"the answer is 4,073,764". The parser does not judge; it only records what was asserted, from which
written numbers, and where. Estimates ("about 4 million") are never claims, so a guess is never
mistaken for a computation.

One walk over one token stream (`parser.py`), with readers split by what they read, all over one shared
state (`state.py`: the tokens, the claims so far, the marks later reads depend on):

- `expressions.py`: "4567 x (800 + 90 + 2)", "multiply 4567 by 8";
- `chains.py`: expressions linked by "=", "is", "gives", and the claims each link makes;
- `phrases.py`: "carry 5", "shifted: 411030", "the answer is N", "split 892 into 800, 90 and 2";
- `layouts.py`: places named ("the hundreds digit"), labelled lines, multiplications written in columns.
"""

from __future__ import annotations

from experiment.analysis.claims.claim import Claim
from experiment.analysis.claims.parser import _Parser
from experiment.analysis.tokens import Columns, Token, number_tokens

__all__ = ["Claim", "count_numbers", "number_spans", "numbers_in", "parse_claims"]


def parse_claims(text: str, tokens: list[Token] | None = None,
                 columns: Columns | None = None) -> tuple[list[Claim], list[list[int]]]:
    """Claims in text order, and the decompositions of operands the model wrote (e.g. [800, 90, 2]).
    `tokens`, when the caller has them, are `parser_tokens(text)`; `columns`, the kinds and words
    `parser_stream(text)` gives with them."""
    parser = _Parser(text, tokens, columns)
    claims = parser.run()
    return claims, parser.decompositions


def count_numbers(text: str) -> int:
    """How many integers a text contains: a trace full of numbers but without claims is unparsed."""
    return len(number_tokens(text))


def numbers_in(text: str) -> list[int]:
    return [tok.value for tok in number_tokens(text)]  # type: ignore[misc]


def number_spans(text: str) -> list[tuple[int, int, int]]:
    """(value, start, end) of every integer in the text."""
    return [(tok.value, tok.start, tok.end) for tok in number_tokens(text)]  # type: ignore[misc]
