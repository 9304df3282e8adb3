"""The parser: reasoning text -> claims about numbers, each with the span of the claimed value.

A claim is anything the model asserts that can be recomputed: "7 x 8 = 56", "write 6, carry 5",
"4567 x 90 = 411,030", "3,653,600 + 411,030 = 4,064,630", "adding these up gives 4,073,764",
"the answer is 4,073,764". The parser does not judge; it only records what was asserted, from which
written numbers, and where. Estimates ("about 4 million") are never claims, so a guess is never
mistaken for a computation.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from experiment.analysis.expr import Node, Num, Product, Quotient, Sum, evaluate, has_operator, is_flat_sum, leaves
from experiment.analysis.tokens import Token, number_tokens, parser_tokens


@dataclass(slots=True, eq=False)
class Claim:
    """One assertion. `kind` is the parser's view of its shape:

    - "equation": `expr` evaluates to `claimed` ("4567 x 8 = 36536");
    - "carry" / "write": the carry or the written digit of the value `ref` ("56 ... carry 5");
    - "shift": `ref` moved left by the place value it belongs to ("41103, shifted: 411030");
    - "sum": the sum of the partial products so far, without writing them ("adding up: 4073764");
    - "result": a stated product without a computation ("the product is 4073764").
    """

    kind: str
    claimed: int
    start: int
    end: int
    step_start: int
    expr: Node | None = None
    ref: Num | None = None
    verification: bool = False
    decomposition: bool = False
    place: int = -1  # the place the model says a multiplier digit stands at ("the hundreds digit": 2)
    row: int = -1  # in a written-out layout "N / x M / ---": the k-th row under the rule (units row 0)
    layout: tuple[int, int] | None = None  # (N, M) of that layout
    expansion: bool = False  # a decomposition read from the rows of an expansion, not written as a split


_REL_WORDS = frozenset(
    "equals equal is are gives give giving get gets got getting makes making yields becomes was be comes "
    "obtain obtained".split()
)
_REL_FILLER = frozenset(
    "we i you to which that that's thats this it so then in out us result results of a an the partial "
    "product products value will would should now finally answer sum total first second third".split()
)
_APPROX_WORDS = frozenset("approximately about roughly around approx nearly almost estimated estimate".split())
_CARRY_WORDS = frozenset("carry carrying carried carries".split())
_CARRY_FILLER = frozenset("over the a of is down to next column our with".split())
_WRITE_WORDS = frozenset("write writing put bring record keep place".split())
_WRITE_FILLER = frozenset("down the digit".split())
_ARROWS = frozenset(("->", "→", "\\to", "\\rightarrow"))
_SHIFT_WORDS = frozenset("shift shifted shifting shifts".split())
_SUM_WORDS = frozenset("adding add sum total summing altogether together combine combining".split())
_RESULT_WORDS = frozenset("answer product result".split())
_VERIFY_WORDS = frozenset(
    "verify verifying verification check checking confirm confirming sanity recheck".split()
)
_AFFIRM_WORDS = frozenset("correct yes right matches good".split())
_TERM_SKIP = frozenset("the carry carried our a of another remaining last final".split())
_PROSE_STARTS = frozenset("multiply multiplying add adding sum summing combine combining".split())
_PHRASE_STARTS = (_CARRY_WORDS | _WRITE_WORDS | _SHIFT_WORDS | _SUM_WORDS | _RESULT_WORDS
                  | frozenset(("append", "appending", "adding", "add")))


_OPERATOR_WORDS = frozenset("times plus minus multiplied divided".split())
# "add a zero to the result to get 86380": a result referred to, not stated
_PREPOSITIONS = frozenset("to of from with in on into for".split())

# "the products obtained in step 2": a number that names a step, not a value
_REFERENCE_WORDS = frozenset(
    "step steps row rows line lines part parts equation digit digits position positions".split()
)

_PLACE_NOUNS = frozenset("digit place column positions position places".split())
_PLACE_NAMES = {"units": 0, "unit": 0, "ones": 0, "one": 0, "tens": 1, "ten": 1, "hundreds": 2, "hundred": 2,
                "thousands": 3, "thousand": 3, "millions": 6, "million": 6, "billions": 9, "billion": 9}
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_SHIFTED_LABEL = frozenset("zeros zeroes zero shifted shift shifting moved placed appended".split())
_TO_TOTAL = frozenset("to that this it the total sum previous result our running".split())

_START = attrgetter("start")
_PAD = 4  # lookahead never goes further than two tokens past the end


class _Parser:
    """Walks the token list once, recognising equation chains and the phrases around them."""

    def __init__(self, text: str, tokens: list[Token] | None = None) -> None:
        self.toks: list[Token] = parser_tokens(text) if tokens is None else tokens
        self.n = len(self.toks)
        # Kind and word (or "") of every token, with blanks past the end: the hot paths index these
        # directly instead of calling _kind and _word (which they equal for 0 <= i < n + _PAD).
        self.kinds: list[str] = [tok.kind for tok in self.toks] + [""] * _PAD
        self.words: list[str] = [tok.text if tok.kind == "word" else "" for tok in self.toks] + [""] * _PAD
        self.claims: list[Claim] = []
        self.decompositions: list[list[int]] = []
        self.last_value: Num | None = None
        self.last_value_tok = -10
        self.verify_until = -1
        self.para_ends: list[int] | None = None
        self.places: list[tuple[int, int]] = []  # (token index, place) of each place named
        self.rows: dict[int, tuple[int, tuple[int, int], int]] = {}  # start -> (row index, (N, M), token)

    # ---- token helpers -------------------------------------------------------------------
    def _kind(self, i: int) -> str:
        return self.toks[i].kind if i < self.n else ""

    def _word(self, i: int) -> str:
        tok = self.toks[i] if 0 <= i < self.n else None  # never wrap around to the end
        return tok.text if tok is not None and tok.kind == "word" else ""

    # ---- expressions -----------------------------------------------------------------------
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
        first = self._factor(i)
        if first is None:
            return None
        node, j = first
        factors = [node]
        kinds, words = self.kinds, self.words
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
            nxt = self._factor(k)
            if nxt is None:
                break
            factors.append(nxt[0])
            j = nxt[1]
        return (factors[0] if len(factors) == 1 else Product(factors)), j

    def _sum(self, i: int, first: Node | None = None) -> tuple[Node, int] | None:
        if first is None:
            head = self._term(i)
            if head is None:
                return None
            first, j = head
        else:
            j = i
        terms: list[tuple[int, Node]] = [(1, first)]
        kinds, words = self.kinds, self.words
        while j < self.n:
            kind, word = kinds[j], words[j]
            if kind == "add" or word == "plus":
                sign, k = 1, j + 1
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
            nxt = self._term(k)
            if nxt is None:
                break
            if carry and isinstance(nxt[0], Num):
                nxt[0].role = "carry"
            terms.append((sign, nxt[0]))
            j = nxt[1]
        return (first if len(terms) == 1 else Sum(terms)), j

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

    # ---- relations and chains --------------------------------------------------------------
    def _relation(self, j: int, after_operator: bool) -> tuple[int, bool] | None:
        """Skip "=", "is", ", which gives", ": " ... up to the next number; report an estimate."""
        seen = approx = False
        k, limit = j, 7
        while k < self.n and k - j < limit:
            tok = self.toks[k]
            kind = tok.kind
            if kind == "rel":
                seen = True
            elif kind == "approx":
                seen = approx = True
            elif kind == "colon":
                if not after_operator:
                    return None
                seen = True
            elif kind == "comma":
                pass
            elif kind == "sep" and tok.text in "|&" and after_operator:
                seen = True  # a table cell: "| 4567 x 2 | 9,134 |"
            elif (kind == "nl" or (kind == "sep" and tok.text == "\\\\")) and not seen and self._continues(k):
                pass  # a derivation over lines: "... \\ &= 3653600 + 411030", "\n= 100 + 20 + 20 + 4"
            elif kind == "word":
                if tok.text in _REL_WORDS:
                    seen = True
                elif tok.text in _APPROX_WORDS:
                    approx = True
                elif tok.text not in _REL_FILLER:
                    return None
            elif kind == "lp" and not seen and after_operator:
                close = self._remark_end(k)
                if close is None:
                    break
                limit += close - k  # the remark's words do not count against the look-ahead
                k = close  # "12345 × 8 (for the tens place) = 98660": a remark in words, skipped
            elif kind in ("num", "lp"):
                break
            else:
                return None
            k += 1
        if seen and self.kinds[k] in ("num", "lp"):
            return k, approx
        return None

    def _continues(self, k: int) -> bool:
        """The line after token k starts with "=" or "&=": the equation goes on."""
        m = k + 1
        while self.kinds[m] in ("nl", "sep") and m - k < 4:
            if self.kinds[m] == "sep" and self.toks[m].text == "&":
                break
            m += 1
        if self.kinds[m] == "sep" and self.toks[m].text == "&":
            m += 1
        return self.kinds[m] == "rel"

    def _remark_end(self, k: int, allow_numbers: bool = False) -> int | None:
        """Index of the ")" closing a parenthesis at k that holds only words, or None."""
        for m in range(k + 1, min(k + 12, self.n)):
            kind = self.kinds[m]
            if kind == "rp":
                return m if m > k + 1 else None
            if kind not in ("word", "comma") and not (allow_numbers and kind == "num"):
                return None
        return None

    def _chain(self, i: int, first: tuple[Node, int] | None = None) -> int:
        start_tok = i
        if first is None:
            first = self._prose_expression(i) or self._sum(i)
        if first is None:
            return i
        elements: list[Node] = [first[0]]
        approx_links: list[bool] = []
        j = first[1]
        if isinstance(first[0], Num):
            k = self._product_of(first[0], start_tok, j)
            if k > j:
                return k
        written_digit: Token | None = None
        while True:
            if len(elements) >= 2 and isinstance(elements[-1], Num) and self._writes_digit(j):
                # "9·3 + 0 = 27 -> 7, carry 2": the digit written down, the carry still from 27
                j += 2 if self.words[j + 1] == "digit" else 1
                written_digit, j = self.toks[j], j + 1
                break
            rel = self._relation(j, has_operator(elements[-1]))
            if rel is None:
                break
            nxt = self._sum(rel[0])
            if nxt is None:
                break
            elements.append(nxt[0])
            approx_links.append(rel[1])
            j = nxt[1]
        if len(elements) == 1:
            node = first[0]
            if isinstance(node, Num):
                k = self._split_phrase(node, start_tok, j)
                if k > j:
                    return k

            elif self._row_header(node, start_tok, j):
                return j
            elif _is_unbracketed_split(node):
                # "1234 multiplied by 5000 plus 700 plus 60 plus 8": the multiplier written as its parts.
                parts = [t for _, t in node.terms]  # type: ignore[union-attr]
                self.claims.append(Claim("split", 0, parts[0].factors[1].start, parts[-1].end,  # type: ignore[union-attr]
                                         self.toks[start_tok].start, expr=node,
                                         verification=self._in_verification(start_tok)))
                return j
            j = self._annotation(node, j)
            return max(j, start_tok + 1)
        step_start = self.toks[start_tok].start
        verification = self._in_verification(start_tok)
        made: list[Claim] = []
        for link, ((left, right), approx) in enumerate(zip(zip(elements, elements[1:]), approx_links)):
            if approx:
                break  # everything after "≈" in a chain is an estimate, not a computation
            made.extend(self._link_claims(left, right, step_start, verification, link == len(approx_links) - 1))
        if self.places and made and isinstance(elements[0], Product):
            place = self._recent_place(start_tok)
            if place >= 0:
                made[0].place = place
        self._register_decompositions(elements)
        if self.words[j] == "followed" and isinstance(elements[-1], Num):
            # "123456 * 700000 is 864192 followed by five zeros": the last number is not the value
            made = [claim for claim in made if claim.start != elements[-1].start]
        if written_digit is not None and made:
            self.claims.append(Claim("write", written_digit.value, written_digit.start, written_digit.end,  # type: ignore[arg-type]
                                     written_digit.start, ref=elements[-1], verification=verification))  # type: ignore[arg-type]
        self.claims.extend(made)
        if isinstance(elements[-1], Num) and not any(approx_links):
            self.last_value, self.last_value_tok = elements[-1], j
        if made and self._affirmed(j):
            for claim in made:
                claim.verification = True
        return j

    def _row_header(self, node: Node, i: int, j: int) -> bool:
        """ "Multiply 843 by 8:" heading the digit-by-digit work of a row: the multiplier digit it names is
        read (a digit claim without a place, `ref` the number multiplied), so a misread one is found there."""
        if not (isinstance(node, Product) and self.words[i] in ("multiply", "multiplying")
                and self.kinds[j] in ("colon", "nl", "para") and len(node.factors) == 2
                and all(isinstance(f, Num) for f in node.factors)):
            return False
        whole, digit = node.factors
        if digit.value > 9:  # type: ignore[union-attr]
            return False
        self.claims.append(Claim("digit", digit.value, digit.start, digit.end, self.toks[i].start,  # type: ignore[union-attr]
                                 place=-1, ref=whole, verification=self._in_verification(i)))  # type: ignore[arg-type]
        return True

    def _writes_digit(self, j: int) -> bool:
        """An arrow to one digit after a computed value ("= 27 -> 7")."""
        k = j + 2 if self.words[j + 1] == "digit" else j + 1  # "= 42 -> digit 2"
        return (self.kinds[j] == "rel" and self.toks[j].text in _ARROWS and self.kinds[k] == "num"
                and len(self.toks[k].text) == 1 and self.kinds[k + 1] not in ("mul", "add", "sub", "rel", "div"))

    def _product_of(self, value: Num, i: int, j: int) -> int:
        """ "9729998652 is the product of 123456 and 789012": a value stated before its computation."""
        words = self.words
        k = j
        if words[k] not in ("is", "was", "equals"):
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

    def _annotation(self, node: Node, j: int) -> int:
        """ "9134 (4567 x 2)": a number followed by the computation it came from."""
        if isinstance(node, Num) and self._kind(j) == "lp":
            inner = self._sum(j + 1)
            if inner is not None and self.kinds[inner[1]] == "comma":
                # "19753086420 (8 * 987654321, shifted one position to the left)"
                close = self._remark_end(inner[1], allow_numbers=True)
                if close is not None:
                    inner = (inner[0], close)
            if inner is not None and has_operator(inner[0]) and self._kind(inner[1]) == "rp":
                self.claims.append(
                    Claim("equation", node.value, node.start, node.end, node.start, expr=inner[0],
                          verification=self._in_verification(j))
                )
                self.last_value, self.last_value_tok = node, inner[1] + 1
                return inner[1] + 1
        return j

    def _link_claims(self, left: Node, right: Node, step_start: int, verification: bool,
                     last: bool = False) -> list[Claim]:
        if isinstance(right, Num) and has_operator(left):
            return [Claim("equation", right.value, right.start, right.end, step_start, expr=left,
                          verification=verification)]
        if isinstance(left, Num) and isinstance(right, Sum) and (
            is_flat_sum(right) or _value(right) == left.value or _is_chunk_split(right)
        ):
            # "892 = 800 + 90 + 2"; "8901234 = 8901 * 1000 + 234" when it adds up; a split into chunks by
            # powers of ten ("48213377 = 4821 × 10^4 + 3377") whether it adds up or not
            first, last = leaves(right)[0], leaves(right)[-1]
            return [Claim("equation", left.value, first.start, last.end, step_start, expr=right,  # type: ignore[union-attr]
                          verification=verification, decomposition=True)]
        if isinstance(left, Product) and isinstance(right, Product) and len(left.factors) == len(right.factors) == 2:
            return self._decomposition_claims(left, right, step_start, verification)
        factored = _factored(left, right)
        if factored is not None:
            # "84 × 76 = 84 × 75 + 84", "a × 789012 = a × 789000 + a × 12": the multiplier split
            first, last = leaves(right)[0], leaves(right)[-1]
            return [Claim("equation", factored[0].value, first.start, last.end, step_start, expr=factored[1],
                          verification=verification, decomposition=True)]
        regrouped = _regrouped(left, right)
        if regrouped is not None:
            # "a × (3 + 800 + 8000) = a × 3 + a × 8000": the rows written must be one per part; a part
            # left out (or written twice) makes the rows' multipliers a split that does not add up
            whole, rows = regrouped
            first, last = leaves(rows)[0], leaves(rows)[-1]
            return [Claim("equation", whole, first.start, last.end, step_start, expr=rows,
                          verification=verification, decomposition=True, expansion=True)]
        rows = _rows_of_parts(left, right)
        if rows:
            # "a × (2 + 70 + 300) = a × 2 + a × 70 + a × 900": each row's multiplier must be its part
            return [Claim("part", m.value, m.start, m.end, step_start, ref=part, verification=verification)
                    for part, m in rows]
        expansion = _expansion(left, right)
        if expansion is not None:
            # "86 × (100 − 3) = 8600 − 258": each term of the sum is the multiplier times one part
            x, parts = expansion
            return [Claim("equation", term.value, term.start, term.end, step_start,  # type: ignore[union-attr]
                          expr=Product([x, part]), verification=verification)
                    for (_, part), (_, term) in zip(parts.terms, right.terms)  # type: ignore[union-attr]
                    if isinstance(term, Num)]
        if (not last and isinstance(left, Product) and all(isinstance(f, Num) for f in left.factors)
                and isinstance(right, Sum) and isinstance(right.terms[0][1], Num) and _value(left) != _value(right)):
            # "6 x 2 = 12 plus 5 = 17": the product is claimed by the first term of the next sum.
            head = right.terms[0][1]
            return [Claim("equation", head.value, head.start, head.end, step_start, expr=left,
                          verification=verification)]
        if isinstance(left, Sum) and isinstance(right, Sum) and len(right.terms) < len(left.terms):
            # "A + B + C = D + C": the new term D adds up the terms not carried over (A + B)
            kept = [t.value for _, t in right.terms if isinstance(t, Num)]
            fresh = [t for _, t in right.terms if isinstance(t, Num) and t.value not in
                     [u.value for _, u in left.terms if isinstance(u, Num)]]
            merged = [(sign, t) for sign, t in left.terms if not (isinstance(t, Num) and t.value in kept)]
            if len(fresh) == 1 and len(merged) >= 2 and all(isinstance(t, Num) for _, t in merged):
                return [Claim("equation", fresh[0].value, fresh[0].start, fresh[0].end, step_start,
                              expr=Sum(merged), verification=verification)]
        if isinstance(left, Sum) and isinstance(right, Sum) and len(left.terms) == len(right.terms):
            out = []
            for (_, lt), (_, rt) in zip(left.terms, right.terms):
                if isinstance(rt, Num) and has_operator(lt):
                    out.append(Claim("equation", rt.value, rt.start, rt.end, step_start, expr=lt,
                                     verification=verification))
            return out
        return []

    def _decomposition_claims(self, left: Product, right: Product, step_start: int, verification: bool) -> list[Claim]:
        """ "729 x 64 = 729 x (60 + 4)": the parts claim to add up to the number they replace."""
        out = []
        for written, parts in zip(left.factors, right.factors):
            if isinstance(written, Num) and is_flat_sum(parts):
                first, last = parts.terms[0][1], parts.terms[-1][1]  # type: ignore[union-attr]
                out.append(Claim("equation", written.value, first.start, last.end, step_start,  # type: ignore[union-attr]
                                 expr=parts, verification=verification, decomposition=True))
        return out

    def _register_decompositions(self, elements: list[Node]) -> None:
        for node in elements:
            if isinstance(node, Product):
                for factor in node.factors:
                    if is_flat_sum(factor):
                        self.decompositions.append([t.value for _, t in factor.terms])  # type: ignore[union-attr]

    def _affirmed(self, j: int) -> bool:
        """A check mark or "(correct)" right after a claim, on the same line."""
        kinds, words = self.kinds, self.words
        for k in range(j, min(j + 4, self.n)):
            kind = kinds[k]
            if kind == "check" or words[k] in _AFFIRM_WORDS:
                return True
            if kind in ("nl", "para", "num"):
                return False
        return False

    def _in_verification(self, i: int) -> bool:
        return i <= self.verify_until

    # ---- phrases around numbers ------------------------------------------------------------
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

    def _recent_value(self, i: int) -> Num | None:
        """The value a carry or a shift refers to: the last result on the same line."""
        if self.last_value is None or i - self.last_value_tok > 12:
            return None
        kinds = self.kinds
        for k in range(self.last_value_tok, i):
            if kinds[k] in ("nl", "para"):
                return None
        return self.last_value

    def _starts_expression(self, k: int) -> bool:
        nxt = self.kinds[k + 1]
        return nxt in ("mul", "div", "add", "sub") or self.words[k + 1] in _OPERATOR_WORDS

    def _phrase(self, i: int) -> int:
        word = self.words[i]
        if word in _CARRY_WORDS or word in _WRITE_WORDS:
            ref = self._recent_value(i)
            filler = _CARRY_FILLER if word in _CARRY_WORDS else _WRITE_FILLER
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
            self.claims.append(Claim(kind, tok.value, tok.start, tok.end, self.toks[i].start,  # type: ignore[arg-type]
                                     verification=self._in_verification(i)))
            self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), k + 1  # type: ignore[arg-type]
            return k + 1
        return i

    def _adds_zeros(self, i: int) -> bool:
        """ "adding 2 zeros gives 519,099,700": a shift in words, not a sum of the numbers after it."""
        return self.words[i] in ("append", "appending", "adding", "add") and self._zero_words(i)

    def _zero_words(self, i: int) -> bool:
        return any(self._word(k) in ("zero", "zeros", "zeroes") for k in range(i + 1, min(i + 4, self.n)))

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
            if tok.kind in ("rel", "colon") or tok.text in _REL_WORDS:
                seen = True
            elif tok.kind not in ("word", "comma"):
                return None
            k += 1
        return None

    # ---- driver -----------------------------------------------------------------------------
    def run(self) -> list[Claim]:
        i = 0
        newlines = 0
        while i < self.n:
            tok = self.toks[i]
            kind = tok.kind
            if kind == "para":
                self.verify_until = -1
            elif kind == "nl" and self.verify_until >= i:
                newlines += 1
                if newlines >= 3:
                    self.verify_until = -1
            elif (kind == "word" and tok.text in _VERIFY_WORDS) or kind == "check":
                self.verify_until = self._paragraph_end(i)
                newlines = 0
            if kind == "word" and tok.text in _PLACE_NOUNS:
                self._place_mark(i)
            if kind == "num" and self.kinds[i - 1] in ("colon", "word") and i > 0:
                j = self._labelled_value(i)
                if j > i:
                    i = j
                    continue
            if kind == "rule":
                self._layout_rows(i)
                j = self._stacked_total(i)
                if j > i:
                    i = j
                    continue
            if kind in ("num", "lp") or (kind == "word" and tok.text in _PROSE_STARTS and not self._adds_zeros(i)):
                j = self._chain(i)
                if j > i:
                    i = j
                    continue
            if ((kind in ("add", "sub") or tok.text in ("plus", "minus")) and self._recent_value(i) is not None
                    and i - self.last_value_tok <= 3):
                j = self._continuation(i)
                if j > i:
                    i = j
                    continue
            if kind == "word" and tok.text in _PHRASE_STARTS:
                j = self._phrase(i)
                if j > i:
                    i = j
                    continue
            i += 1
        if self.rows:
            self._attach_rows()
        self.claims.sort(key=_START)
        return self.claims

    # ---- places --------------------------------------------------------------------------------
    def _place_mark(self, i: int) -> None:
        """ "the hundreds digit", "ten-thousands place", "shifted two positions": where a digit stands."""
        words = self.words
        place = -1
        if words[i] in ("digit", "place", "column"):
            k = i - 1
            name = words[k]
            if name in _PLACE_NAMES:
                place = _PLACE_NAMES[name]
                k -= 1
                if self.kinds[k] == "sub":
                    k -= 1
                if words[k] in ("ten", "hundred") and place >= 3:
                    place += 1 if words[k] == "ten" else 2
        elif words[i] in ("positions", "position", "places") and words[i - 2] in _SHIFT_WORDS:
            count = words[i - 1]
            if count in _COUNT_WORDS:
                place = _COUNT_WORDS[count]
            elif self.kinds[i - 1] == "num":
                place = self.toks[i - 1].value  # type: ignore[assignment]
        if place >= 0:
            self.places.append((i, place))
            if words[i] in ("digit", "place"):
                self._digit_named(i, place)
        elif words[i] == "digit" and self.kinds[i + 1] == "num" and self.kinds[i + 2] == "colon" and (
                words[i - 1] in ("the", "") or self.kinds[i - 1] in ("nl", "para")):
            # "Taking the digit 6:" heading a row's digit work
            tok = self.toks[i + 1]
            if tok.value is not None and tok.value <= 9:
                self.claims.append(Claim("digit", tok.value, tok.start, tok.end, self.toks[i].start, place=-1,
                                         verification=self._in_verification(i)))

    def _labelled_value(self, i: int) -> int:
        """ "Row value: 69715", "With its zeros: 5907000": a line of words, a colon and one number. What
        it should be is the checker's to say from the work before it (the row of the digit just worked
        through, or that row moved to its place when the label speaks of zeros or a shift)."""
        kinds, words = self.kinds, self.words
        num = i
        k = i - 1
        if kinds[k] == "colon":
            k -= 1
        elif words[k] not in _REL_WORDS:
            return i
        label: list[str] = []
        while k >= 0 and kinds[k] == "word":
            label.append(words[k])
            k -= 1
        end = num + 1
        while kinds[end] in ("word", "sep", "comma"):
            end += 1
        if not label or (k >= 0 and kinds[k] not in ("nl", "para")) or kinds[end] not in ("nl", "para", ""):
            return i
        if words[num - 1] in _REFERENCE_WORDS or any(
                word in _RESULT_WORDS or word in _SUM_WORDS or word in _VERIFY_WORDS or word in _APPROX_WORDS
                for word in label):
            return i  # "Answer: N", "Total: N", "about N" are read as what they say
        tok = self.toks[num]
        if tok.value is None or tok.value < 10:
            return i
        shifted = any(word in _SHIFTED_LABEL for word in label)
        self.claims.append(Claim("value", tok.value, tok.start, tok.end, self.toks[k + 1].start,  # type: ignore[arg-type]
                                 place=1 if shifted else 0, verification=self._in_verification(i)))
        self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), num + 1  # type: ignore[arg-type]
        return num + 1

    def _digit_named(self, i: int, place: int) -> None:
        """ "the digit in the tens place of 81, which is 2", "the ones digit (6)": the model reads the digit
        at a place; it is checked against the digit there (of the number named, else of an operand)."""
        kinds, words, toks = self.kinds, self.words, self.toks
        k, whole = i + 1, None
        if words[k] == "of" and kinds[k + 1] == "num":
            whole, k = toks[k + 1].value, k + 2
        if kinds[k] == "lp" and kinds[k + 1] == "num" and kinds[k + 2] == "rp":
            digit = k + 1
        elif kinds[k] == "rp":
            # "Multiply by 8 (the ones digit of 31)", "Digit 4 (ones place)"
            digit = self._digit_before_place(i)
            if digit < 0:
                return
        elif whole is not None or (kinds[k] == "comma" and words[k + 1] == "which"):
            # "the tens place of 81, which is 2"; "the tens digit, which is 4:" (a digit of an operand)
            while kinds[k] == "comma" or words[k] in ("which", "that", "is", "it"):
                k += 1
            if kinds[k] != "num" or words[k - 1] != "is" or kinds[k + 1] in ("mul", "add", "sub"):
                return
            digit = k
        else:
            return
        tok = toks[digit]
        if tok.value is None or tok.value > 9:
            return
        self.claims.append(Claim("digit", tok.value, tok.start, tok.end, toks[i].start, place=place,
                                 ref=Num(whole, toks[i].start, toks[i].start) if whole is not None else None,
                                 verification=self._in_verification(i)))

    def _digit_before_place(self, i: int) -> int:
        """ "Multiply by 8 (the ones digit of 31)": the token of the digit the parenthesis names, or -1."""
        kinds, words = self.kinds, self.words
        k = i - 1
        while k >= 0 and (words[k] in _PLACE_NAMES or words[k] == "the" or kinds[k] == "sub"):
            k -= 1
        if k < 1 or kinds[k] != "lp" or kinds[k - 1] != "num":
            return -1
        return k - 1

    def _recent_place(self, i: int) -> int:
        """The place named on this line or the line before, before token i (-1 if none)."""
        k, place = self.places[-1]
        if k > i or i - k > 40:
            return -1
        self.places.pop()  # a place names the digit of one product: the next one
        breaks = sum(1 for m in range(k, i) if self.kinds[m] in ("nl", "para"))
        return place if breaks <= 1 and not any(self.kinds[m] == "para" for m in range(k, i)) else -1

    # ---- written-out layouts -----------------------------------------------------------------
    def _layout_header(self, i: int) -> tuple[int, int] | None:
        """(N, M) when the rule at token i closes a header "N" / "x M" (or "N" / "x" / "M")."""
        k = i - 1
        while k >= 0 and self.kinds[k] in ("nl", "sep"):
            k -= 1
        if k < 2 or self.kinds[k] != "num":
            return None
        m = k
        k -= 1
        while k >= 0 and self.kinds[k] == "nl":
            k -= 1
        if k < 1 or self.kinds[k] != "mul":
            return None
        k -= 1
        while k >= 0 and self.kinds[k] in ("nl", "sep"):
            k -= 1
        if k < 0 or self.kinds[k] != "num" or (k > 0 and self.kinds[k - 1] not in ("nl", "para", "sep", "colon")):
            return None
        return self.toks[k].value, self.toks[m].value  # type: ignore[return-value]

    def _layout_rows(self, i: int) -> None:
        """The rows under the rule of a multiplication written out in columns: one per line, each
        starting with its number ("111105 (12345 x 9)", "+ 86380"), up to the next rule or blank line."""
        header = self._layout_header(i)
        if header is None:
            return
        rows: list[int] = []
        k = i + 1
        while True:
            while self.kinds[k] in ("nl", "sep"):
                k += 1
            if self.kinds[k] == "add":
                k += 1
            if self.kinds[k] != "num":
                break
            rows.append(k)
            while self.kinds[k] not in ("nl", "para", "rule", ""):
                k += 1
            if self.kinds[k] != "nl":
                break
        if not rows:
            return
        closed = self.kinds[k] == "rule"
        if len(rows) == 1 and not closed:
            # "1234 / * / 8901234 / ------ / 1090172648": the product itself, written under the rule
            tok = self.toks[rows[0]]
            n, m = header
            head = self.toks[i]
            expr = Product([Num(n, head.start, head.start), Num(m, head.start, head.start)])
            self.claims.append(Claim("equation", tok.value, tok.start, tok.end, tok.start, expr=expr,  # type: ignore[arg-type]
                                     verification=self._in_verification(i)))
            return
        for index, k in enumerate(rows):
            self.rows[self.toks[k].start] = (index, header, k)

    def _attach_rows(self) -> None:
        """A row keeps its annotation ("(12345 x 9)") as its claim; a bare row becomes a claim of its own."""
        claimed = {c.start: c for c in self.claims}
        for start, (index, header, k) in self.rows.items():
            claim = claimed.get(start)
            if claim is None:
                tok = self.toks[k]
                claim = Claim("row", tok.value, tok.start, tok.end, tok.start,  # type: ignore[arg-type]
                              verification=self._in_verification(k))
                self.claims.append(claim)
            claim.row, claim.layout = index, header

    def _stacked_total(self, i: int) -> int:
        """The line under the rule of a written-out column layout is the sum of the rows above it."""
        k = i + 1
        while self.kinds[k] in ("nl", "sep"):
            k += 1
        if self.kinds[k] != "num" or self.kinds[k + 1] not in ("nl", "para", "sep", ""):
            return i
        if (not self.claims and not self.rows) or self.toks[k].start in self.rows:
            return i  # nothing above to add up, or the first row of a layout
        tok = self.toks[k]
        rows = self._stacked_rows(i)
        if len(rows) >= 2:
            # "   1678248 / + 20978100 / ------ / 22656348": the total of the rows stacked above the rule
            self.claims.append(Claim("equation", tok.value, tok.start, tok.end, rows[0].start,  # type: ignore[arg-type]
                                     expr=Sum([(1, row) for row in rows]), verification=self._in_verification(k)))
        else:
            self.claims.append(Claim("sum", tok.value, tok.start, tok.end, tok.start,  # type: ignore[arg-type]
                                     verification=self._in_verification(k)))
        self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), k + 1  # type: ignore[arg-type]
        return k + 1

    def _stacked_rows(self, i: int) -> list[Num]:
        """The numbers stacked one per line right above the rule at token i ("+ 20978100"), top first."""
        rows: list[Num] = []
        k = i - 1
        while k >= 0:
            while k >= 0 and self.kinds[k] in ("nl", "sep"):
                k -= 1
            if k < 0 or self.kinds[k] != "num":
                break
            m = k - 1
            if m >= 0 and self.kinds[m] == "add":
                m -= 1
            if m >= 0 and self.kinds[m] not in ("nl", "para", "sep"):
                break  # a number at the end of a line of text, not a stacked row
            tok = self.toks[k]
            rows.append(Num(tok.value, tok.start, tok.end))  # type: ignore[arg-type]
            if m < 0 or self.kinds[m] == "para":
                break
            k = m
        return rows[::-1]

    def _continuation(self, i: int) -> int:
        """ "7 x 8 = 56, plus carry 3 = 59", "38,470, minus 3847 gives 34,623": a sum that starts from
        the previous result."""
        base = self.last_value
        assert base is not None
        first = Num(base.value, base.start, base.end)
        summed = self._sum(i, first)
        if summed is None or not isinstance(summed[0], Sum):
            return i
        return self._chain(i, summed)

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


_SPLIT_VERBS = frozenset(
    "split splitting break breaking broken decompose decomposing write written writing express expressed "
    "expressing think thought rewrite rewriting view seen separate separating".split()
)


def _is_unbracketed_split(node: Node) -> bool:
    """A sum whose first term is a product of two numbers and whose other terms are added numbers."""
    if not isinstance(node, Sum) or len(node.terms) < 3:
        return False
    head = node.terms[0][1]
    return (isinstance(head, Product) and len(head.factors) == 2 and all(isinstance(f, Num) for f in head.factors)
            and all(sign > 0 and isinstance(t, Num) for sign, t in node.terms[1:]))


def _power_of_ten(node: Node) -> bool:
    return isinstance(node, Num) and node.value >= 10 and str(node.value).strip("0") == "1"


def _is_chunk_split(node: Sum) -> bool:
    """Terms that are numbers or chunks scaled by a power of ten ("4821 × 10^4 + 3377"): a number
    written as its parts by place, which must add up to it."""
    scaled = 0
    for _, term in node.terms:
        if isinstance(term, Product):
            if len(term.factors) != 2 or not all(isinstance(f, Num) for f in term.factors) or not any(
                    _power_of_ten(f) for f in term.factors):
                return False
            scaled += 1
        elif not isinstance(term, Num):
            return False
    return scaled >= 1


def _factored(left: Node, right: Node) -> tuple[Num, Sum] | None:
    """(W, parts) when left is X × W and every term of right is X × part (or X itself, X × 1)."""
    if not (isinstance(left, Product) and len(left.factors) == 2 and isinstance(right, Sum) and len(right.terms) >= 2):
        return None
    if not all(isinstance(f, Num) for f in left.factors):
        return None
    for x, w in (left.factors, left.factors[::-1]):
        parts: list[tuple[int, Node]] = []
        for sign, term in right.terms:
            if isinstance(term, Num) and term.value == x.value:  # type: ignore[union-attr]
                parts.append((sign, Num(1, term.start, term.start)))
            elif isinstance(term, Product) and len(term.factors) == 2 and all(isinstance(f, Num) for f in term.factors):
                values = [f.value for f in term.factors]  # type: ignore[union-attr]
                if x.value not in values:  # type: ignore[union-attr]
                    break
                other = term.factors[1] if values[0] == x.value else term.factors[0]  # type: ignore[union-attr]
                parts.append((sign, other))
            else:
                break
        else:
            return w, Sum(parts)  # type: ignore[return-value]
    return None


def _regrouped(left: Node, right: Node) -> tuple[int, Sum] | None:
    """(W, the rows' multipliers) when left is X × (parts of W) and right is a sum of X × m whose
    multipliers are not one per part (one left out, or one written twice)."""
    if not (isinstance(left, Product) and len(left.factors) == 2 and isinstance(right, Sum)):
        return None
    first, second = left.factors
    x, parts = (first, second) if isinstance(first, Num) else (second, first)
    if not (isinstance(x, Num) and is_flat_sum(parts)) or len(parts.terms) == len(right.terms):  # type: ignore[union-attr]
        return None
    multipliers: list[tuple[int, Node]] = []
    for sign, term in right.terms:
        if not (isinstance(term, Product) and len(term.factors) == 2 and all(isinstance(f, Num) for f in term.factors)):
            return None
        values = [f.value for f in term.factors]  # type: ignore[union-attr]
        if x.value not in values:
            return None
        multipliers.append((sign, term.factors[1] if values[0] == x.value else term.factors[0]))
    whole = _value(parts)
    return (whole, Sum(multipliers)) if isinstance(whole, int) else None


def _rows_of_parts(left: Node, right: Node) -> list[tuple[Num, Num]]:
    """(part, multiplier written) for each row of "X × (p1 + p2 + ...) = X × m1 + X × m2 + ...", one row
    per part in order; empty when the right side is not such rows."""
    if not (isinstance(left, Product) and len(left.factors) == 2 and isinstance(right, Sum)):
        return []
    first, second = left.factors
    x, parts = (first, second) if isinstance(first, Num) else (second, first)
    if not (isinstance(x, Num) and is_flat_sum(parts)) or len(parts.terms) != len(right.terms):  # type: ignore[union-attr]
        return []
    out = []
    for (_, part), (_, term) in zip(parts.terms, right.terms):  # type: ignore[union-attr]
        if not (isinstance(term, Product) and len(term.factors) == 2 and all(isinstance(f, Num) for f in term.factors)):
            return []
        values = [f.value for f in term.factors]  # type: ignore[union-attr]
        if x.value not in values:
            return []
        out.append((part, term.factors[1] if values[0] == x.value else term.factors[0]))
    return out  # type: ignore[return-value]


def _expansion(left: Node, right: Node) -> tuple[Num, Sum] | None:
    """(X, parts) when left is X × (parts) (or (parts) × X) and right has one term per part."""
    if not (isinstance(left, Product) and len(left.factors) == 2 and isinstance(right, Sum)):
        return None
    first, second = left.factors
    x, parts = (first, second) if isinstance(first, Num) else (second, first)
    if not (isinstance(x, Num) and is_flat_sum(parts) and len(parts.terms) == len(right.terms)):  # type: ignore[union-attr]
        return None
    return x, parts  # type: ignore[return-value]


def _value(node: Node):
    return evaluate(node, _WRITTEN)


def _written(num: Num) -> int:
    return num.value


_WRITTEN = _written


def parse_claims(text: str) -> tuple[list[Claim], list[list[int]]]:
    """Claims in text order, and the decompositions of operands the model wrote (e.g. [800, 90, 2])."""
    parser = _Parser(text)
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
