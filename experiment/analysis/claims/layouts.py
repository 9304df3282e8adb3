"""Reading places and layouts: "the hundreds digit", "shifted two positions", "Row value: 69715", and the
multiplication written out in columns ("  4567 / x 892 / ------ / 9134 / ...").

These read where a number stands rather than what is written around it: a place named for the next
product, a labelled line, the rows under a rule and the total under the last one. Kept apart because
they look backwards and across lines (a header above a rule, rows stacked above a total), where the other
readers read forwards along one line; they need only the shared state, none of the other readers.
"""

from __future__ import annotations

from experiment.analysis.claims.claim import Claim
from experiment.analysis.claims.state import (
    _APPROX_WORDS,
    _ARROWS,
    _REFERENCE_WORDS,
    _REL_WORDS,
    _RESULT_WORDS,
    _SHIFT_WORDS,
    _SUM_WORDS,
    _VERIFY_WORDS,
    _ReadingState,
)
from experiment.analysis.expr import Num, Product, Sum

_PLACE_NAMES = {"units": 0, "unit": 0, "ones": 0, "one": 0, "tens": 1, "ten": 1, "hundreds": 2, "hundred": 2,
                "thousands": 3, "thousand": 3, "millions": 6, "million": 6, "billions": 9, "billion": 9}
# the words a place is named by: a noun ("the tens digit"), or a place name alone in parentheses ("the 3 (tens)")
_PLACE_NOUNS = frozenset("digit place column positions position places".split()) | frozenset(
    name for name in _PLACE_NAMES if name.endswith("s"))
_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SHIFTED_LABEL = frozenset("zeros zeroes zero shifted shift shifting moved placed appended append".split())
# A sentence that only points at its one number ("So 24741.", "That gives 18516,"): after digit products, the
# row they make (the checker says whether it is one)
_POINTING = frozenset("so thus then that that's this it it's is gives which we get have reads".split())
_ROW_LABEL = frozenset(("row", "partial"))


class _LayoutReader(_ReadingState):
    """Places and layouts: `_place_mark` records a place named (and the digit read there),
    `_labelled_value` a labelled line, `_layout_rows` and `_stacked_total` what stands under a rule;
    `_attach_rows` gives each row of a layout its index once the whole text is read."""

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
        elif words[i] in _PLACE_NAMES:
            # "Row for the 3 (tens):", "Digit 5 (hundreds)": a digit read at the place in the parenthesis after it
            kinds = self.kinds
            if kinds[i - 1] == "lp" and kinds[i + 1] == "rp" and kinds[i - 2] == "num" \
                    and (self.toks[i - 2].value or 10) <= 9 and words[i - 3] in ("the", "digit", "by", "for") \
                    and kinds[i + 2] in ("colon", "comma", "nl", "para"):
                place = _PLACE_NAMES[words[i]]
                self.places.append((i, place))
                tok = self.toks[i - 2]
                self.claims.append(Claim("digit", tok.value, tok.start, tok.end, tok.start, place=place,  # type: ignore[arg-type]
                                         verification=self._in_verification(i)))
            return
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

    def _digit_named(self, i: int, place: int) -> None:
        """ "the digit in the tens place of 81, which is 2", "the ones digit (6)": the model reads the digit
        at a place; it is checked against the digit there (of the number named, else of an operand)."""
        kinds, words, toks = self.kinds, self.words, self.toks
        k, whole = i + 1, None
        if words[k] == "of" and kinds[k + 1] == "num":
            whole, k = toks[k + 1].value, k + 2
        if kinds[k] == "lp" and kinds[k + 1] == "num" and kinds[k + 2] == "rp":
            digit = k + 1
        elif kinds[k] == "colon" and kinds[k + 1] == "num" and kinds[k + 2] in ("nl", "para", ""):
            digit = k + 1  # "**Hundreds digit: 2**" heading its row
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

    def _moved_in_words(self, k: int) -> int:
        """After a row's value, "; shifted 1 place it is 173940" or ", with two zeros: 1739400" at the end of
        its line: the token of the row moved to its place, or -1."""
        kinds = self.kinds
        if kinds[k] not in ("sep", "comma") or self.words[k + 1] not in _SHIFTED_LABEL:
            return -1
        for j in range(k + 2, min(k + 10, self.n)):
            if kinds[j] == "num" and (self.toks[j].value or 0) >= 20:
                after = kinds[j + 1] if j + 1 < self.n else ""
                if after == "sep" and self.toks[j + 1].text == ".":
                    after = kinds[j + 2] if j + 2 < self.n else ""
                return j if after in ("nl", "para", "") else -1
            if kinds[j] not in ("word", "num", "comma", "colon", "rel", "lp", "rp"):
                return -1
        return -1

    def _labelled_value(self, i: int) -> int:
        """ "Row value: 69715", "With its zeros: 5907000": a line of words, a colon and one number. What
        it should be is the checker's to say from the work before it (the row of the digit just worked
        through, or that row moved to its place when the label speaks of zeros or a shift)."""
        kinds, words = self.kinds, self.words
        num = i
        k = i - 1
        if kinds[k] == "colon" or (kinds[k] == "rel" and self.toks[k].text == "="):
            k -= 1  # "Row value: 69715", "Row = 9588"
        elif words[k] not in _REL_WORDS and words[k] not in _POINTING:
            return i
        label: list[str] = []
        counted = False  # "Shifted 1 place(s):", "Shifted left by 2:", "Append 3 zero(s):": a count of places
        while k >= 0 and (kinds[k] in ("word", "lp", "rp") or (
                kinds[k] == "num" and (self.toks[k].value or 0) < 20)):
            if kinds[k] == "word":
                label.append(words[k])
            counted = counted or kinds[k] == "num"
            k -= 1
        end = num + 1
        moved = self._moved_in_words(num + 1)  # "That row is 17394; shifted 1 place it is 173940."
        if moved >= 0:
            end = moved + 1 + (kinds[moved + 1] == "sep")
        while kinds[end] in ("word", "sep", "comma"):
            end += 1
        # "Row: 12648 → 126480": the row, then the row moved to its place
        if moved < 0 and kinds[end] == "rel" and self.toks[end].text in _ARROWS and kinds[end + 1] == "num" \
                and kinds[end + 2] in ("nl", "para", ""):
            moved, end = end + 1, end + 2
        # a line that is "= N" alone ("  = 40935" under a row's digit products) is a value with no label
        bare = not label and self.toks[num - 1].text == "=" and k == num - 2
        # a sentence that names a row ("... plus 1 is 49. So the first row is 49376.") or only points at its
        # number ("So 24741.", "So 74223, and shifted ...") labels it as a line does
        sentence = k >= 0 and self.toks[k].text in (".", ";") and not counted and (
            (any(word in _ROW_LABEL for word in label) and kinds[end] in ("nl", "para", ""))
            or (all(word in _POINTING for word in label) and kinds[num + 1] in ("sep", "comma", "nl", "para", "")))
        if not sentence and words[num - 1] in _POINTING and words[num - 1] not in _REL_WORDS \
                and not any(word in _ROW_LABEL for word in label):
            return i
        if (not label and not bare) or (k >= 0 and kinds[k] not in ("nl", "para") and not sentence) \
                or (kinds[end] not in ("nl", "para", "") and not sentence):
            return i
        if counted and not any(word in _SHIFTED_LABEL for word in label):
            return i  # a number in the label only counts the places of a shift
        # "Partial product: 74680", "Result for this digit: 829836" are a row, not the product
        partial = any(word in ("partial", "digit", "row") for word in label)
        if words[num - 1] in _REFERENCE_WORDS or any(
                (word in _RESULT_WORDS and not partial) or word in _SUM_WORDS or word in _VERIFY_WORDS
                or word in _APPROX_WORDS for word in label):
            return i  # "Answer: N", "Total: N", "about N" are read as what they say
        tok = self.toks[num]
        if tok.value is None or tok.value < 10:
            return i
        # "In place: 94557", "Moved into place: ...": the row moved to its place (the label was read backwards)
        shifted = any(word in _SHIFTED_LABEL for word in label) or (
            "place" in label and any(word in ("in", "into", "to", "its") for word in label))
        self.claims.append(Claim("value", tok.value, tok.start, tok.end, self.toks[k + 1].start,  # type: ignore[arg-type]
                                 place=1 if shifted else 0, verification=self._in_verification(i)))
        if moved >= 0:
            tok, num = self.toks[moved], moved
            self.claims.append(Claim("value", tok.value, tok.start, tok.end, tok.start,  # type: ignore[arg-type]
                                     place=1, verification=self._in_verification(i)))
        self.last_value, self.last_value_tok = Num(tok.value, tok.start, tok.end), num + 1  # type: ignore[arg-type]
        return num + 1

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
