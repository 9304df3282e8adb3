"""Reading expressions: "4567 x (800 + 90 + 2)", "12^2", "3,653,600 + 411,030", "multiply 4567 by 8".

An expression is the operand side of every claim: chains relate expressions, a split phrase reads its parts
as one, a continuation ("plus carry 3 = 59") extends the last value into one. It is kept apart because it
is the one reading that is a grammar (factor, power, term, sum) rather than a search for nearby words, and
the others only call it.
"""

from __future__ import annotations

from experiment.analysis.claims.state import _ReadingState
from experiment.analysis.expr import Node, Num, Product, Quotient, Sum

_TERM_SKIP = frozenset("the carry carried our a of another remaining last final".split())
_PROSE_STARTS = frozenset("multiply multiplying add adding sum summing combine combining".split())
_TO_TOTAL = frozenset("to that this it the total sum previous result our running".split())
# What may follow a number in the same term (a power, an operator of a product, a parenthesis): after any
# other token, `_term` reads the number alone (a superset here only means the full read is made).
_GOES_ON = frozenset(("pow", "mul", "div", "lp"))
_GOES_ON_WORDS = frozenset(("times", "multiplied", "divided"))


class _ExpressionReader(_ReadingState):
    """Expressions from a token on: each method returns the node read and the token after it, or None."""

    def _factor(self, i: int) -> tuple[Node, int] | None:
        kind = self.kinds[i]
        if kind == "num":
            tok = self.toks[i]
            node: Node = Num(tok.value, tok.start, tok.end)  # type: ignore[arg-type]
            if self.kinds[i + 1] == "pow":
                return self._power(node, i + 1)
            return node, i + 1
        if kind == "lp":
            inner = self._sum(i + 1)
            if inner is not None and self.kinds[inner[1]] == "rp":
                if self.kinds[inner[1] + 1] == "pow":
                    return self._power(inner[0], inner[1] + 1)
                return inner[0], inner[1] + 1
        return None

    def _power(self, base: Node, i: int) -> tuple[Node, int]:
        """ "11²", "12^2": a square or cube, read as the product it is. Any other power ends the term."""
        text = self.toks[i].text
        count = "²³".find(text) + 2 if text in "²³" else 0
        j = i + 1
        if text == "^" and self.kinds[j] == "num" and self.toks[j].value in (2, 3):
            count, j = self.toks[j].value, j + 1  # type: ignore[assignment]
        if not count:
            return base, i
        if not isinstance(base, Num):
            return Product([base] * count), j  # "(1000 − 1)²": the same written numbers, used twice
        return Product([base] + [Num(base.value, base.start, base.end) for _ in range(count - 1)]), j

    def _term(self, i: int) -> tuple[Node, int] | None:
        kinds, words = self.kinds, self.words
        if kinds[i] == "num" and kinds[i + 1] != "pow":
            # what `_factor` reads of a plain number, without the call: most terms start with one
            tok = self.toks[i]
            node: Node = Num(tok.value, tok.start, tok.end)  # type: ignore[arg-type]
            j = i + 1
        else:
            first = self._factor(i)
            if first is None:
                return None
            node, j = first
        factors = [node]
        while j < self.n:
            kind, word = kinds[j], words[j]
            if kind == "mul" or word == "times":
                k = j + 1
            elif word == "multiplied" and words[j + 1] == "by":
                k = j + 2
            elif kind == "div" or (word == "divided" and words[j + 1] == "by"):
                k = j + 1 if kind == "div" else j + 2
                divisor = self._factor(k)
                if divisor is None:
                    break
                dividend = factors[0] if len(factors) == 1 else Product(factors)
                factors = [Quotient(dividend, divisor[0])]
                j = divisor[1]
                continue
            elif kind == "lp" and isinstance(factors[-1], Num) and self.toks[j].start == self.toks[j - 1].end:
                k = j  # implicit multiplication, only when written without a gap: 4567(800 + 90 + 2)
            else:
                break
            if kinds[k] == "num" and kinds[k + 1] != "pow":
                tok = self.toks[k]  # a plain number, as `_factor` reads it, without the call
                factors.append(Num(tok.value, tok.start, tok.end))  # type: ignore[arg-type]
                j = k + 1
                continue
            nxt = self._factor(k)
            if nxt is None:
                break
            factors.append(nxt[0])
            j = nxt[1]
        return (factors[0] if len(factors) == 1 else Product(factors)), j

    def _sum(self, i: int, first: Node | None = None) -> tuple[Node, int] | None:
        kinds, words = self.kinds, self.words
        if first is None:
            if kinds[i] == "num" and kinds[i + 1] not in _GOES_ON and words[i + 1] not in _GOES_ON_WORDS:
                # a number alone is the term `_term` reads there, without the call: most terms are one
                tok = self.toks[i]
                first, j = Num(tok.value, tok.start, tok.end), i + 1  # type: ignore[arg-type]
            else:
                head = self._term(i)
                if head is None:
                    return None
                first, j = head
        else:
            j = i
        terms: list[tuple[int, Node]] = [(1, first)]
        while j < self.n:
            kind, word = kinds[j], words[j]
            if kind == "add" or word == "plus":
                sign, k = 1, j + 1
            elif kind == "lp" and kinds[j + 1] == "add" and self._closes_carry(j + 2):
                # "0 × 9 = 0 (+3) = 3", "36 (+ carry 0)": the carry added in parentheses
                sign, k = 1, j + 2
            elif word == "added" and words[j + 1] == "to":
                sign, k = 1, j + 2
            elif kind == "sub" or word == "minus":
                sign, k = -1, j + 1
            else:
                break
            carry = False
            while words[k] in _TERM_SKIP:
                carry = carry or words[k] in ("carry", "carried")
                k += 1
            if kinds[k] == "num" and kinds[k + 1] not in _GOES_ON and words[k + 1] not in _GOES_ON_WORDS:
                tok = self.toks[k]
                nxt = Num(tok.value, tok.start, tok.end), k + 1  # (as for the first term)
            else:
                nxt = self._term(k)  # type: ignore[assignment]
                if nxt is None:
                    break
            j = nxt[1]
            if words[j] in ("i", "we") and words[j + 1] == "carried":
                j += 1  # "plus the 1 I carried is 57": the carry, named after its value
            if words[j] == "carried":
                carry, j = True, j + 1
                j += words[j] in ("over", "earlier", "before")
            if kinds[j] == "rp" and kind == "lp":
                j += 1
            if carry and isinstance(nxt[0], Num):
                nxt[0].role = "carry"
            terms.append((sign, nxt[0]))
        return (first if len(terms) == 1 else Sum(terms)), j

    def _closes_carry(self, k: int) -> bool:
        """Token k starts "3)" or "carry 3)": one number, maybe named a carry, and the parenthesis closed."""
        while self.words[k] in _TERM_SKIP:
            k += 1
        return self.kinds[k] == "num" and self.kinds[k + 1] == "rp"

    def _prose_expression(self, i: int) -> tuple[Node, int] | None:
        """ "multiply 4567 by 8", "add 3,653,600 and 411,030", "the sum of A, B and C"."""
        word = self.words[i]
        if word not in _PROSE_STARTS:
            return None
        if word in ("multiply", "multiplying"):
            left = self._term(i + 1)
            if left is not None and self._word(left[1]) == "by":
                right = self._term(left[1] + 1)
                if right is not None:
                    return Product([left[0], right[0]]), right[1]
            return None
        if word in ("add", "adding", "sum", "summing", "combine", "combining"):
            k = i + 1
            if word == "sum" and self._word(k) == "of":
                k += 1
            nums: list[Num] = []
            while self._kind(k) == "num":
                tok = self.toks[k]
                nums.append(Num(tok.value, tok.start, tok.end))  # type: ignore[arg-type]
                k += 1
                while self._kind(k) in ("comma", "add") or self._word(k) in ("and", "to", "plus", "with"):
                    k += 1
            if len(nums) >= 2 and self._kind(k) not in ("mul", "div"):
                return Sum([(1, num) for num in nums]), k
            if len(nums) == 1 and word in ("add", "adding") and self._kind(k) not in ("mul", "div"):
                # "587,694,720, and adding 4,591,365 gives 592,296,085": added to the running total
                while self._word(k) in _TO_TOTAL:
                    k += 1
                base = self._running_total(i)
                if base is not None:
                    return Sum([(1, Num(base.value, base.start, base.end)), (1, nums[0])]), k
        return None

    def _running_total(self, i: int) -> Num | None:
        """The last result before token i in the same paragraph, within a few lines: what "adding N"
        adds to."""
        if self.last_value is None or i - self.last_value_tok > 40 or self.last_value_tok > i:
            return None
        breaks = 0
        for k in range(self.last_value_tok, i):
            kind = self.kinds[k]
            if kind == "para":
                return None
            breaks += kind == "nl"
        return self.last_value if breaks <= 1 else None
