"""The driver: one walk over the token stream, handing each token to the reader that starts there.

Kept apart from the readers so the order in which they are tried at a token (a place word, a labelled
value, a rule, a chain, a continuation, a phrase) is in one place, and the readers do not know of each
other beyond what they call.
"""

from __future__ import annotations

from operator import attrgetter

from experiment.analysis.claims.chains import _ChainReader
from experiment.analysis.claims.claim import Claim
from experiment.analysis.claims.expressions import _PROSE_STARTS
from experiment.analysis.claims.layouts import _PLACE_NOUNS, _POINTING, _LayoutReader
from experiment.analysis.claims.phrases import _PHRASE_STARTS
from experiment.analysis.claims.state import _REL_WORDS, _VERIFY_WORDS

_START = attrgetter("start")

# Where some reader may start, or the verification marks change: any other token (most words of a trace,
# separators, operators, relations) is stepped over at once, without asking every reader in turn.
_READ_KINDS = frozenset(("para", "nl", "check", "word", "num", "rule", "lp", "add", "sub"))
# The kinds of token after a number that end it: no operator, relation or phrase reads on from it (but the
# separator that ends a LaTeX line, after which a derivation may go on; "" is the end of the stream), so a
# chain from it reads the number alone and claims nothing (see _ChainReader._chain and _relation).
_ALONE_BEFORE = frozenset(("sep", "colon", "para", "rp", "num", ""))
# The words before a number after which `_labelled_value` reads a label (after any other word it reads none).
_LABEL_ENDS = _REL_WORDS | _POINTING
_READ_WORDS = _VERIFY_WORDS | _PLACE_NOUNS | _PROSE_STARTS | _PHRASE_STARTS | frozenset(("plus", "minus"))
# One set for the test of every token in `run`: the kinds read (but "word") and the words read. A word that
# happens to be a kind's name ("sub") is then visited too, and nothing reads it: every reader below asks for
# its kind or for a word of its own.
_READ_KEYS = (_READ_KINDS - {"word"}) | _READ_WORDS


class _Parser(_ChainReader, _LayoutReader):
    """Walks the token list once, recognising equation chains and the phrases around them."""

    def run(self) -> list[Claim]:
        i = 0
        newlines = 0
        toks, kinds, words, n = self.toks, self.kinds, self.words, self.n
        # (The kind and word columns, not the token's fields: a word's text is its word, and any other token's
        # word is "", which no word set below holds.) A token is stepped over unless its word, or for a token
        # that is no word (its word is "") its kind, is one of _READ_KEYS.
        while i < n:
            kind = kinds[i]
            word = words[i]
            if (word or kind) not in _READ_KEYS:
                i += 1
                continue
            if kind == "para":
                self.verify_until = -1
            elif kind == "nl" and self.verify_until >= i:
                newlines += 1
                if newlines >= 3:
                    self.verify_until = -1
            elif (kind == "word" and word in _VERIFY_WORDS) or kind == "check":
                self.verify_until = self._paragraph_end(i)
                newlines = 0
            if kind == "word" and word in _PLACE_NOUNS:
                self._place_mark(i)
            # a number after a colon, "=" or a word that may end a label ("Row value: 69715", "so 9588")
            if kind == "num" and i > 0 and (kinds[i - 1] == "colon" or toks[i - 1].text == "="
                                            or (kinds[i - 1] == "word" and words[i - 1] in _LABEL_ENDS)):
                j = self._labelled_value(i)
                if j > i:
                    i = j
                    continue
            if kind == "rule" and not self._table_rule(i):
                self._layout_rows(i)
                j = self._stacked_total(i)
                if j > i:
                    i = j
                    continue
            if kind in ("num", "lp") or (kind == "word" and word in _PROSE_STARTS and not self._adds_zeros(i)):
                after = kinds[i + 1]
                if kind == "num" and after in _ALONE_BEFORE and (after != "sep" or toks[i + 1].text != "\\\\"):
                    j = i + 1  # what _chain would return: it reads the number alone, and nothing of it
                else:
                    j = self._chain(i)
                if j > i:
                    i = j
                    continue
            if ((kind in ("add", "sub") or word in ("plus", "minus")) and self._recent_value(i) is not None
                    and i - self.last_value_tok <= 3):
                j = self._continuation(i)
                if j > i:
                    i = j
                    continue
            if kind == "word" and word in _PHRASE_STARTS:
                j = self._phrase(i)
                if j > i:
                    i = j
                    continue
            i += 1
        if self.rows:
            self._attach_rows()
        self.claims.sort(key=_START)
        return self.claims

    def _table_rule(self, i: int) -> bool:
        """A rule between the bars of a Markdown table's separator row ("|---|:---:|"): it closes the table's
        header, not the rows of a multiplication written out in columns."""
        before = i - 1 if i < 1 or self.kinds[i - 1] != "colon" else i - 2
        after = i + 1 if i + 1 >= self.n or self.kinds[i + 1] != "colon" else i + 2
        return (before >= 0 and self.toks[before].text == "|") or (after < self.n and self.toks[after].text == "|")
