"""Reading prose phrases: "carry 5", "write 6", "shifted: 411030", "adding these up gives 4,073,764",
"the answer is 4,073,764", "split 892 into 800, 90 and 2", "N is the product of A and B".

A phrase states a value in words around one number, and what that value should be comes from the words
(and from the last value stated), not from an expression written beside it. Kept apart from chains because
its reading is a scan for a verb and a number a few words on, with its own vocabulary; chains call the two
phrases that hang off a lone number (`_product_of`, `_split_phrase`).
"""

from __future__ import annotations

from experiment.analysis.claims.claim import Claim
from experiment.analysis.claims.expressions import _ExpressionReader
from experiment.analysis.claims.state import (
    _APPROX_WORDS,
    _REFERENCE_WORDS,
    _REL_WORDS,
    _RESULT_WORDS,
    _SHIFT_WORDS,
    _SUM_WORDS,
)
from experiment.analysis.expr import Num, Product, Sum, is_flat_sum

_CARRY_WORDS = frozenset("carry carrying carried carries".split())
_CARRY_FILLER = frozenset("over the a of is down to next column our with".split())
_CARRIED_FILLER = _CARRY_FILLER - {"is"}
_WRITE_WORDS = frozenset("write writing put bring record keep place".split())
_WRITE_FILLER = frozenset("down the digit".split())
_PHRASE_STARTS = (_CARRY_WORDS | _WRITE_WORDS | _SHIFT_WORDS | _SUM_WORDS | _RESULT_WORDS
                  | frozenset(("append", "appending", "adding", "add")))
_ZERO_WORDS = frozenset(("zero", "zeros", "zeroes"))
_PRODUCT_OF_VERBS = ("is", "was", "equals")  # "N is the product of A and B"
_OPERATOR_WORDS = frozenset("times plus minus multiplied divided".split())
# "add a zero to the result to get 86380": a result referred to, not stated
_PREPOSITIONS = frozenset("to of from with in on into for".split())
_SPLIT_VERBS = frozenset(
    "split splitting break breaking broken decompose decomposing write written writing express expressed "
    "expressing think thought rewrite rewriting view seen separate separating".split()
)


class _PhraseReader(_ExpressionReader):
    """Phrases from a word on: each method adds the claim it read and returns the token after it (or the
    token it started at when it read nothing)."""

    def _phrase(self, i: int) -> int:
        word = self.words[i]
        if word in _CARRY_WORDS and self._incoming_carry(i):
            j = self._carry_added(i)
            if j > i:
                return j
        if word in _CARRY_WORDS or word in _WRITE_WORDS:
            ref = self._recent_value(i)
            filler = _CARRY_FILLER if word in _CARRY_WORDS else _WRITE_FILLER
            if word == "carried":
                filler = _CARRIED_FILLER  # "plus the 1 I carried is 57": the carry referred to, then the sum
            k = self._number_after(i + 1, filler, 5)
            if ref is None or k is None or self._starts_expression(k):
                return i
            tok = self.toks[k]
            kind = "carry" if word in _CARRY_WORDS else "write"
            self.claims.append(Claim(kind, tok.value, tok.start, tok.end, self.toks[i].start, ref=ref,  # type: ignore[arg-type]
                                     verification=self._in_verification(i)))
            return k + 1
        if word in _SHIFT_WORDS or self._adds_zeros(i):
            ref = self._recent_value(i)
            after = i + 1
            if self.kinds[after] == "num" and self._word(after + 1) in ("zero", "zeros", "zeroes"):
                after += 2  # "adding 2 zeros gives 519,099,700": the count of zeros is no value
            k = self._value_after_words(after, 8)
            if ref is None or k is None or self._starts_expression(k):
                return i
            tok = self.toks[k]
            self.claims.append(Claim("shift", tok.value, tok.start, tok.end, self.toks[i].start, ref=ref,  # type: ignore[arg-type]
                                     verification=self._in_verification(i)))
            self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), k + 1  # type: ignore[arg-type]
            return k + 1
        if word in _SUM_WORDS or (word in _RESULT_WORDS and self._word(i - 1) != "partial"
                                  and self._word(i - (2 if self._word(i - 1) == "the" else 1)) not in _PREPOSITIONS):
            k = self._value_after_words(i + 1, 8)
            if k is None or self._starts_expression(k) or self.words[k - 1] in _REFERENCE_WORDS:
                return i
            tok = self.toks[k]
            kind = "sum" if word in _SUM_WORDS else "result"
            if kind == "result" and any(self.words[m] in ("digit", "row") for m in range(i + 1, k)):
                return i  # "Result for this digit: 285341" labels a row (read as a labelled line), not the product
            self.claims.append(Claim(kind, tok.value, tok.start, tok.end, self.toks[i].start,  # type: ignore[arg-type]
                                     verification=self._in_verification(i)))
            self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), k + 1  # type: ignore[arg-type]
            return k + 1
        return i

    def _incoming_carry(self, i: int) -> bool:
        """ "with the carry 4", "Add carry 0", "plus the carry 1": the carry brought in and added, not one
        carried out."""
        k = i - 1 if self.words[i - 1] != "the" else i - 2
        return self.words[k] in ("with", "add", "adding", "plus")

    def _carry_added(self, i: int) -> int:
        """ "8 times 1 is 8; with the carry 4 that's 12": the last value plus the carry brought in is the value
        stated after it (a sum whose carry is checked against the last one carried out)."""
        base = self._recent_value(i)
        k = i + 1
        if base is None or self.kinds[k] != "num" or self._starts_expression(k):
            return i
        carry_tok = self.toks[k]
        m = k + 1
        seen = False
        while m < self.n and m - k <= 4 and self.kinds[m] != "num":
            kind, text = self.kinds[m], self.toks[m].text
            if kind in ("rel", "colon") or text in _REL_WORDS or text in ("that's", "makes", "it's"):
                seen = True
            elif kind not in ("comma", "word"):
                return i
            m += 1
        if not seen or self.kinds[m] != "num" or self._starts_expression(m):
            return i
        carry = Num(carry_tok.value, carry_tok.start, carry_tok.end)  # type: ignore[arg-type]
        carry.role = "carry"
        tok = self.toks[m]
        expr = Sum([(1, Num(base.value, base.start, base.end)), (1, carry)])
        self.claims.append(Claim("equation", tok.value, tok.start, tok.end, self.toks[i].start, expr=expr,  # type: ignore[arg-type]
                                 verification=self._in_verification(i)))
        self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), m + 1  # type: ignore[arg-type]
        return m + 1

    def _number_after(self, i: int, filler: frozenset[str], limit: int) -> int | None:
        k = i
        while k < self.n and k - i < limit:
            kind = self.kinds[k]
            if kind == "num":
                return k
            if kind in ("rel", "colon", "comma") or self.words[k] in filler:
                k += 1
                continue
            return None
        return None

    def _starts_expression(self, k: int) -> bool:
        nxt = self.kinds[k + 1]
        return nxt in ("mul", "div", "add", "sub") or self.words[k + 1] in _OPERATOR_WORDS

    def _adds_zeros(self, i: int) -> bool:
        """ "adding 2 zeros gives 519,099,700": a shift in words, not a sum of the numbers after it."""
        return self.words[i] in ("append", "appending", "adding", "add") and self._zero_words(i)

    def _zero_words(self, i: int) -> bool:
        """ "zero", "zeros" or "zeroes" among the three words after token i (`words` is _word for k < n)."""
        return not _ZERO_WORDS.isdisjoint(self.words[i + 1:min(i + 4, self.n)])

    def _value_after_words(self, i: int, limit: int) -> int | None:
        """Index of the number that follows a phrase such as "adding these up, we get:"."""
        seen = False
        k = i
        while k < self.n and k - i < limit:
            tok = self.toks[k]
            if tok.kind == "num":
                return k if seen else None
            if tok.kind == "approx" or tok.text in _APPROX_WORDS:
                return None
            if tok.kind in ("rel", "colon") or tok.text in _REL_WORDS or tok.text in ("it's", "that's"):
                seen = True  # "shifted it's 7422300"
            elif tok.kind not in ("word", "comma"):
                return None
            k += 1
        return None

    def _product_of(self, value: Num, i: int, j: int) -> int:
        """ "9729998652 is the product of 123456 and 789012": a value stated before its computation."""
        words = self.words
        k = j
        if words[k] not in _PRODUCT_OF_VERBS:
            return j
        k += 1
        if words[k] == "the":
            k += 1
        if words[k] not in ("product", "result") or words[k + 1] != "of" or self.kinds[k + 2] != "num":
            return j
        if words[k + 3] not in ("and", "by", "times") or self.kinds[k + 4] != "num":
            return j
        left, right = self.toks[k + 2], self.toks[k + 4]
        expr = Product([Num(left.value, left.start, left.end), Num(right.value, right.start, right.end)])  # type: ignore[arg-type]
        self.claims.append(Claim("equation", value.value, value.start, value.end, value.start, expr=expr,
                                 verification=self._in_verification(i)))
        return k + 5

    def _split_phrase(self, whole: Num, i: int, j: int) -> int:
        """ "split 892 into 800, 90 and 2", "Write 98766 as 100000 − 234", "8901234 can be written as
        8,000,000 + 900,000 + 12,000 + 34": the parts claim to add up to the number they replace."""
        words = self.words
        k = j
        while k < self.n and k - j < 6 and self.kinds[k] == "word" and words[k] not in ("as", "into"):
            k += 1
        if words[k] not in ("as", "into") or not any(
            words[m] in _SPLIT_VERBS for m in range(max(0, i - 4), k)
        ):
            return j
        k += 1
        while words[k] in ("the", "parts", "its"):
            k += 1
        nums: list[Num] = []
        summed = self._sum(k) if self.kinds[k] == "num" else None
        if summed is not None and is_flat_sum(summed[0]):
            terms = summed[0].terms  # type: ignore[union-attr]
            end = summed[1]
        else:
            end = k
            while self.kinds[end] == "num":
                tok = self.toks[end]
                nums.append(Num(tok.value, tok.start, tok.end))  # type: ignore[arg-type]
                end += 1
                while self.kinds[end] == "comma" or words[end] == "and":
                    end += 1
            terms = [(1, num) for num in nums]
        if len(terms) < 2:
            return j
        first, last = terms[0][1], terms[-1][1]
        self.claims.append(Claim("equation", whole.value, first.start, last.end, self.toks[i].start,  # type: ignore[union-attr]
                                 expr=Sum(list(terms)), verification=self._in_verification(i),
                                 decomposition=True))
        self.decompositions.append([sign * t.value for sign, t in terms])  # type: ignore[union-attr]
        return end
