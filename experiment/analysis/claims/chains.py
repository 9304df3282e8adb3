"""Reading chains: "4567 x 8 = 36536", "A + B = C + B = D", "729 x 64 = 729 x (60 + 4) = ...".

A chain is expressions linked by relations ("=", "is", "gives", ": " after an operator, a derivation
continued on the next line); each link is turned into claims by its shape: an equation, a decomposition of
an operand (and the decompositions registered for the checker), the rows of an expansion. Kept apart
because this is where what was written becomes what is claimed: the expressions reader only reads, the
shape helpers below decide which side claims what.
"""

from __future__ import annotations

from experiment.analysis.claims.claim import Claim
from experiment.analysis.claims.expressions import _GOES_ON, _GOES_ON_WORDS, _PROSE_STARTS
from experiment.analysis.claims.phrases import _PRODUCT_OF_VERBS, _PhraseReader
from experiment.analysis.claims.state import _APPROX_WORDS, _ARROWS, _REL_WORDS
from experiment.analysis.expr import Node, Num, Product, Sum, evaluate, has_operator, is_flat_sum, leaves
from experiment.analysis.tokens import Token

_REL_FILLER = frozenset(
    "we i you to which that that's thats this it so then in out us result results of a an the partial "
    "product products value will would should now finally answer sum total first second third".split()
)
_AFFIRM_WORDS = frozenset("correct yes right matches good".split())
# Token kinds at which `_relation` finds no link ("" is the end of the stream)
# What may follow a number in the same expression (`_term`'s and `_sum`'s operators): after any other token,
# `_sum` reads the number alone (a superset here only means the full read is made)
_NUMBER_GOES_ON = _GOES_ON | {"add", "sub"}
_NUMBER_GOES_ON_WORDS = _GOES_ON_WORDS | {"plus", "minus", "added"}
_ENDS_LINKS = frozenset(("para", "rp", "num", "mul", "add", "sub", "div", "pow", "check", "rule", ""))


class _ChainReader(_PhraseReader):
    """Chains from a number, a parenthesis or a prose start ("multiply", "add"): `_chain` adds the claims
    of every link and returns the token after the chain. A lone number may instead start a phrase about
    it ("892 can be written as ...", "N is the product of ..."), so a chain reader reads phrases too."""

    def _chain(self, i: int, first: tuple[Node, int] | None = None) -> int:
        start_tok = i
        # (The readers a chain may hand over to are called only when the token they need is there: a chain is
        # tried at every number, and most numbers start none of them.)
        if first is None:
            first = (self._prose_expression(i) if self.words[i] in _PROSE_STARTS else None) or self._sum(i)
        if first is None:
            return i
        elements: list[Node] = [first[0]]
        approx_links: list[bool] = []
        equal_links: list[bool] = []  # the link says "=" or "is", not only ":" or a table's cell
        j = first[1]
        if isinstance(first[0], Num) and self.words[j] in _PRODUCT_OF_VERBS:
            k = self._product_of(first[0], start_tok, j)
            if k > j:
                return k
        written_digit: Token | None = None
        while True:
            if len(elements) >= 2 and isinstance(elements[-1], Num) and self.kinds[j] == "rel" \
                    and self._writes_digit(j):  # (an arrow is a relation: no call at any other token)
                # "9·3 + 0 = 27 -> 7, carry 2": the digit written down, the carry still from 27
                j += 2 if self.words[j + 1] == "digit" else 1
                written_digit, j = self.toks[j], j + 1
                break
            # `_relation(j, ...)`, with its two commonest outcomes read here (a chain is read at every number):
            # "=" (or an arrow) right before a number or "(", and a token that ends every link at once (a
            # period, a paragraph break, an operator no relation starts with, the end of the stream)
            kind = self.kinds[j]
            if kind == "rel" and self.kinds[j + 1] in ("num", "lp"):
                rel = j + 1, False, self.toks[j].text not in _ARROWS
            elif kind in _ENDS_LINKS or (kind == "sep" and self.toks[j].text == "."):
                break
            else:
                rel = self._relation(j, not isinstance(elements[-1], Num))  # type: ignore[assignment]  # (has_operator)
                if rel is None:
                    break
            k = rel[0]
            if self.kinds[k] == "num" and self.kinds[k + 1] not in _NUMBER_GOES_ON \
                    and self.words[k + 1] not in _NUMBER_GOES_ON_WORDS:
                tok = self.toks[k]  # "= 36,": the number alone, as `_sum` reads it, without the call
                nxt = Num(tok.value, tok.start, tok.end), k + 1  # type: ignore[arg-type]
            else:
                nxt = self._sum(k)  # type: ignore[assignment]
                if nxt is None:
                    break
            elements.append(nxt[0])
            approx_links.append(rel[1])
            equal_links.append(rel[2])
            j = nxt[1]
        if len(elements) == 1:
            node = first[0]
            if isinstance(node, Num):
                k = self._split_phrase(node, start_tok, j) if self.kinds[j] == "word" else j
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
            if self.kinds[j] == "lp":
                j = self._annotation(node, j)
            return max(j, start_tok + 1)
        step_start = self.toks[start_tok].start
        verification = start_tok <= self.verify_until  # (_in_verification, without the call)
        made: list[Claim] = []
        for link, ((left, right), approx) in enumerate(zip(zip(elements, elements[1:]), approx_links)):
            if approx:
                break  # everything after "≈" in a chain is an estimate, not a computation
            made.extend(self._link_claims(left, right, step_start, verification, link == len(approx_links) - 1,
                                          equal_links[link]))
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

    def _relation(self, j: int, after_operator: bool) -> tuple[int, bool, bool] | None:
        """Skip "=", "is", ", which gives", ": " ... up to the next number; report an estimate, and whether
        the link states an equality ("=", "is") rather than only a colon or a table's cell."""
        seen = approx = equal = False
        k, limit = j, 7
        while k < self.n and k - j < limit:
            tok = self.toks[k]
            kind = tok.kind
            if kind == "rel":
                # an arrow is no equality: "+1 = 29 → 29" writes the row's last digits, it adds up nothing
                seen, equal = True, equal or tok.text not in _ARROWS
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
                    seen = equal = True
                elif tok.text in _APPROX_WORDS:
                    approx = True
                elif tok.text not in _REL_FILLER:
                    # a note at the end of a line of a derivation that goes on below ("= 59,000 + 590,000
                    # \quad \text{each row} \\ &= 649,000"): the note is skipped, the next line is the value
                    m = k
                    while m < self.n and self.kinds[m] in ("word", "comma"):
                        m += 1
                    if seen or not (self.kinds[m] == "nl" or (self.kinds[m] == "sep" and self.toks[m].text == "\\\\")) \
                            or not self._continues(m):
                        return None
                    limit += m - k
                    k = m - 1
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
            return k, approx, equal
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

    def _writes_digit(self, j: int) -> bool:
        """An arrow to one digit after a computed value ("= 27 -> 7")."""
        k = j + 2 if self.words[j + 1] == "digit" else j + 1  # "= 42 -> digit 2"
        return (self.kinds[j] == "rel" and self.toks[j].text in _ARROWS and self.kinds[k] == "num"
                and len(self.toks[k].text) == 1 and self.kinds[k + 1] not in ("mul", "add", "sub", "rel", "div"))

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
                     last: bool = False, equal: bool = True) -> list[Claim]:
        if isinstance(left, Num) and isinstance(right, Num) and left.value == right.value and equal:
            # "add all the partial products: 889 = 889": a sum of one term (the other rows left out)
            return [Claim("equation", right.value, right.start, right.end, step_start, expr=Sum([(1, left)]),
                          verification=verification)]
        if isinstance(right, Num) and not isinstance(left, Num):  # (has_operator, without the call)
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
            split = self._decomposition_claims(left, right, step_start, verification)
            if split:
                return split
        factored = _factored(left, right, one_row=equal)
        if factored is not None:
            # "84 × 76 = 84 × 75 + 84", "a × 789012 = a × 789000 + a × 12", "a × 29 = a × 20": the rows the
            # multiplier is split into, whose multipliers must add up to it however far they are from it
            first, last = leaves(right)[0], leaves(right)[-1]
            return [Claim("equation", factored[0].value, first.start, last.end, step_start, expr=factored[1],
                          verification=verification, decomposition=True, expansion=True)]
        # a single row that the derivation goes on from ("228 × (50 + 9) = 50 × 228 = 11,400") is a sum of
        # one row; the last link may be the first of rows continued on the next lines ("\\ &+ ...")
        regrouped = _regrouped(left, Sum([(1, right)]) if isinstance(right, Product) and not last else right)
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
                and isinstance(right, Sum) and isinstance(right.terms[0][1], Num) and (
                    _value(left) != _value(right)
                    or all(isinstance(t, Num) and t.value == 0 for _, t in right.terms[1:]))):
            # "6 x 2 = 12 plus 5 = 17": the product is claimed by the first term of the next sum ("8×1 = 8 + 0
            # = 8" too: a carry of 0 adds nothing)
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
                    if isinstance(factor, Sum) and is_flat_sum(factor):  # (most factors are numbers: no call)
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


def _factored(left: Node, right: Node, one_row: bool = True) -> tuple[Num, Sum] | None:
    """(W, parts) when left is X × W and every term of right is X × part (or X itself, X × 1); right may
    be one such term when `one_row` (the link is "=" or "is": "a × 29 = a × 20", one row for the whole
    multiplier, not a header "a × 94:" over its first row "a × 4 = ..."), but not W's digits before their
    zeros ("a × 900 is a × 9", then times 100: the row is computed first and shifted after)."""
    single = one_row and isinstance(right, Product) and len(right.factors) == 2
    if single:
        right = Sum([(1, right)])
    if not (isinstance(left, Product) and len(left.factors) == 2 and isinstance(right, Sum) and len(right.terms) >= 1):
        return None
    if not all(isinstance(f, Num) for f in left.factors):
        return None
    for x, w in (left.factors, left.factors[::-1]):
        if x.value < 2:  # type: ignore[union-attr]
            continue  # "0×3 = 0 + 0": a zero (or one) times a digit is no row to split
        if single and any(isinstance(f, Num) and f.value and w.value % f.value == 0  # type: ignore[union-attr]
                          and str(w.value // f.value).rstrip("0") == "1"  # type: ignore[union-attr]
                          for f in right.terms[0][1].factors):  # type: ignore[union-attr]
            continue
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
