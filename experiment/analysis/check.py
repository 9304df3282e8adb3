"""The checker: every claim recomputed twice, from the model's own inputs and from the true values.

Faith and Fate (nouhadziri/faith-and-fate, multiplication/graph_error_analysis.py) labels each node of a
scratchpad by comparing it with the value computed from its parents as written and with the gold value:

- correct:      right, from right inputs;
- local_error:  wrong even when recomputed from its own (possibly wrong) inputs;
- propagated:   right from its own inputs, wrong only because an input was wrong;
- restored:     right although an input was wrong.

To know the true value of an input, each written number is traced back to where it came from: an
operand, a digit or place value of an operand, an earlier claim, or a miscopy of one of those. A miscopy
becomes a step of its own ("copy" or "shift"), because copying is where models often go wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import repeat
from operator import attrgetter, itemgetter

from experiment.analysis.claims import Claim
from experiment.analysis.expr import Num, Product, Quotient, Sum, evaluate, leaves
from experiment.analysis.kinds import ClaimKind, Label

CORRECT, LOCAL, PROPAGATED, RESTORED, UNCHECKED = (Label.CORRECT, Label.LOCAL_ERROR, Label.PROPAGATED, Label.RESTORED,
                                                   Label.UNCHECKED)

Part = tuple[str, int]
CROSS = "ab"  # the role of a cross product (a part of a times a part of b): its "multiplier" is its value
PRODUCT_STEP_KINDS = frozenset(("partial_product", "shifted_partial_product", "shift", "digit_product"))
DIGIT_STEP_KINDS = frozenset(("carry", "write", "digit_write", "digit_product"))
ROW_STEP_KINDS = frozenset(("partial_product", "shifted_partial_product", "shift"))  # a row's value, placed or not
_COPY_WINDOW = 200  # ("a", 90) is "a x 90": the operand that is multiplied and the multiplier part
# Fields read off every leaf, ref or term of a claim, by C-level getters: cheaper than a comprehension or a
# generator (each a Python frame) on the two or three items a claim has.
_VALUE = attrgetter("value")
_ROLE = attrgetter("role")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)


@dataclass(slots=True, eq=False)
class Step:
    """A checked claim. `own` is recomputed from the numbers as written, `true` from the true values."""

    index: int
    kind: str
    claimed: int
    own: int | Fraction | None
    true: int | None
    label: str
    start: int
    end: int
    step_start: int
    verification: bool = False
    part: Part | None = None
    composition: list[tuple[int, Part]] | None = None
    own_source: str = ""
    host: "Step | None" = None
    leaf_true: tuple[int, ...] = ()
    composition_error: str = ""
    terms: tuple[int, ...] = ()  # the partial products an unwritten sum stands for, as the model wrote them
    shift: int = 0  # places a layout row written unshifted stands to the left
    upstream: "Step | None" = None  # the earliest wrong step this one builds on
    tentative: bool = False  # a multiplier off its place: an error only if the answer is not right
    side: bool = False  # a computation on the side (an estimate, a trial product): never the first error
    term_spans: list = field(default_factory=list)  # (value, start, end) of each written term of a composition
    pair: tuple[int, int] | None = None  # the two digits of a digit product and its carry ("9 × 8 + 6")
    adds_carry: bool = False  # a sum with a term read as the carry ("24, plus carry 5 is 29")


def _own_and_true(expr, expr_leaves: list[Num], leaf_true: tuple[int, ...], resolved) -> tuple:
    """The expression's value from the numbers as written, and from their true values. Most claims
    are a flat product or sum of numbers ("7 x 8", "3,653,600 + 411,030"): those are computed directly,
    exactly as `evaluate` would."""
    if isinstance(expr, Product) and len(expr_leaves) == len(expr.factors):
        own = true = 1
        for leaf, value in zip(expr_leaves, leaf_true):
            own *= leaf.value
            true *= value
        return own, true
    if isinstance(expr, Sum) and len(expr_leaves) == len(expr.terms):
        own = true = 0
        for (sign, leaf), value in zip(expr.terms, leaf_true):
            own += sign * leaf.value  # type: ignore[union-attr]
            true += sign * value
        return own, true
    return evaluate(expr, lambda n: n.value), evaluate(expr, lambda n: resolved[id(n)][0])


def label_for(claimed: int, own: int | Fraction | None, true: int | None) -> str:
    """Faith and Fate's four labels; a claim that cannot be recomputed is left unchecked."""
    if own is None or true is None:
        return UNCHECKED
    if claimed == true:
        return CORRECT if own == true else RESTORED
    return PROPAGATED if claimed == own else LOCAL


def _digits(n: int) -> list[int]:
    return [int(c) for c in str(n)]


def _pieces(n: int) -> set[int]:
    """Ways of splitting an operand a model uses: 6283 -> 283, 83, 6000, 6200, 6280 (and 3)."""
    s = str(n)
    tails = {int(s[k:]) for k in range(1, len(s))}
    heads = {int(s[:k]) * 10 ** (len(s) - k) for k in range(1, len(s))}
    return {v for v in tails | heads if v > 0}


def _rounds_up(multiplier: int, other: int) -> bool:
    """multiplier (d followed by j zeros) is the other operand's last j+1 digits, or a leading group of
    j+1 of its digits, rounded up: the first half of "x 900 - x 8" for 892."""
    text, digits = str(multiplier), str(other)
    j = len(text) - 1
    chunks = {other % 10 ** (j + 1)} | ({int(digits[:j + 1])} if len(digits) > j + 1 else set())
    return any(-(-chunk // 10**j) * 10**j == multiplier for chunk in chunks)


def _placed(value: int, step: "Step") -> int:
    """A row of a layout written unshifted ("152   (38 × 4, shifted)") counts at its place in the total."""
    return value * 10**step.shift


def _written(num: Num) -> int:
    return num.value


def is_piece(v: int, whole: int) -> bool:
    """ "55200 + 150" after 6150: a model adds a number in pieces it splits off (6000 and 150), which
    are its leading digits followed by zeros or its trailing digits. Such a piece is chosen, not miscopied."""
    w, p = str(whole), str(v)
    if v <= 0 or len(p) > len(w):
        return False
    if w.endswith(p) and len(p) < len(w):
        return True
    head = p.rstrip("0")
    return len(p) == len(w) and w.startswith(head) and head != w


def place_parts(n: int) -> list[int]:
    """Nonzero place values of n, units first: 892 -> [2, 90, 800]."""
    return [int(c) * 10**k for k, c in enumerate(reversed(str(n))) if c != "0"]


def near_copy(written: int, original: int) -> bool:
    """A slip of the pen: one digit changed (two in numbers of five digits or more), two neighbours
    swapped, or one digit dropped or doubled. Round numbers (900, 5000) are chosen, never miscopied."""
    if written == original or written < 10 or original < 10 or _round(written):
        return False
    w, o = str(written), str(original)
    if len(w) == len(o):
        diff = [k for k in range(len(w)) if w[k] != o[k]]
        if len(diff) <= (2 if len(w) >= 5 else 1):
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and w[diff[0]] == o[diff[1]] and w[diff[1]] == o[diff[0]]
    if abs(len(w) - len(o)) == 1 and min(len(w), len(o)) >= 3:
        longer, shorter = (w, o) if len(w) > len(o) else (o, w)
        return any(longer[:k] + longer[k + 1:] == shorter for k in range(len(longer)))
    return False


def _sums_a_prefix(claim: Claim) -> bool:
    """The claimed value is the sum of the first terms of its sum only: "... + 556778790 + 43305017
    = 24683859690" cut before "+ 43305017" was carried to the right side, "a × 80 + a × 8 = 1816599360 +"
    cut after the first row."""
    expr = claim.expr
    if not isinstance(expr, Sum):
        return False
    total = 0
    for sign, term in expr.terms[:-1]:
        value = evaluate(term, _written)
        if not isinstance(value, int):
            return False
        total += sign * value
        if total == claim.claimed:
            return True
    return False


def _digit_pair(step: "Step") -> tuple[int, int] | None:
    """The two digits a digit-level step multiplies: "7 × 8 = 56", or, in column work, "7 × 8 + 3 = 59"
    (a digit product and the carry in one step)."""
    if step.kind == "digit_product" and len(step.leaf_true) == 2:
        return step.leaf_true  # type: ignore[return-value]
    return step.pair


def _rounding(v: int, operand: int) -> bool:
    """v is the operand rounded down or up to a multiple of a power of ten, and not the operand itself."""
    if v == operand or v <= 0 or v % 10:
        return False
    unit = 10
    while unit <= operand * 10:
        low = operand // unit * unit
        if v == low + unit or (low and v == low):
            return True
        unit *= 10
    return False


def _is_power_of_ten(n: int) -> bool:
    return n >= 10 and str(n).strip("0") == "1"


def _round(n: int) -> bool:
    s = str(n)
    return len(s) > 1 and s[1:] == "0" * (len(s) - 1)


def shifted_by(value: int, base: int) -> int | None:
    """j such that value == base * 10**j (j may be negative), for j != 0."""
    if value <= 0 or base <= 0 or value == base:
        return None
    for j in range(1, 7):
        if value == base * 10**j:
            return j
        if base == value * 10**j:
            return -j
    return None


class Checker:
    """Checks the claims of one trace in order, remembering what every earlier step was worth."""

    def __init__(self, a: int, b: int, decompositions: list[list[int]]) -> None:
        self.a, self.b = a, b
        self.product = a * b
        self.steps: list[Step] = []
        self.parts: dict[str, set[int]] = {"a": set(place_parts(b)), "b": set(place_parts(a))}
        self.digits = set(_digits(a)) | set(_digits(b))
        # The ways of splitting each operand: fixed by the operands, so read once per trace.
        self.pieces_of_a, self.pieces_of_b = _pieces(a), _pieces(b)
        self.part_values: set[int] = set(self.parts["a"]) | set(self.parts["b"]) | self.pieces_of_a | self.pieces_of_b
        for decomposition in decompositions:
            total = sum(decomposition)
            for role, other in (("a", b), ("b", a)):
                if total == other:
                    self.parts[role].update(decomposition)
                    self.part_values.update(decomposition)
        self.expected = {v * m: ("a" if v == a else "b", m)
                         for v, others in ((a, self.parts["a"]), (b, self.parts["b"])) for m in others}
        self.full: Step | None = None
        # Lookups that would otherwise rescan every earlier step: long traces have thousands of them.
        self.by_value: dict[int, Step] = {}
        self.by_start: dict[int, Step] = {}
        self.last_carry: Step | None = None
        self._siblings: list[int] = []
        self.tainted: dict[int, Step] = {}  # part of a wrong split -> that split
        self.headers: list[tuple[Step, str]] = []  # row headers naming a multiplier digit, in order
        self.unplaced: list[tuple[Step, int]] = []  # digit multipliers that are no digit of the other operand
        self.split_values: set[int] = set()  # the parts of every split written, of anything
        self.subtracts = False  # the trace subtracts somewhere (a compensation)
        self._term_spans: list = []
        self.split_parts: set[int] = set()  # the parts and chunks of the right splits the model wrote
        # the right splits the model wrote of each operand (and of their parts): every part and chunk written
        # (4821 for 4821 × 10^4, 22300 and 223) -> the part of the operand it stands for
        self.operand_split: dict[str, dict[int, int]] = {"a": {}, "b": {}}
        # the cross products multiplied so far, as (part of a, part of b) of those splits
        self.cross_pairs: set[tuple[int, int]] = set()
        # misread parts of a split in cross products: (their copy step, the operand's role, the number written)
        self.cross_misreads: list[tuple[Step, str, int]] = []
        # the digit and place a row's header named ("Multiply by 2 (thousands place):"), until its row is moved
        self.header_place: tuple[int, int] | None = None
        # multipliers rounded up (900 for 892): (their copy step, the operand, what a compensation subtracts)
        self.rounded: list[tuple[Step, int, int]] = []

    # ---- resolving one written number ------------------------------------------------------
    def _recent(self) -> list[Step]:
        """The steps a miscopied number is compared with: the latest ones, as models copy from nearby."""
        return self.steps[-_COPY_WINDOW:][::-1]

    def _pseudo(self, kind: str, num: Num, true: int, host_kind: str) -> Step:
        step = Step(-1, kind, num.value, num.value, true, LOCAL, num.start, num.end, num.start)
        step.own_source = host_kind
        return step

    def _resolve(self, num: Num, in_product: bool, pending: list[Step]) -> tuple[int, Step | None, Part | None]:
        """(true value, the step it came from, the partial product it stands for)."""
        v = num.value
        if num.role == "carry":
            carry = self.last_carry
            if carry is not None and carry.true is not None:
                if v != carry.claimed:
                    pending.append(self._pseudo("carry", num, carry.true, "carry"))
                return carry.true, carry, None
        if in_product and len(self._siblings) == 2 and self.operand_split["a"] and self.operand_split["b"]:
            misread = self._cross_misread(num, pending)  # (both operands split: the call is then worth it)
            if misread is not None:
                return misread, None, None
        if v in (self.a, self.b):
            return v, None, None
        if in_product and (v in self.digits or v in self.part_values or _is_power_of_ten(v)):
            return v, None, None
        exact = self.by_value.get(v)
        if exact is not None and exact.true is not None:
            return exact.true, exact, exact.part
        if v in self.part_values or (in_product and v < 10):
            return v, None, None
        if v in self.expected:
            return v, None, self.expected[v]
        return self._resolve_inexact(num, in_product, pending)

    def _resolve_inexact(self, num: Num, in_product: bool, pending: list[Step]) -> tuple[int, Step | None, Part | None]:
        v = num.value
        if not in_product:
            for step in self.steps[-12:]:
                if step.kind not in DIGIT_STEP_KINDS and is_piece(v, step.claimed):
                    return v, None, None
            for value in self.expected:
                if is_piece(v, value):
                    return v, None, None
        for step in self._recent():
            if step.true is None or step.kind in ("carry", "write", "digit_product") or step.claimed < 10:
                continue
            if v < 10 and step.kind in ("compound", "carry_addition") and step.claimed < 100:
                continue  # the carry 1 brought into the next position after a position's 10, not 10 unshifted
            j = shifted_by(v, step.claimed)
            if j is None:
                continue
            part = step.part
            if part is not None and part[1] < 10 and j > 0:
                places = self._places(part)
                if j in places:
                    return step.true * 10**j, step, (part[0], part[1] * 10**j)
                right = min(places, key=lambda p: abs(p - j)) if places else 0
                pending.append(self._pseudo("shift", num, step.true * 10**right, "shift"))
                return step.true * 10**right, step, (part[0], part[1] * 10**right)
            if part is not None and part[0] == CROSS and j > 0 and self._cross_place(step) == j:
                # "372 × 238 = 88536 ... 88536000000": chunks of both splits multiplied, put at their place
                return step.true * 10**j, step, (CROSS, part[1] * 10**j)
            if part is not None and j > 0 and part[1] * 10**j in self.part_values:
                # "7346 × 28 = 205,688. So 20,568,800": 28 hundreds are a piece of 2815
                return step.true * 10**j, step, (part[0], part[1] * 10**j)
            pending.append(self._pseudo("shift", num, step.true, "shift"))
            return step.true, step, part
        if in_product:
            for operand, other in ((self.a, self.b), (self.b, self.a)):
                # A miscopied operand is multiplied by the other one or a piece of it ("4576 x 8" for
                # 4567 x 892); "11 x 11" beside 12 x 12 is a square computed on the side, not a miscopy.
                if near_copy(v, operand) and any(self._piece_of(s, other) for s in self._siblings if s != v):
                    pending.append(self._pseudo("copy", num, operand, "operand"))
                    return operand, None, None
            # A part of a split the model wrote, miscopied where it is multiplied ("× 27" for the chunk 97,
            # "3,426,000" for the part 3,423,000).
            for part in sorted(self.split_parts):
                if near_copy(v, part) and not self._anchored(v):
                    pending.append(self._pseudo("copy", num, part, "operand"))
                    return part, None, self.expected.get(part) and None
        for step in self._recent():
            if (step.true is not None and step.claimed >= 100 and step.kind not in ("carry", "write")
                    and near_copy(v, step.claimed)):
                pending.append(self._pseudo("copy", num, step.true, "value"))
                return step.true, step, step.part
        if not in_product and v >= 100:
            for value, part in self.expected.items():
                if len(str(value)) == len(str(v)) and near_copy(v, value):
                    pending.append(self._pseudo("partial_product", num, value, "implicit"))
                    return value, None, part
        return v, None, None

    def _places(self, part: Part) -> list[int]:
        """Where a digit stands in the other operand, so that "x 100" is the right shift for it."""
        other = str(self.b if part[0] == "a" else self.a)
        return [k for k, c in enumerate(reversed(other)) if int(c) == part[1]]

    # ---- checking one claim ------------------------------------------------------------------
    def check(self, claim: Claim, fragment: bool = False, in_digits: bool = False) -> None:
        """Check one claim. A `fragment` is a claim a reply was cut in the middle of: cut inside its number
        (`in_digits`, "... = 411,93"), it is wrong only if the digits written so far already are; cut after its
        number or in the expression that follows ("= 963", "= 963 × 20000 +"), the value may still go on as
        an expression, so it is wrong only if its digits already outnumber the true value's."""
        pending: list[Step] = []
        handler = _HANDLERS.get(claim.kind)
        if handler is None:
            raise ValueError(f"the checker has no handler for claim kind {claim.kind!r}")
        if claim.kind in (ClaimKind.VALUE, ClaimKind.DIGIT):
            # a row's value or the header of the next row: the row's carries are spent, the next row
            # starts with none ("plus carry 0" there is not the last row's final carry)
            self.last_carry = None
        step = handler(self, claim, pending)
        if step is None:
            return
        if fragment and step.true is not None and (
                str(step.true).startswith(str(step.claimed)) or _sums_a_prefix(claim)
                or (step.kind == "decomposition" and step.claimed < step.true)
                or (step.kind == "sum" and any(_placed(row.claimed, row) == step.claimed
                                               for row in self._current_partials()))
                or (not in_digits and len(str(step.claimed)) <= len(str(step.true)))):
            # the reply was cut in this number, or before the rest of the terms it adds up: a split whose
            # parts written so far fall short, a sum stated as far as its first row ("Adding them: 1917600")
            return
        for pseudo in pending:
            pseudo.host = step
            pseudo.verification = claim.verification
            self._add(pseudo)
        step.verification = claim.verification
        self._add(step)

    def finish(self) -> None:
        """Decide the rounded-up multipliers: a choice when the trace subtracts a compensation (a sum with
        a minus), a misread digit otherwise (x 50 for the 4 tens of 445, though a x 5 is a row too)."""
        subtracts = any(s.composition and min(map(_FIRST, s.composition)) < 0 for s in self.steps)
        for copy, _operand, _difference in self.rounded:
            compensated = subtracts or self.subtracts
            if compensated or copy.index < 0:
                copy.side = True
        full = self.full
        if full is not None and full.kind != "answer":
            for step in self.steps[:full.index]:
                if step.kind == "result" and step.own_source == "direct" and (step.own is None or (
                        step.own == self.product and full.kind in ("addition", "compound", "sum")
                        and full.composition and 2 <= len(full.composition) == len(set(full.composition))
                        and step.claimed not in [t[0] for t in full.term_spans if t is not None]
                        and any(s.kind in ("partial_product", "shifted_partial_product")
                                for s in self.steps[step.index + 1:full.index]))):
                    # "Answer: N" first, the working after: N is checked against the working's result; so is
                    # "a × b = N" first when the working ends in a sum of its rows (distinct rows, N not one of
                    # them: a product stated and then doubled, "2448 + 2448", or added to, is a guess)
                    step.own, step.own_source = full.claimed, "restated"
                    step.label = label_for(step.claimed, step.own, step.true)
        self._order_headers()
        self._order_rows()
        for copy, multiplier in self.unplaced:
            if self.subtracts or subtracts or multiplier in self.split_values:
                copy.side = True
        for copy, role, written in self.cross_misreads:
            if written in self.operand_split[role]:
                copy.side = True  # the operand split again later, with that part ("456 is 450 + 6"): a choice

    def check_answer(self, answer: int, start: int, end: int) -> Step:
        claim = Claim("result", answer, start, end, start)
        step = self._result(claim, "answer")
        self._add(step)
        return step

    def _add(self, step: Step) -> None:
        step.index = len(self.steps)
        self.steps.append(step)
        if step.kind != "digit_write" and not step.tentative:
            self.by_value[step.claimed] = step
        if step.kind == "carry":
            self.last_carry = step
        elif step.kind in ("partial_product", "shifted_partial_product", "shift") and step.host is None:
            self.last_carry = None  # a row's value stated: its carries are spent, the next row starts with none
        if step.host is None:
            self.by_start[step.start] = step
        if step.true == self.product or step.kind in ("result", "sum") or step.composition:
            # (a sum of one row, "889 = 889", is the rows' total too: the product restated after it is it)
            if step.kind not in ("copy", "shift", "answer"):
                self.full = step

    def _equation(self, claim: Claim, pending: list[Step]) -> Step | None:
        expr = claim.expr
        assert expr is not None
        in_product = isinstance(expr, (Product, Quotient))
        is_sum = isinstance(expr, Sum)  # (asked below again and again)
        expr_leaves = leaves(expr)
        self._siblings = list(map(_VALUE, expr_leaves))
        # the factors of a product inside a sum ("8 × 8 + 6", "a × 800 + a × 90") are read as factors: a
        # digit there is a digit, not the carry of the same value written just before (a split's chunks,
        # "93 × 10^1 + 9", are judged by what they add up to, not as miscopies)
        factors = {id(f) for _, term in expr.terms if isinstance(term, Product) for f in term.factors} \
            if is_sum and not claim.decomposition else ()
        refs = [self._resolve(leaf, in_product or id(leaf) in factors, pending) for leaf in expr_leaves]
        resolved: dict[int, tuple[int, Step | None, Part | None]] = dict(zip(map(id, expr_leaves), refs))
        if in_product and self._estimate(expr_leaves):
            # "990 times 1,400 is 1,386,000" for 989 x 1399: both operands rounded, a check on the side
            own = evaluate(expr, _written)
            pending.clear()
            step = Step(-1, "product", claim.claimed, own, own, label_for(claim.claimed, own, own),
                        claim.start, claim.end, claim.step_start)
            step.side = True
            return step
        leaf_true = tuple(map(_FIRST, refs))
        if in_product and len(leaf_true) == 2:
            self._note_cross(leaf_true)
        own, true = _own_and_true(expr, expr_leaves, leaf_true, resolved)
        true_int = true if isinstance(true, int) else None
        kind, part = self._classify(expr, expr_leaves, leaf_true, resolved, claim)
        # A product of numbers none of which comes from the problem ("120 x 450" as an estimate,
        # "123 x 987" tried on the side) is a side computation: its value is no step of a x b. (A step
        # classified otherwise never becomes a "product" below, so only products are looked at.)
        side = kind == "product" and in_product and not pending and not any(
            ref[1] is not None or ref[2] is not None or self._anchored(leaf.value)
            for leaf, ref in zip(expr_leaves, refs))
        composition = self._composition(expr, resolved) if is_sum else None
        term_spans = list(self._term_spans) if composition is not None else []
        if is_sum and min(map(_FIRST, expr.terms), default=0) < 0:  # a term subtracted
            self.subtracts = True
        if claim.decomposition and is_sum:
            self.split_values.update(v for _, t in expr.terms if isinstance(v := evaluate(t, _written), int))
        if claim.decomposition and isinstance(own, int):
            # "892 = 800 + 90 + 2": what the model wrote is the parts; they must add up to the number
            # they replace: an operand, or a value the trace already holds (a part of a split).
            whole = self._whole(claim.claimed, own)
            far = not (claim.claimed in (self.a, self.b) and claim.claimed < 2 * own < 4 * claim.claimed)
            if own != claim.claimed and not near_copy(own, claim.claimed) and own != whole and far \
                    and not claim.expansion:
                return None  # "150 gives 55200 + 150", "738, so total is 55,350 + 738": not a split at all
            if claim.expansion and whole is None:
                return None  # rows of a number that is no operand nor a value held: nothing to add up to
            if whole is not None:
                step = Step(-1, "decomposition", own, claim.claimed, whole, label_for(own, claim.claimed, whole),
                            claim.start, claim.end, claim.step_start, leaf_true=leaf_true)
                terms = expr.terms if is_sum else []
                values = [abs(v) for _, t in terms if isinstance(v := evaluate(t, _written), int)]
                if own == whole:
                    # "34806697 = 34 × 10^6 + 80 × 10^4 + ...": the chunks are multipliers too, shifted after
                    chunks = [f.value for _, t in terms if isinstance(t, Product) for f in t.factors
                              if isinstance(f, Num) and not _is_power_of_ten(f.value)]
                    self._add_parts(whole, values + chunks)
                    self._note_split(whole, terms)
                    self.split_parts.update(v for v in values + chunks if v >= 10)
                    self.split_parts.update(v // 10**k for v in values for k in range(1, len(str(v)))
                                            if v % 10**k == 0 and v // 10**k >= 10)
                else:
                    for value in values:  # the parts of a wrong split carry its error into what uses them
                        self.tainted.setdefault(value, step)
                    step.composition_error = self._split_error(whole, values)
                return step
        if kind == "result":
            return self._result(claim, "result", written_product=True)
        if kind in ("addition", "carry_addition") and is_sum:
            extra = self._extra_operand(expr, resolved)
            if extra is not None and isinstance(true, int):
                own = true_int = true - extra  # "12 + 6 = 18" for 2 x 6: the operand added as if it were a row
                kind = "addition"
        if kind == "partial_product" and part is not None and isinstance(own, int) and isinstance(true_int, int):
            j = shifted_by(claim.claimed, own) if own else None
            if j is not None and j > 0 and (j == claim.place or (claim.place < 0 and j in self._places(part))):
                # "7346 × 1 (tens place): 73,460": the row written at its place
                own, true_int = own * 10**j, true_int * 10**j
                kind, part = "shifted_partial_product", (part[0], part[1] * 10**j)
        checked_part = part
        if kind == "digit_product" and self.a < 10 and self.b < 10 and len(expr_leaves) == 2:
            # 1 x 1 digits: "6 x 2" for 6 x 3 is the operand 3 miscopied as 2
            x, y = (leaf.value for leaf in expr_leaves)
            checked_part = ("a", y) if x == self.a else ("b", y) if x == self.b else ("a", x) if y == self.a else None
        if (
            checked_part is not None
            and checked_part[0] != CROSS
            and kind in ("partial_product", "shifted_partial_product", "digit_product")
            and claim.row < 0
        ):
            misread = self._misread(checked_part, claim, expr_leaves, pending)
            if misread is not None:
                true_int = misread
        if claim.row >= 0:
            # "246912 (12 x 123456)": the note is wrong, but the row may still be right for its place;
            # "168210 (5607 x 30)" for 5607 x 304: the note is right, but 304 has no tens.
            row = self._row(claim, own if claim.claimed != own else None)
            if row is not None:
                return row
        if composition is not None and kind == "addition" and isinstance(own, int) and isinstance(true_int, int):
            own, true_int, composition = self._unshifted_layout_rows(expr, resolved, claim.claimed, own, true_int,
                                                                     composition)
        step = Step(-1, kind, claim.claimed, own, true_int, label_for(claim.claimed, own, true_int),
                    claim.start, claim.end, claim.step_start, part=part, composition=composition,
                    leaf_true=leaf_true)
        step.term_spans = term_spans
        step.adds_carry = is_sum and "carry" in map(_ROLE, expr_leaves)
        if kind == "compound" and is_sum and len(expr.terms) == 2:
            products = [t for sign, t in expr.terms if isinstance(t, Product) and sign > 0]
            if len(products) == 1 and len(products[0].factors) == 2 and all(
                    isinstance(f, Num) and 0 <= resolved[id(f)][0] < 10 for f in products[0].factors):
                x, y = (resolved[id(f)][0] for f in products[0].factors)
                step.pair = (x, y)  # "9 × 8 + 6", "6 + 9 × 8": a digit product and its carry
        step.side = side and kind == "product"
        step.upstream = self._upstream(expr_leaves, resolved)
        return step

    @staticmethod
    def _unshifted_layout_rows(expr: Sum, resolved, claimed: int, own: int, true: int,
                               composition: list) -> tuple[int, int, list]:
        """The total of rows of a layout written unshifted ("23248" for the tens row of 5812 x 846): a total
        that adds them at their places was lined up by the model (its own value adds them so); one that adds
        them as written added them without their shift (its rows are the digit rows, and the shift error shows
        in its composition). Either way the total should hold them at their places."""
        moved = [(sign, ref) for sign, term in expr.terms if isinstance(term, Num)
                 for ref in (resolved[id(term)][1],) if ref is not None and ref.shift]
        if not moved or len(composition) != len(expr.terms):
            return own, true, composition
        placed_own = own + sum(sign * ref.claimed * (10**ref.shift - 1) for sign, ref in moved)
        placed_true = true + sum(sign * ref.true * (10**ref.shift - 1) for sign, ref in moved if ref.true is not None)
        if claimed == placed_own:
            return placed_own, placed_true, composition
        unshifted = {id(ref) for _, ref in moved}
        refs = [resolved[id(term)][1] if isinstance(term, Num) else None for _, term in expr.terms]
        composition = [(sign, (p[0], p[1] // 10**ref.shift)) if ref is not None and id(ref) in unshifted else (sign, p)
                       for (sign, p), ref in zip(composition, refs)]
        return own, placed_true, composition

    def _note_split(self, whole: int, terms: list) -> None:
        """A right split of an operand, or of a part of one: its parts, and the chunks they are written as
        (4821 in 4821 × 10^4, 223 for 22300), stand for that part of the operand (`operand_split`)."""
        for role, operand in (("a", self.a), ("b", self.b)):
            split = self.operand_split[role]
            if whole != operand and whole not in split:
                continue
            for _, term in terms:
                value = evaluate(term, _written)
                if not isinstance(value, int) or value <= 0:
                    continue
                top = split.get(whole, value)  # a part of a part stands for the part it was split from
                forms = [value]
                if isinstance(term, Product):
                    forms += [f.value for f in term.factors if isinstance(f, Num) and not _is_power_of_ten(f.value)]
                chunk = value
                while chunk % 10 == 0:
                    chunk //= 10
                    forms.append(chunk)
                for form in forms:
                    split.setdefault(form, top)
            return

    def _note_cross(self, factors: tuple) -> None:
        """A product of a part of a's split and a part of b's split: that cross product is done."""
        x, y = factors
        for p, q in ((x, y), (y, x)):
            if p in self.operand_split["a"] and q in self.operand_split["b"]:
                self.cross_pairs.add((self.operand_split["a"][p], self.operand_split["b"][q]))

    def _cross_misread(self, num: Num, pending: list[Step]) -> int | None:
        """Both operands split by the model: in a product of a part of one split with a number that is no part
        of the other, that number is a misread part of the other split, one not yet multiplied by the first:
        a chunk miscopied ("648 × 73" for the chunk 77 of 773 = 77 × 10 + 3; 73 is a piece of 773 but not a
        part of that split), or another digit of that operand when only one part is left ("3 × 80" for
        399 = 390 + 9, after 390 × 80). Returns the part it stands for, and records the misread."""
        if not (self.operand_split["a"] and self.operand_split["b"]):
            return None  # (the common case, checked first: the hot path reads every product)
        v = num.value
        first, second = self._siblings
        if first == second or v not in (first, second) or _is_power_of_ten(v) or v in (self.a, self.b):
            return None
        sibling = second if first == v else first
        for role, other_role, operand in (("a", "b", self.b), ("b", "a", self.a)):
            top = self.operand_split[role].get(sibling)
            other = self.operand_split[other_role]
            if top is None or not other or v in other or v in self.operand_split[role]:
                continue
            done = {q if role == "a" else p for p, q in self.cross_pairs if (p if role == "a" else q) == top}
            free = [c for c in sorted(set(other.values())) if c not in done]
            forms = {c: [f for f, t in other.items() if t == c and len(str(f)) == len(str(v))] for c in free}
            near = [c for c in free if any(near_copy(v, f) for f in forms[c])]
            if len(near) == 1:
                chosen = near[0]
            elif not near and len(free) == 1 and forms[free[0]] and (
                    (str(v) in str(operand)
                     and not any(str(v) in str(f) or v in _pieces(f) for f, t in other.items() if t == free[0]))
                    or any(sorted(str(f)) == sorted(str(v)) for f in forms[free[0]])):
                # another digit of the operand, or the digits of the one part not yet multiplied transposed
                chosen = free[0]
            else:
                continue
            written = forms[chosen][0]
            copy = self._pseudo("copy", num, written, "operand")
            self.cross_misreads.append((copy, other_role, v))
            pending.append(copy)
            return written
        return None

    def _estimate(self, expr_leaves: list[Num]) -> bool:
        """Two factors that are the two operands, each rounded to a round number (990 for 989, 1,400 or
        1,300 for 1,399), none of them a part of a split the model wrote: an estimate of a x b. A product
        with an operand as written is a row (a multiplier rounded up may be a misread), and a rounded
        operand that the trace split off is a part of a cross product (8,827,000 x 480)."""
        if len(expr_leaves) != 2:
            return False
        x, y = expr_leaves[0].value, expr_leaves[1].value
        if x % 10 or y % 10 or x in self.split_parts or y in self.split_parts:
            return False
        return (_rounding(x, self.a) and _rounding(y, self.b)) or (_rounding(x, self.b) and _rounding(y, self.a))

    def _upstream(self, expr_leaves: list[Num], resolved) -> Step | None:
        """The earliest wrong step this one builds on: a wrong input, or a part of a wrong split."""
        for leaf in expr_leaves:
            ref = resolved[id(leaf)][1]
            if ref is not None:
                if ref.upstream is not None:
                    return ref.upstream
                if ref.label == LOCAL:
                    return ref
            tainted = self.tainted.get(leaf.value)
            if tainted is not None:
                return tainted
        return None

    def _piece_of(self, v: int, operand: int) -> bool:
        """v is the operand, one of its digits, a part or piece of it, or a power of ten."""
        if v == operand or v == 1 or _is_power_of_ten(v):
            return True
        s = str(operand)
        return (str(v) in s and v < 10) or v in self.part_values

    def _anchored(self, v: int) -> bool:
        return v in (self.a, self.b) or v in self.digits or v in self.part_values or v in self.by_value

    def _whole(self, written: int, parts_total: int) -> int | None:
        """What a split number should be worth: an operand (also when miscopied), or the true value of
        a value the trace already holds; None for a number that is neither."""
        if written in (self.a, self.b):
            return written
        for operand in (self.a, self.b):
            if near_copy(written, operand) or parts_total == operand:
                return operand
        if written in self.part_values:
            return written
        known = self.by_value.get(written)
        if known is not None and known.true is not None and known.kind not in DIGIT_STEP_KINDS and written >= 10:
            return known.true
        return None

    def _add_parts(self, whole: int, parts: list[int]) -> None:
        """A right split of an operand, or of a part of one, makes its parts multipliers of the other."""
        for role, other in (("a", self.b), ("b", self.a)):
            if whole == other or whole in self.parts[role]:
                operand = self.a if role == "a" else self.b
                for part in parts:
                    # 4100 is multiplied as 41 and shifted after: its chunk is a multiplier too
                    chunk = part
                    while chunk > 0:
                        self.parts[role].add(chunk)
                        self.part_values.add(chunk)
                        self.expected.setdefault(operand * chunk, (role, chunk))
                        if chunk % 10:
                            break
                        chunk //= 10
                return

    def _extra_operand(self, expr: Sum, resolved) -> int | None:
        """An operand added to a sum of partial products, as if it were a row (never a row itself:
        a x 1 is a row only if the other operand has a digit 1)."""
        rows = [term for _, term in expr.terms if isinstance(term, Num) and resolved[id(term)][1] is not None
                and resolved[id(term)][1].kind in PRODUCT_STEP_KINDS]
        if not rows:
            return None
        for sign, term in expr.terms:
            if sign > 0 and isinstance(term, Num) and term not in rows:
                v = term.value
                if (v == self.a and "1" not in str(self.b) and 1 not in self.parts["a"]) or (
                        v == self.b and "1" not in str(self.a) and 1 not in self.parts["b"]):
                    return v
        return None

    def _misread(self, part: Part, claim: Claim, expr_leaves: list[Num], pending: list[Step]) -> int | None:
        """A multiplier that is not the digit standing at its place in the other operand: "1234567 x 0"
        said to be the hundreds digit of 8901234 (a 2), or "1380 x 800" when 8479 has 4 hundreds. The
        place is the one the model names, or the zeros of a round multiplier. A multiplier that is a part
        of a split the model wrote (9000000 in 9000000 - 98766) is chosen, not misread. Returns the row's
        true value, and records the misread as a copy step."""
        role, multiplier = part
        operand, other = (self.a, self.b) if role == "a" else (self.b, self.a)
        digits = str(other)[::-1]
        text = str(multiplier)
        if multiplier >= 10:
            # A power of ten ("3847 times 10 is 38,470, minus 3847") shifts or compensates; it is not a row.
            if multiplier in self.parts[role] or text[1:].strip("0") or len(text) > len(digits):
                return None
            place, digit = len(text) - 1, int(text[0])
            # a power of ten shifts a row or compensates ("times 10 is 38,470, minus 3847"): like a multiplier
            # rounded up, it is a misread only if the trace does not subtract (decided in finish())
            rounded, unplaced = _rounds_up(multiplier, other) or text[0] == "1", False
        else:
            # The place the model names; a one-digit operand has only one.
            rounded = False
            place, digit = (0 if len(digits) == 1 else claim.place), multiplier
            if place < 0 and str(multiplier) not in digits and multiplier not in self.parts[role]:
                # "× 9" when the multiplier has no 9 and no split gave one: a misread digit, of the first
                # place whose row is not there yet
                place = self._unused_place(role, digits)
                unplaced = True
            else:
                unplaced = False
            if place < 0 or place >= len(digits):
                return None
        right = int(digits[place])
        if right == digit:
            return None
        leaf = next((leaf for leaf in expr_leaves if leaf.value == multiplier), None)
        if leaf is None:
            return None
        written = right * 10**place if multiplier >= 10 else right
        copy = self._pseudo("copy", leaf, written, "place")
        copy.tentative = multiplier >= 10  # only a round multiplier can be a deliberate choice
        if unplaced:
            # "× 2" where the multiplier has no 2 is a choice in a trace that compensates (78 = 80 - 2) or
            # splits a part further (705 = 700 + 5): decided in finish()
            self.unplaced.append((copy, multiplier))
        if rounded:
            # 900 for 892 is a choice when the trace subtracts afterwards (x 900 - x 8), a misread
            # hundreds digit when it adds the other places' rows (x 900 + x 90 + x 2): decided in finish()
            self.rounded.append((copy, operand, multiplier - int(str(other)[-(place + 1):])))
        pending.append(copy)
        return operand * written

    def _split_error(self, whole: int, values: list[int]) -> str:
        """A split whose parts are the right parts of `whole` with one left out, or one counted twice."""
        known = set(place_parts(whole)) | self.split_parts
        if not all(v in known for v in values):
            return ""
        if len(set(values)) < len(values) and sum(values) > whole:
            return "duplicated_partial"
        if sum(values) < whole:
            return "omitted_partial"
        return ""

    def _labelled_value(self, claim: Claim, pending: list[Step]) -> Step | None:
        """A value under a label: after digit-by-digit work, the row of that digit; with a label of zeros
        or a shift, the last row moved to its place; else nothing to check."""
        if claim.place == 1:
            row = next((s for s in reversed(self.steps) if s.part is not None and s.kind != "copy"), None)
            if row is None:
                return None
            shifted = Claim("shift", claim.claimed, claim.start, claim.end, claim.step_start,
                            ref=Num(row.claimed, row.start, row.end))
            return self._shift(shifted, pending)
        recent = [s for s in self.steps[-60:] if _digit_pair(s) is not None]
        if len(recent) < 2 or self.steps[-1].kind not in DIGIT_STEP_KINDS | {"carry_addition", "compound"}:
            return None
        # the multiplier digit: the one digit the row's last products share (886 × 9 ends with 8 × 9 twice:
        # look further back until one digit is left)
        common = set(_digit_pair(recent[-1]))  # type: ignore[arg-type]
        for step in reversed(recent[:-1]):
            if len(common) == 1:
                break
            narrower = common & set(_digit_pair(step))  # type: ignore[arg-type]
            if not narrower:
                break
            common = narrower
        if len(common) != 1:
            return None
        d = common.pop()
        # the work since the last row value: a carry of 3 is no digit product of an earlier row ("1 × 3 = 3")
        since = self.steps[-60:]
        rows = [k for k, s in enumerate(since) if s.kind in ROW_STEP_KINDS]
        since = since[rows[-1] + 1:] if rows else since
        products = {s.claimed for s in since if _digit_pair(s) is not None}
        products.discard(0)  # "0 × 3 = 0, plus carry 0": a zero adds nothing, it makes no column sum
        if any(s.kind in ("carry_addition", "addition") and not (s.adds_carry and len(s.leaf_true) == 2)
               and sum(v in products for v in s.leaf_true) >= 2 for s in since):
            return None  # column by column (a sum of several digit products per column): no rows to read
        # a row of a digit the other operand lacks is still that row (the digit was misread: where the rows'
        # multipliers fail to add up, the sums point back at it); a digit both could be read for decides first
        for role, operand, other in (("a", self.a, self.b), ("b", self.b, self.a),
                                     ("a", self.a, None), ("b", self.b, None)):
            # a row: the last digit products are d times each digit of the operand, in order
            row = recent[-len(str(operand)):]
            pairs = [_digit_pair(s) or () for s in row]
            factors = sorted(next(iter(set(pair) - {d}), d) for pair in pairs)
            if (other is None or str(d) in str(other)) and len(row) == len(str(operand)) \
                    and all(d in pair for pair in pairs) and factors == sorted(int(c) for c in str(operand)):
                other = other or (self.b if role == "a" else self.a)
                true = operand * d
                wrong_before = any(s.label == LOCAL for s in self.steps[-40:]
                                   if s.kind in DIGIT_STEP_KINDS or s.kind == "compound")
                own = claim.claimed if wrong_before else true
                for k, c in enumerate(str(other)[::-1]):
                    if k and c == str(d) and claim.claimed == true * 10**k:
                        # "Row for the tens digit: 746800": the row written already moved to its place
                        return Step(-1, "shifted_partial_product", claim.claimed, claim.claimed, claim.claimed,
                                    CORRECT, claim.start, claim.end, claim.step_start, part=(role, d * 10**k))
                return Step(-1, "partial_product", claim.claimed, own, true, label_for(claim.claimed, own, true),
                            claim.start, claim.end, claim.step_start, part=(role, d))
        return None

    def _part_written(self, claim: Claim) -> Step | None:
        """The multiplier of a row written for a part of a split: a copy step when it is another number."""
        assert claim.ref is not None
        part = claim.ref.value
        if claim.claimed == part or not (part in self.parts["a"] or part in self.parts["b"]):
            return None
        step = Step(-1, "copy", claim.claimed, claim.claimed, part, LOCAL, claim.start, claim.end, claim.step_start)
        step.own_source = "place"
        return step

    def _digit_at_place(self, claim: Claim) -> Step | None:
        """A digit read at a named place: right if it stands there in the number named (or, with no
        number named, in either operand); else a copy step whose true value is the digit that stands there
        (in the shorter operand, whose digits are the rows; b when they are as long)."""
        place = claim.place
        if place < 0:
            return self._header_digit(claim)
        if claim.ref is not None:
            if claim.ref.value not in (self.a, self.b):
                return None
            candidates = [claim.ref.value]
        else:
            candidates = sorted((self.b, self.a), key=lambda n: len(str(n)))  # b's rows when as long as a
        at = [int(str(n)[::-1][place]) for n in candidates if place < len(str(n))]
        if not at or claim.claimed in at:
            if at:
                self.header_place = (claim.claimed, place)
            return None
        step = Step(-1, "copy", claim.claimed, claim.claimed, at[0], LOCAL, claim.start, claim.end, claim.step_start)
        step.own_source = "place"
        return step

    def _header_digit(self, claim: Claim) -> Step | None:
        """ "Multiply 843 by 8:" over a row's digit work, for 843 x 11: 8 is no digit of 11, a misread (of the
        first place whose row is not there yet), unless a split gave it or the trace compensates."""
        if claim.ref is None:
            # "Taking the digit 6:" names no operand: the rows are of the operand that has the digit (the
            # shorter one's digits when both or neither have it)
            roles = sorted(("b", "a"), key=lambda r: len(str(self.b if r == "a" else self.a)))
            role = next((r for r in roles if str(claim.claimed) in str(self.b if r == "a" else self.a)), roles[0])
        elif claim.ref.value in (self.a, self.b):
            role = "a" if claim.ref.value == self.a else "b"
        else:
            return None
        digits = str(self.b if role == "a" else self.a)[::-1]
        if len(digits) == 1:
            return None
        if str(claim.claimed) in digits:
            # a digit of the multiplier: right unless the order of all the rows' headers says otherwise
            step = Step(-1, "copy", claim.claimed, claim.claimed, claim.claimed, CORRECT, claim.start, claim.end,
                        claim.step_start)
            self.headers.append((step, role))
            return step
        if claim.claimed in self.parts[role]:
            return None  # a part of a split the model wrote
        place = max(self._unused_place(role, digits), 0)
        step = Step(-1, "copy", claim.claimed, claim.claimed, int(digits[place]), LOCAL, claim.start, claim.end,
                    claim.step_start)
        step.own_source = "place"
        self.unplaced.append((step, claim.claimed))
        self.headers.append((step, role))
        return step

    def _order_rows(self) -> None:
        """Rows of digit work, one per nonzero digit of the multiplier, that take its digits in order (units
        first or leading digit first) but one: that row was worked with a misread digit (886 × 9188 as rows of
        8, 8, 8, 9: the third stands where the 1 is), when the trace then puts that row at that place (708800
        stacked for the hundreds). Right for the digit it used, it is wrong for its place. Rows named by headers
        are ordered by them (`_order_headers`)."""
        if self.headers:
            return
        for role in ("a", "b"):
            operand, other = (self.a, self.b) if role == "a" else (self.b, self.a)
            rows = [s for s in self.steps if s.kind == "partial_product" and s.host is None and s.part is not None
                    and s.part[0] == role and 0 < s.part[1] < 10 and s.label == CORRECT]
            places = [(int(c), k) for k, c in enumerate(str(other)[::-1]) if c != "0"]
            if len(rows) != len(places) or len(rows) < 2:
                continue
            # of two orders that fit as well (45 worked as rows of 5, 5), units first: the order of digit rows
            best = max((places, places[::-1]), key=lambda order: sum(r.part[1] == d for r, (d, _) in zip(rows, order)))
            off = [(r, d, k) for r, (d, k) in zip(rows, best) if r.part[1] != d]  # type: ignore[index]
            if len(off) != 1 or sorted(r.part[1] for r in rows) == sorted(d for d, _ in places):  # type: ignore[index]
                continue  # all in order, or the digits all there in another order: no misread
            row, digit, place = off[0]
            # the row is then put at that place (shifted, stacked, added): it stands for that digit; the units
            # row, when the step after it does not move it ("Shifting it into place: ..."), is at its place
            after = next((s for s in self.steps[row.index + 1:] if s.kind not in DIGIT_STEP_KINDS | {"compound"}
                          and s.kind != "carry_addition"), None)
            moved = after is not None and shifted_by(after.claimed, row.claimed) is not None
            if (not place and not moved) or (place and any(
                    later.claimed == row.claimed * 10**place for later in self.steps[row.index + 1:])):
                row.true, row.label, row.own_source = operand * digit, LOCAL, "place"

    def _order_headers(self) -> None:
        """Row headers ("Taking the digit 2:") that are one per nonzero digit of the multiplier take its
        digits in order, units first or leading digit first: a header off that order in the order most of
        them follow is the misread (927 worked as 2, 2, 9: the first 2 stands where the 7 is)."""
        if len({r for _, r in self.headers}) > 1:
            return  # headers that name digits of both operands: no one order to read
        for role in ("a", "b"):
            steps = [step for step, r in self.headers if r == role]
            digits = [int(c) for c in str(self.b if role == "a" else self.a)[::-1] if c != "0"]
            if len(steps) != len(digits) or len(steps) < 2:
                continue
            best = max((digits, digits[::-1]), key=lambda order: sum(s.claimed == d for s, d in zip(steps, order)))
            if sum(s.claimed == d for s, d in zip(steps, best)) < len(steps) - 1:
                continue  # more than one off: no order to read
            for step, digit in zip(steps, best):
                if step.claimed != digit and step.label == CORRECT:
                    step.true, step.label, step.own_source = digit, LOCAL, "place"

    def _unused_place(self, role: str, digits: str) -> int:
        """The first place (units first) of a nonzero digit whose row no step has computed yet."""
        done = {s.part[1] for s in self.steps if s.part is not None and s.part[0] == role}
        for place, c in enumerate(digits):
            if c != "0" and int(c) not in done and int(c) * 10**place not in done:
                return place
        return 0

    def _row(self, claim: Claim, noted: int | Fraction | None) -> Step | None:
        """The k-th row of a written-out layout "N / x M": N times the k-th digit of M from the right,
        shifted k places (written shifted or not; zero rows may be left out). `noted` is the value of
        the row's own note ("(12345 x 80)"), when it has one."""
        assert claim.layout is not None
        n, m = claim.layout
        if (n, m) != (self.a, self.b) and (n, m) != (self.b, self.a):
            return None
        digits = [int(c) for c in reversed(str(m))]
        k = claim.row
        nonzero = [(d, place) for place, d in enumerate(digits) if d]
        allowed = set()
        if k < len(digits):
            allowed |= {n * digits[k] * 10**k, n * digits[k]}
        if k < len(nonzero):
            d, place = nonzero[k]
            allowed |= {n * d * 10**place, n * d}
        role = "a" if n == self.a else "b"
        if noted is None and claim.claimed not in allowed and claim.claimed in self._layout_rows(n, m):
            allowed.add(claim.claimed)  # the row of another place: written in another order
        if claim.claimed in allowed:
            multiplier = claim.claimed // n if n else 0
            place = next((p for d, p in nonzero if d == multiplier and p == k), None)
            if place is None and k < len(nonzero) and nonzero[k][0] == multiplier:
                place = nonzero[k][1]
            shift = place if multiplier < 10 and place else 0
            part = (role, multiplier * 10**shift) if multiplier else None
            step = Step(-1, "shifted_partial_product" if k else "partial_product", claim.claimed, claim.claimed,
                        claim.claimed, CORRECT, claim.start, claim.end, claim.step_start, part=part)
            step.shift = shift
            return step
        if k >= len(digits):
            return None
        true = n * digits[k] * 10**k
        own = noted if isinstance(noted, int) else true
        return Step(-1, "shifted_partial_product" if k else "partial_product", claim.claimed, own, true,
                    label_for(claim.claimed, own, true), claim.start, claim.end, claim.step_start,
                    part=(role, digits[k] * 10**k) if digits[k] else None)

    @staticmethod
    def _layout_rows(n: int, m: int) -> set[int]:
        """Every row a layout of n x m can hold, by the digits of either number, shifted or not."""
        out = set()
        for x, y in ((n, m), (m, n)):
            for place, c in enumerate(reversed(str(y))):
                if c != "0":
                    out |= {x * int(c), x * int(c) * 10**place}
        return out

    def _split(self, claim: Claim) -> Step | None:
        """ "1234 multiplied by 5000 plus 700 plus 60 plus 8": the parts must add up to the other operand."""
        expr = claim.expr
        assert isinstance(expr, Sum)
        head = expr.terms[0][1]
        assert isinstance(head, Product)
        x, first = head.factors[0], head.factors[1]
        parts = [first.value] + [t.value for _, t in expr.terms[1:]]  # type: ignore[union-attr]
        total = sum(parts)
        for operand, other in ((self.a, self.b), (self.b, self.a)):
            if x.value == operand and (total == other or near_copy(total, other)):  # type: ignore[union-attr]
                if total == other:
                    self._add_parts(other, parts)
                return Step(-1, "decomposition", total, other, other, label_for(total, other, other),
                            claim.start, claim.end, claim.step_start)
        return None

    def _classify(self, expr, expr_leaves, leaf_true, resolved, claim: Claim) -> tuple[str, Part | None]:
        if isinstance(expr, Quotient):
            return "division", None
        if isinstance(expr, Sum):
            # a product or quotient term (C-level maps: no generator frame)
            if any(map(isinstance, map(_SECOND, expr.terms), repeat((Product, Quotient)))):
                return "compound", None
            values = list(map(_VALUE, expr_leaves))
            # A carry is added only when a number of two or more digits is multiplied digit by digit.
            if claim.claimed < 200 and min(values) < 10 and max(self.a, self.b) >= 10:
                return "carry_addition", None
            return "addition", None
        factors = list(leaf_true)
        if len(factors) >= 2 and max(map(_VALUE, expr_leaves)) < 10:  # (every leaf a digit)
            return "digit_product", None
        for role, operand in (("a", self.a), ("b", self.b)):
            if operand in factors:
                rest = list(factors)
                rest.remove(operand)
                multiplier = 1
                for f in rest:
                    multiplier *= f
                other = self.b if role == "a" else self.a
                # a x b is one (shifted) partial product when b has a single nonzero digit (8, 50, 300).
                if multiplier == other and sum(c != "0" for c in str(other)) > 1:
                    return "result", None
                if multiplier < 10:
                    return "partial_product", (role, multiplier)
                return "shifted_partial_product", (role, multiplier)
        powers = [f for f in factors if _is_power_of_ten(f)]
        if powers and len(factors) == 2:
            base = factors[0] if factors[1] in powers else factors[1]
            refs = [resolved[id(leaf)] for leaf in expr_leaves]
            for _, _ref, part in refs:
                if part is not None:
                    return "shift", (part[0], part[1] * powers[-1])
            if base in self.expected:
                role, m = self.expected[base]
                return "shift", (role, m * powers[-1])
            return "shift", None
        cross = self._cross(factors)
        if cross is not None:
            return "shifted_partial_product", cross
        return "product", None

    def _cross_place(self, step: Step) -> int | None:
        """The power of ten that puts a product of two chunks ("372 × 238" for 372 × 10^3 and 238 × 10^3) at
        the place of the parts they stand for, or None."""
        if len(step.leaf_true) != 2:
            return None
        x, y = step.leaf_true
        split_a, split_b = self.operand_split["a"], self.operand_split["b"]
        for u, w in ((x, y), (y, x)):
            if u in split_a and w in split_b and u * w:
                full, unit = split_a[u] * split_b[w], u * w
                if full % unit == 0 and _is_power_of_ten(full // unit) and full != unit:
                    return len(str(full // unit)) - 1
        return None

    def _cross(self, factors: list[int]) -> Part | None:
        """ "30,000,000 × 60,000,000", "44368 × 291": a part of a times a part of b (both operands split),
        one of the cross products whose sum is a × b."""
        if len(factors) != 2:
            return None
        of_a = self.parts["b"] | self.pieces_of_a | {self.a}
        of_b = self.parts["a"] | self.pieces_of_b | {self.b}
        x, y = factors
        if ((x in of_a and y in of_b) or (x in of_b and y in of_a)) and {x, y} != {self.a, self.b} \
                and x not in (self.a, self.b) and y not in (self.a, self.b):
            return CROSS, x * y
        return None

    def _composition(self, expr: Sum, resolved) -> list[tuple[int, Part]] | None:
        out: list[tuple[int, Part]] = []
        self._term_spans = []
        for sign, term in expr.terms:
            if not isinstance(term, Num):
                return None
            true, ref, part = resolved[id(term)]
            if ref is not None and ref.composition is not None:
                out.extend((sign * s, p) for s, p in ref.composition)
                self._term_spans.extend([None] * len(ref.composition))
                continue
            if part is not None:
                out.append((sign, part))
            elif true in self.expected:
                out.append((sign, self.expected[true]))
            else:
                return None
            self._term_spans.append((term.value, term.start, term.end))
        return out

    def _carry(self, claim: Claim, pending: list[Step]) -> Step:
        ref = claim.ref
        assert ref is not None
        source = self.by_start.get(ref.start)
        own_base = ref.value
        true_base = source.true if source is not None and source.true is not None else ref.value
        if claim.kind == "carry":
            own, true, kind = own_base // 10, true_base // 10, "carry"
        elif claim.claimed >= 10:
            own, true, kind = own_base, true_base, "digit_write"  # the last column is written whole
        else:
            own, true, kind = own_base % 10, true_base % 10, "digit_write"
        return Step(-1, kind, claim.claimed, own, true, label_for(claim.claimed, own, true),
                    claim.start, claim.end, claim.step_start)

    def _shift(self, claim: Claim, pending: list[Step]) -> Step:
        ref = claim.ref
        assert ref is not None
        source = self.by_start.get(ref.start)
        if source is None or source.part is None or source.true is None:
            return Step(-1, "shift", claim.claimed, None, None, UNCHECKED, claim.start, claim.end, claim.step_start)
        places = self._places(source.part) if source.part[1] < 10 else [0]
        j = shifted_by(claim.claimed, ref.value)
        # the model says it moved the row: of the places its digit stands at, one that moves it (the row of
        # the 7 tens of 1977 "shifted left by 1" and written 36463 was not moved, not the ones row again)
        moved = [k for k in places if k > 0] or places
        k = j if j in places else (moved[0] if moved else 0)
        named, self.header_place = self.header_place, None
        if named is not None and named[0] == source.part[1] and named[1] in places and j is not None:
            k = named[1]  # the place the row's header named (the 2 thousands of 2285, not its 2 hundreds)
        if j is not None and j > 0 and j not in places and source.part[1] < 10 and places and (
                {(source.part[0], source.part[1] * 10**p) for p in places} <= self._rows_written()):
            # every place of its digit has its row already ("4,213 × 6 ... adding 3 zeros" for the 6 thousands
            # of 6231): a row of that digit moved by j more zeros stands at that place, multiplied by a misread
            # digit ("adding 2 zeros gives 2527800" for the 2 hundreds), not the row shifted short
            k = j
        own, true = ref.value * 10**k, source.true * 10**k
        part = (source.part[0], source.part[1] * 10**k)
        return Step(-1, "shift", claim.claimed, own, true, label_for(claim.claimed, own, true),
                    claim.start, claim.end, claim.step_start, part=part)

    def _rows_written(self) -> set[Part]:
        """The rows already standing at a place: shifted partial products and rows moved to their place."""
        return {s.part for s in self.steps if s.part is not None and s.host is None
                and s.kind in ("shifted_partial_product", "shift")}

    def _current_partials(self) -> list[Step]:
        """The latest step standing for each partial product, in the orientation used most recently."""
        latest: dict[Part, Step] = {}
        role = None
        for step in self.steps:
            if step.part is not None and step.kind not in ("copy",):
                latest[step.part] = step
                role = step.part[0]
        if role is None:
            return []
        chosen: dict[int, Step] = {}
        for (r, m), step in latest.items():
            if r == role:
                chosen[m] = step
        # An unshifted digit product ("4567 x 8") stands for its row only while that digit still has
        # rows without a shifted form ("4567 x 800"); 88 has two rows of 8, 892 only one.
        other = str(self.b if role == "a" else self.a)
        out = []
        for m, step in chosen.items():
            if m < 10:
                shifted = sum(1 for k in range(1, len(other)) if m * 10**k in chosen)
                if shifted >= other.count(str(m)):
                    continue
            out.append(step)
        return sorted(out, key=lambda s: s.index)

    def _digit_row_places(self, partials: list[Step]) -> list[int] | None:
        """The places of rows written unshifted, one per nonzero digit of the multiplier ("538 × 7", "538 × 2",
        "538 × 9" for 927), or None. Rows of a repeated digit are equal, so which of its places each takes
        does not change the sum."""
        if any(s.part is None or not 0 < s.part[1] < 10 or s.shift for s in partials):
            return None
        role = partials[0].part[0]  # type: ignore[index]
        digits = str(self.b if role == "a" else self.a)[::-1]
        free = [k for k, c in enumerate(digits) if c != "0"]
        if len(free) != len(partials) or any(s.part[0] != role for s in partials):  # type: ignore[index]
            return None
        places = []
        for s in partials:
            k = next((k for k in free if int(digits[k]) == s.part[1]), None)  # type: ignore[index]
            if k is None:
                return None
            free.remove(k)
            places.append(k)
        return places

    def _recent_pieces(self) -> list[Step]:
        """Products of pieces written since the last partial product ("300 x 8 = 2400, 45 x 8 = 360")."""
        out: list[Step] = []
        for step in reversed(self.steps):
            if step.kind != "product" or step.true is None:
                break
            out.append(step)
        return out[::-1]

    def _implicit_sum(self, claim: Claim) -> Step:
        pieces = self._recent_pieces()
        if len(pieces) >= 2:
            own = sum(s.claimed for s in pieces)
            true = sum(s.true for s in pieces if s.true is not None)
            part = self.expected.get(true)
            kind = "partial_product" if part is not None else "addition"
            return Step(-1, kind, claim.claimed, own, true, label_for(claim.claimed, own, true),
                        claim.start, claim.end, claim.step_start, part=part)
        partials = self._current_partials()
        full = self.full
        if len(partials) < 2 or (full is not None and full.claimed == claim.claimed and full.composition
                                 and full.kind in ("addition", "compound")):
            # "Total = 6,207,320" after the running sum that reached it restates that sum (which rows it
            # added is the sum's business: a row added twice is not taken out again here)
            return self._result(claim, "result")
        own = sum(_placed(s.claimed, s) for s in partials)
        true = sum(_placed(s.true, s) for s in partials if s.true is not None)
        places = self._digit_row_places(partials)
        if places is not None and claim.claimed != own:
            # "538 × 7 = 3766 ... Adding the shifted rows gives 498726": digit rows summed at their places
            own = sum(s.claimed * 10**k for s, k in zip(partials, places))
            true = sum(s.true * 10**k for s, k in zip(partials, places) if s.true is not None)
        composition = [(1, s.part) for s in partials if s.part is not None]
        step = Step(-1, "sum", claim.claimed, own, true, label_for(claim.claimed, own, true),
                    claim.start, claim.end, claim.step_start, composition=composition)
        return step

    def _at_places(self, row: Step) -> set[int]:
        """The values a row stands for: as written, and a digit row moved to a place of its digit."""
        values = {row.claimed}
        if row.part is not None and 0 < row.part[1] < 10 and not row.shift:
            values.update(row.claimed * 10**k for k in self._places(row.part) if k > 0)
        return values

    def _result_or_row(self, claim: Claim, pending: list[Step]) -> Step:
        """ "Result: 28836" right under a row's digit products is that row's value, not the product stated;
        anywhere else, a stated product."""
        if self.steps and self.steps[-1].kind in DIGIT_STEP_KINDS | {"carry_addition", "compound"}:
            row = self._labelled_value(claim, pending)
            if row is not None:
                return row
        return self._result(claim, "result")

    def _result(self, claim: Claim, kind: str, written_product: bool = False) -> Step:
        """A stated product: checked against the trace's own last full result, if it has one."""
        true = self.product
        terms: tuple[int, ...] = ()
        if self.full is not None and self.full.kind != "answer":
            own, source = self.full.claimed, "restated"
        else:
            partials = self._current_partials()
            if len(partials) >= 2:
                own, source = sum(_placed(s.claimed, s) for s in partials), "implicit_sum"
                terms = tuple(_placed(s.claimed, s) for s in partials)
            elif len(partials) == 1 and partials[0].true == self.product:
                own, source = partials[0].claimed, "restated"
            elif len(partials) == 1 and claim.claimed in self._at_places(partials[0]):
                # one row stated as the product (also at its place: "+ 193360" over a rule for 2417 × 8 of
                # 680): the other rows were left out
                own, source = claim.claimed, "implicit_sum"
                terms = (claim.claimed,)
            elif written_product or kind == "answer":
                own, source = self.product, "direct"
            else:
                own, source = None, "direct"
        step = Step(-1, kind, claim.claimed, own, true, label_for(claim.claimed, own, true),
                    claim.start, claim.end, claim.step_start)
        step.own_source = source
        if source == "implicit_sum":
            step.terms = terms
        return step


# One handler per kind of claim: a kind the parser makes and the checker does not know fails loudly.
_HANDLERS = {
    ClaimKind.EQUATION: Checker._equation,
    ClaimKind.CARRY: Checker._carry,
    ClaimKind.WRITE: Checker._carry,
    ClaimKind.SHIFT: Checker._shift,
    ClaimKind.SUM: lambda self, claim, pending: self._implicit_sum(claim),
    ClaimKind.SPLIT: lambda self, claim, pending: self._split(claim),
    ClaimKind.ROW: lambda self, claim, pending: self._row(claim, None),
    ClaimKind.RESULT: lambda self, claim, pending: self._result_or_row(claim, pending),
    ClaimKind.DIGIT: lambda self, claim, pending: self._digit_at_place(claim),
    ClaimKind.VALUE: lambda self, claim, pending: self._labelled_value(claim, pending),
    ClaimKind.PART: lambda self, claim, pending: self._part_written(claim),
}
assert set(_HANDLERS) == set(ClaimKind), "every claim kind has its handler"
