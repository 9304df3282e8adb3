"""The reading state every claim reader shares: one token stream and what has been read of it so far.

The readers (expressions.py, phrases.py, chains.py, layouts.py) walk the same tokens and add to the same
claims, and what one reads another depends on: the last value a chain stated is what "carry 5" or "adding
4,591,365" refers to, a place named in prose ("the hundreds digit") is the place of the next product a
chain states, a verification word marks every claim to the end of its paragraph. That shared part lives
here once, with the words more than one reader listens for, so each reader holds only its own reading.
"""

from __future__ import annotations

from experiment.analysis.claims.claim import Claim
from experiment.analysis.expr import Num
from experiment.analysis.tokens import Columns, Token, parser_stream

_REL_WORDS = frozenset(
    "equals equal is are gives give giving get gets got getting makes making yields becomes was be comes "
    "obtain obtained".split()
)
_ARROWS = frozenset(("->", "→", "\\to", "\\rightarrow"))
_APPROX_WORDS = frozenset("approximately about roughly around approx nearly almost estimated estimate".split())
_SHIFT_WORDS = frozenset("shift shifted shifting shifts".split())
_SUM_WORDS = frozenset("adding add sum total summing altogether together combine combining".split())
_RESULT_WORDS = frozenset("answer product result".split())
_VERIFY_WORDS = frozenset(
    "verify verifying verification check checking confirm confirming sanity recheck".split()
)
# "the products obtained in step 2": a number that names a step, not a value
_REFERENCE_WORDS = frozenset(
    "step steps row rows line lines part parts equation digit digits position positions".split()
)
_PAD = 4  # lookahead never goes further than two tokens past the end


class _ReadingState:
    """The tokens (their kinds and words also as lists, for the hot paths), the claims found so far, the
    decompositions registered, and the marks later reads depend on: the last value stated, the end of the
    verification under way, the places named, the rows of written-out layouts."""

    def __init__(self, text: str, tokens: list[Token] | None = None, columns: Columns | None = None) -> None:
        if tokens is None:
            tokens, *columns = parser_stream(text)  # type: ignore[assignment]
        self.toks: list[Token] = tokens
        self.n = len(self.toks)
        # Kind and word (or "") of every token, with blanks past the end: the hot paths index these
        # directly instead of calling _kind and _word (which they equal for 0 <= i < n + _PAD). The lexer
        # makes them with the tokens (`columns`, when the caller has them).
        if columns is None:
            columns = [tok.kind for tok in self.toks], [tok.text if tok.kind == "word" else "" for tok in self.toks]
        self.kinds: list[str] = columns[0] + [""] * _PAD
        self.words: list[str] = columns[1] + [""] * _PAD
        self.claims: list[Claim] = []
        self.decompositions: list[list[int]] = []
        self.last_value: Num | None = None
        self.last_value_tok = -10
        self.verify_until = -1
        self.para_ends: list[int] | None = None
        self.places: list[tuple[int, int]] = []  # (token index, place) of each place named
        self.rows: dict[int, tuple[int, tuple[int, int], int]] = {}  # start -> (row index, (N, M), token)

    def _kind(self, i: int) -> str:
        return self.toks[i].kind if i < self.n else ""

    def _word(self, i: int) -> str:
        tok = self.toks[i] if 0 <= i < self.n else None  # never wrap around to the end
        return tok.text if tok is not None and tok.kind == "word" else ""

    def _in_verification(self, i: int) -> bool:
        return i <= self.verify_until

    def _paragraph_end(self, i: int) -> int:
        """Index of the paragraph break at or after token i (self.n if none)."""
        ends = self.para_ends
        if ends is None:
            # One pass, the first time: a long paragraph may hold many verification words.
            ends = self.para_ends = [self.n] * (self.n + 1)
            end = self.n
            for k in range(self.n - 1, -1, -1):
                if self.kinds[k] == "para":
                    end = k
                ends[k] = end
        return ends[i]

    def _recent_value(self, i: int) -> Num | None:
        """The value a carry or a shift refers to: the last result on the same line."""
        if self.last_value is None or i - self.last_value_tok > 12:
            return None
        kinds = self.kinds
        for k in range(self.last_value_tok, i):
            if kinds[k] in ("nl", "para"):
                return None
        return self.last_value

    def _recent_place(self, i: int) -> int:
        """The place named on this line or the line before, before token i (-1 if none)."""
        k, place = self.places[-1]
        if k > i or i - k > 40:
            return -1
        self.places.pop()  # a place names the digit of one product: the next one
        breaks = sum(1 for m in range(k, i) if self.kinds[m] in ("nl", "para"))
        return place if breaks <= 1 and not any(self.kinds[m] == "para" for m in range(k, i)) else -1
