"""The verdict on one trace: was the algorithm followed, where did it first go wrong, and how.

"First wrong" means the first error that stuck: a step whose value is wrong even from its own inputs
(or a miscopy), and that the model did not later recompute correctly. An error the model fixed itself
only counts when nothing else went wrong, and then the trace is "self_corrected". The replay page
highlights this step, so it must point at text the model wrote, never at a guess of ours: when the
answer is wrong and no such step can be found, the trace is "unparsed".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from experiment.analysis.check import (
    CORRECT,
    CROSS,
    LOCAL,
    PROPAGATED,
    RESTORED,
    UNCHECKED,
    Step,
    place_parts,
    shifted_by,
)
from experiment.analysis.kinds import Category, StepKind

CATEGORIES = tuple(category.value for category in Category)

DIGIT_KINDS = frozenset(("digit_product", "carry", "digit_write", "carry_addition"))
PRODUCT_KINDS = frozenset(("partial_product", "shifted_partial_product", "product", "shift"))
SUM_KINDS = frozenset(("addition", "compound", "sum"))
ALGORITHM_KINDS = DIGIT_KINDS | PRODUCT_KINDS | SUM_KINDS
_MANY_NUMBERS = 6  # an estimate uses a few numbers; a worked method that we could not read uses many


@dataclass(slots=True)
class Verdict:
    followed_algorithm: bool
    category: str
    first_wrong: Step | None


def _product_category(step: Step) -> str:
    if isinstance(step.own, int) and shifted_by(step.claimed, step.own) is not None:
        return Category.SHIFT_ERROR
    return Category.WRONG_PARTIAL_PRODUCT


def _stated_category(step: Step) -> str:
    if step.own_source == "implicit_sum":
        return _unwritten_sum_error(step)
    if step.own_source == "direct":
        return Category.NO_ALGORITHM
    return Category.ANSWER_MISMATCH if step.kind == StepKind.ANSWER else Category.COPY_ERROR


_SLIP = lambda step: Category.ARITHMETIC_SLIP  # noqa: E731
_SUM = lambda step: step.composition_error or Category.ADDITION_ERROR  # noqa: E731
# The error categories, read off the kind of step where the error started: one entry per kind.
_CATEGORY_OF = {
    StepKind.DIGIT_PRODUCT: _SLIP, StepKind.CARRY: _SLIP, StepKind.DIGIT_WRITE: _SLIP,
    StepKind.CARRY_ADDITION: _SLIP, StepKind.DIVISION: _SLIP,
    StepKind.COPY: lambda step: Category.COPY_ERROR,
    StepKind.DECOMPOSITION: lambda step: step.composition_error or Category.COPY_ERROR,
    StepKind.SHIFT: lambda step: Category.SHIFT_ERROR,
    StepKind.PARTIAL_PRODUCT: _product_category, StepKind.SHIFTED_PARTIAL_PRODUCT: _product_category,
    StepKind.PRODUCT: _product_category,
    StepKind.ADDITION: _SUM, StepKind.COMPOUND: _SUM, StepKind.SUM: _SUM,
    StepKind.RESULT: _stated_category, StepKind.ANSWER: _stated_category,
}
assert set(_CATEGORY_OF) == set(StepKind), "every step kind has its category"


def category_of(step: Step) -> str:
    """The category of the error that started at `step`; an unknown kind of step fails."""
    try:
        return _CATEGORY_OF[StepKind(step.kind)](step)
    except ValueError:
        raise ValueError(f"no category for step kind {step.kind!r}") from None


def _unshifted_row(result: Step, steps: list[Step], a: int, b: int) -> Step:
    """The row a sum added without its shift, as a shift step where the row is written (the later of
    two rows of the same digit), or the sum itself when the rows are not written in it."""
    composition, spans = result.composition or [], result.term_spans
    if len(spans) != len(composition):
        return result
    role = Counter(part[0] for _, part in composition).most_common(1)[0][0]
    operand, other = (a, b) if role == "a" else (b, a)
    digits = str(other)[::-1]
    total = sum(sign * m for sign, (r, m) in composition if r == role)
    for position in range(len(composition) - 1, -1, -1):
        sign, (r, m) = composition[position]
        if r != role or not 0 < m < 10:
            continue
        for k in range(1, len(digits)):
            if digits[k] == str(m) and total + m * (10**k - 1) == other:
                span = spans[position] if spans[position] is not None else _added_at(steps, result, (r, m))
                if span is None:
                    continue
                value, start, end = span
                row = operand * m
                step = Step(result.index, "shift", value, row, row * 10**k, LOCAL, start, end, start)
                return step
    return result


def _added_at(steps: list[Step], result: Step, part: tuple) -> tuple | None:
    """Where a running sum before `result` added the row of `part` written as a term (the result restates
    that sum as one of its terms: "46,773 + 2,598,500" after "31,182 + 15,591 = 46,773")."""
    for step in steps[:result.index]:
        if step.kind not in SUM_KINDS or not step.composition or len(step.term_spans) != len(step.composition):
            continue
        for (_, p), span in zip(step.composition, step.term_spans):
            if p == part and span is not None:
                return span
    return None


def _unwritten_sum_error(step: Step) -> str:
    """A product stated after the partial products without writing their sum: a left-out or doubled
    row shows as a total equal to some rows only, or to all rows with one counted twice."""
    terms = step.terms
    total = sum(terms)
    if any(step.claimed == total - t for t in terms) or step.claimed in terms:
        return "omitted_partial"
    if any(step.claimed == total + t for t in terms):
        return "duplicated_partial"
    return "addition_error"


def _same_quantity(origin: Step, later: Step) -> bool:
    if origin.kind in PRODUCT_KINDS or origin.kind == "copy":
        return later.kind in PRODUCT_KINDS or later.kind in ("result",)
    if origin.kind in SUM_KINDS or origin.kind in ("result", "answer", "decomposition", "shift"):
        return later.kind not in DIGIT_KINDS
    return later.kind == origin.kind and sorted(later.leaf_true) == sorted(origin.leaf_true)


def _target(origin: Step) -> tuple[Step, int | None]:
    """What a correction must get right: a miscopy is fixed when the step that used it is."""
    if origin.host is not None and origin.host.true is not None:
        return origin.host, origin.host.true
    return origin, origin.true


def _digit_level(step: Step) -> bool:
    """A step of a row's digit work: a digit product, a carry, a digit written, or, in column work, a digit
    product and its carry in one step ("(6 x 1) + 0 = 6")."""
    return step.kind in DIGIT_KINDS or step.pair is not None


def is_corrected(origin: Step, steps: list[Step], own_rows: frozenset[int] = frozenset()) -> bool:
    """Did the model later write the right value for the same quantity? A slip in a row's digit work is
    fixed when the row it belongs to comes out right (a row recomputed after "Wait, let me redo this row"),
    not by the same computation at another position of a row ("(6 x 1) + 0 = 6" for another 6)."""
    quantity, target = _target(origin)
    if target is None:
        return False
    if _digit_level(origin):
        if _restated_after_restart(origin, steps):
            return True
        digits = _row_digits(origin, steps)
        for later in steps[origin.index + 1:]:
            if _digit_level(later):
                continue
            if (
                later.kind in PRODUCT_KINDS
                and later.part is not None
                and digits
                and str(later.part[1])[0] not in digits
            ):
                continue  # another row ("7346 × 2000" after a slip in the digits of 7346 × 8)
            if later.kind in PRODUCT_KINDS or later.kind in ("result", "answer"):
                if later.label in (CORRECT, RESTORED):
                    return True
                # (a row built on the slip is not fixed by the row of another place of the same digit: 1101's
                # hundreds row by its thousands row)
                return later.label != UNCHECKED and is_corrected_value(later, steps, own_rows=own_rows)
        return False
    return is_corrected_value(quantity, steps, origin, own_rows)


def _pair_before(step: Step, steps: list[Step]) -> tuple[int, ...]:
    """The inputs of the digit product a carry or a written digit comes from (the step's position)."""
    for earlier in reversed(steps[:step.index]):
        if earlier.kind in ("digit_product", "compound") and _digit_level(earlier):
            return earlier.leaf_true
        if not _digit_level(earlier):
            break
    return ()


def _position_key(step: Step, steps: list[Step]) -> tuple:
    """What identifies a digit-level step within its row: its kind and inputs (for a carry or a digit
    written, those of the product it comes from)."""
    if step.kind in ("digit_product", "compound"):
        return step.kind, step.leaf_true
    return step.kind, _pair_before(step, steps)


def _restated_after_restart(origin: Step, steps: list[Step]) -> bool:
    """The row was begun again before its value was stated ("No wait ... Recomputing:") and the step written
    again, right: the digit products of the row up to the slip come again, in order, then the same step
    (same kind and inputs) with the right value. The same computation at another position of the row is
    another step: the products before it are not those before the slip."""
    is_pair = origin.kind in ("digit_product", "compound")
    prefix: list[tuple] = []
    for earlier in reversed(steps[:origin.index]):
        if not _digit_level(earlier):
            break
        if earlier.kind in ("digit_product", "compound"):
            prefix.append(_position_key(earlier, steps))
    prefix.reverse()
    key = _position_key(origin, steps)
    matched = 0
    for later in steps[origin.index + 1:]:
        if not _digit_level(later):
            return False  # the row's value (or something else) came first: the row was not begun again
        pair = later.kind in ("digit_product", "compound")
        if matched == len(prefix) and pair == is_pair and _position_key(later, steps) == key:
            if later.claimed == origin.true and later.label in (CORRECT, RESTORED):
                return True
        if pair:
            later_key = _position_key(later, steps)
            if not prefix and later_key != key:
                return False  # a slip in a row's first position: the row went on, it was not begun again
            if matched < len(prefix) and later_key == prefix[matched]:
                matched += 1
            else:
                matched = 1 if prefix and later_key == prefix[0] else 0
    return False


def _row_digits(origin: Step, steps: list[Step]) -> set[str]:
    """The multiplier digit of the row a digit-level step belongs to: the factor the digit products just
    before it share ("6×8", "4×8", "3×8": 8); either factor when there is only one."""
    pairs = []
    for step in reversed(steps[:origin.index + 1]):
        if step.kind == "digit_product" and len(step.leaf_true) == 2 or step.pair is not None:
            pairs.append(set(str(v) for v in (step.pair or step.leaf_true)))
            if len(pairs) == 2:
                break
        elif not _digit_level(step):
            break
    if not pairs:
        return set()
    common = pairs[0] & pairs[1] if len(pairs) == 2 else pairs[0]
    return common or pairs[0]


def own_place_rows(steps: list[Step], a: int, b: int) -> frozenset[int]:
    """Rows that stand for places of their own: one row per nonzero digit of the multiplier at most, and no
    more rows of a digit than it has places (222 as rows of 2, 9, 2: both rows of 2 are rows of 2s). Such a
    row does not fix a row misread at another place, though it has the value that row should have had."""
    own: set[int] = set()
    for role, other in (("a", str(b)), ("b", str(a))):
        rows = [s for s in steps if s.kind == "partial_product" and s.host is None and s.part is not None
                and s.part[0] == role and 0 < s.part[1] < 10]
        if not rows or len(rows) > sum(c != "0" for c in other):
            continue
        by_digit = Counter(s.part[1] for s in rows)  # type: ignore[index]
        own.update(s.index for s in rows if by_digit[s.part[1]] <= other.count(str(s.part[1])))  # type: ignore[index]
    return frozenset(own)


def is_corrected_value(step: Step, steps: list[Step], origin: Step | None = None,
                       own_rows: frozenset[int] = frozenset()) -> bool:
    origin = origin or step
    # a row misread at its place (x 8 for the 4 tens of 5443) is not fixed by the row of another place whose
    # value it should have had (the 4 hundreds' row, 4189 x 4), nor a wrong row of a digit by the row of the
    # same digit at its other place (the 8 hundreds and the 8 ones of 878)
    misread_row = step.kind in PRODUCT_KINDS and (step.own_source == "place" or step.index in own_rows)
    for later in steps[max(step.index, origin.index) + 1:]:
        if later.kind in ("copy", "answer"):
            continue
        if misread_row and later.index in own_rows:
            continue
        if later.claimed == step.true and later.label in (CORRECT, RESTORED) and _same_quantity(step, later):
            return True
    return False


def _composition_error(result: Step, a: int, b: int) -> str | None:
    """A sum that left out a partial product, or counted one twice."""
    if not result.composition:
        return None
    roles = Counter(part[0] for _, part in result.composition)
    role = roles.most_common(1)[0][0]
    other = a * b if role == CROSS else b if role == "a" else a
    parts = [(sign, m) for sign, (r, m) in result.composition if r == role]
    total = sum(sign * m for sign, m in parts)
    if total == other:
        return None
    digits = str(other)[::-1]
    for sign, m in parts:
        # a row added without its shift: the tens row 3 of 38 added as 3 instead of 30
        if sign > 0 and 0 < m < 10 and any(
                total + m * (10**k - 1) == other for k in range(1, len(digits)) if digits[k] == str(m)):
            return "shift_error"
    counts = Counter(m for sign, m in parts if sign > 0)
    if any(count > 1 for count in counts.values()):
        return "duplicated_partial"
    if total < other:
        return "omitted_partial"
    return None


def _misread_row(result: Step, steps: list[Step], a: int, b: int) -> Step | None:
    """The row whose multiplier is not the digit at its place: the rows' multipliers add up to the other
    operand once that one multiplier is replaced by the place value missing from them, of the same place
    (x 900 where 9840 has 8 hundreds; x 8 for the 4 ones of 84, the 8 being its tens digit). That row,
    right for the digit it used, is where the trace went wrong: not the sum that then looks as if a row were
    left out. The row is the last one with that multiplier before the first sum that adds it."""
    composition = result.composition
    if not composition:
        return None
    role = Counter(part[0] for _, part in composition).most_common(1)[0][0]
    if role == CROSS:
        return None
    other = b if role == "a" else a
    places = set(place_parts(other))
    used = [m for sign, (r, m) in composition if r == role and sign > 0]
    if len(used) != sum(1 for _, (r, _m) in composition if r == role):
        return None  # a compensation (x 900 - x 8) is not a set of rows
    difference = other - sum(used)
    if difference == 0:
        return None
    wrong = [m for m in set(used) if m not in places and m + difference in places and m + difference not in used
             and len(str(m)) == len(str(m + difference))]
    if len(wrong) != 1:
        return None
    part = (role, wrong[0])
    first_sum = next((s for s in steps[:result.index + 1] if s.kind in SUM_KINDS and s.composition
                      and any(p == part for _, p in s.composition)), result)
    rows = [s for s in steps[:first_sum.index] if s.part == part and s.kind in PRODUCT_KINDS]
    digit_rows = [s for s in steps[:first_sum.index] if s.kind == "partial_product" and s.host is None
                  and s.part is not None and s.part[0] == role and 0 < s.part[1] < 10]
    digits = [int(c) for c in str(other)[::-1] if c != "0"]
    if wrong[0] < 10 and len(digit_rows) == len(digits):
        # one row per nonzero digit, units first (9733 as rows of 7, 3, 7, 9): of the rows of that digit, the
        # one whose turn was another digit's (the first 7 stands where the 3 ones are)
        off = [s for s, d in zip(digit_rows, digits) if s.part == part and d != wrong[0]]
        if len(off) == 1:
            return off[0]
    # of two rows of that digit, the one that is not then moved to a higher place
    unmoved = [s for s in rows if not _moved_next(s, steps)]
    return (unmoved or rows)[-1] if rows else None


def _moved_next(row: Step, steps: list[Step]) -> bool:
    """The next row after this one is this one moved to a higher place ("5 × 1654 = 8270, and moving it to
    its place, 500 × 1654 = 827000"): the row stands for that place, not for its own digit."""
    after = next((s for s in steps[row.index + 1:] if s.kind in PRODUCT_KINDS and s.part is not None), None)
    if after is None or row.part is None or after.part is None or after.part[0] != row.part[0]:
        return False
    return after.part[1] > row.part[1] and shifted_by(after.part[1], row.part[1]) is not None


def _cross_order(a: int, b: int, splits: list[list[int]]):
    """The order cross products are written in, (part of a, part of b) with each operand's parts from its
    highest: a function from a product's value to that pair, or None (no split of both operands written)."""
    a_parts = next((sorted(d, reverse=True) for d in splits if len(d) >= 2 and sum(d) == a), None)
    b_parts = next((sorted(d, reverse=True) for d in splits if len(d) >= 2 and sum(d) == b), None)
    if a_parts is None or b_parts is None:
        return None
    keys = {p * q: (i, j) for i, p in enumerate(a_parts) for j, q in enumerate(b_parts)}
    return keys.get


def _where_composed(result: Step, error: str, steps: list[Step], a: int, b: int,
                    splits: list[list[int]] | None = None) -> Step:
    """The running sum where a row was left out or counted twice: of the sums the result is built from
    (their rows are some of its rows), the first that adds a row already added, or, for a row left out,
    the first whose rows lie on both sides of the missing one (rows are added in the order of their
    places, so that sum went past it). The result itself when no running sum shows it (the missing row
    is the last one, or the rows are added in one line)."""
    composition = result.composition
    if not composition:
        return result
    whole = Counter(composition)
    role = Counter(part[0] for _, part in composition).most_common(1)[0][0]
    other = a * b if role == CROSS else b if role == "a" else a
    missing = other - sum(sign * m for sign, (r, m) in composition if r == role)
    # rows go in the order of their places; cross products (a's part times b's part) in the order of the parts
    # (4 products of two splits: the one left out is passed by the first sum with products on both sides)
    order = _cross_order(a, b, splits or []) if role == CROSS else None
    if order is None or order(missing) is None:
        order = lambda value: value  # noqa: E731
    for step in steps[:result.index]:
        parts = step.composition
        if step.kind not in SUM_KINDS or not parts or len(parts) < 2 or not Counter(parts) <= whole:
            continue
        values = [m for sign, (r, m) in parts if r == role and sign > 0]
        keys = [order(m) for m in values]
        if (error == "duplicated_partial" and len(set(values)) < len(values)) or (
                error == "omitted_partial" and missing > 0 and None not in keys
                and min(keys, default=order(missing)) < order(missing) < max(keys, default=order(missing))):
            # the same sum added again ("Hold on, let me re-add that"): the one that stuck is the last
            again = [s for s in steps[step.index + 1:result.index + 1] if s.composition
                     and Counter(s.composition) == Counter(parts)]
            return again[-1] if again else step
    return result


def _result_step(steps: list[Step], a: int, b: int) -> Step | None:
    """The step that holds the trace's total: its last sum of rows, or its last value of the whole product;
    a sum of one row ("889 = 889") only when no sum adds up two or more."""
    many = any(s.kind in SUM_KINDS and s.composition and len(s.composition) >= 2 for s in steps)
    for step in reversed(steps):
        if step.kind == "answer" or (step.kind == "result" and step.own_source == "restated"):
            continue  # "So the product is N" restates the sum before it: the sum is the result
        if step.kind in SUM_KINDS and step.composition and (len(step.composition) >= 2 or not many):
            return step
        if step.true == a * b and step.kind not in ("copy",):
            return step
    return None


def followed_algorithm(steps: list[Step], a: int, b: int) -> bool:
    """All partial products present: one per nonzero digit of the multiplier (shifted or not), a
    decomposition whose parts were all multiplied, or every digit-by-digit product of the column method."""
    for role, other in (("a", b), ("b", a)):
        have = {s.part[1] for s in steps if s.part is not None and s.part[0] == role and s.kind != "copy"}
        needed = [(int(c), k) for k, c in enumerate(reversed(str(other))) if c != "0"]
        if needed and all(d * 10**k in have or d in have for d, k in needed):
            return True
    result = _result_step(steps, a, b)
    if (result is not None and result.composition and _composition_error(result, a, b) is None
            and len(result.composition) >= 2):
        return True
    need = Counter(tuple(sorted((int(x), int(y)))) for x in str(a) for y in str(b) if x != "0" and y != "0")
    got = Counter(tuple(sorted(s.leaf_true)) for s in steps if s.kind == "digit_product" and len(s.leaf_true) == 2)
    return bool(need) and all(got[pair] >= count for pair, count in need.items())


def _first_claim_index(steps: list[Step]) -> int:
    """Index of the first step the model wrote (a miscopy step stands before its host)."""
    return min((s.index for s in steps if s.host is None), default=-1)


def _superseded(origin: Step, steps: list[Step]) -> bool:
    """The model recomputed the same row (or added the same terms) later and wrote another value ("Hmm, wait
    ... let me redo it"): the error that stuck is in the recomputation, if it is wrong too, not in the value
    it abandoned."""
    if origin.kind == "copy" and origin.own_source == "place":
        # a row begun again under the same misread header ("Multiply by 5 (the ones digit of 52):" once more
        # after a slip in its digits): the misread that stuck is in the row begun again
        slipped = False  # the attempt under the first header went wrong in its digits: why it was begun again
        for later in steps[origin.index + 1:]:
            if later.kind == "copy" and (later.claimed, later.true, later.own_source) == (
                    origin.claimed, origin.true, origin.own_source):
                return slipped
            if not _digit_level(later):
                return False
            slipped = slipped or later.label == LOCAL
        return False
    if origin.kind in SUM_KINDS and origin.leaf_true:
        # a sum added again from the same terms ("Wait, no! ... let me add again"), wrong again
        inputs = sorted(origin.leaf_true)
        return any(later.kind in SUM_KINDS and sorted(later.leaf_true) == inputs and later.claimed != origin.claimed
                   and later.label in (LOCAL, PROPAGATED) for later in steps[origin.index + 1:])
    if origin.part is None or origin.kind not in PRODUCT_KINDS:
        return False
    # (the row moved to its place, "Shifted left by 1: 33760", is that row, not a recomputation of it)
    return any(later.part == origin.part and later.kind in PRODUCT_KINDS and later.claimed != origin.claimed
               and later.label in (LOCAL, PROPAGATED) and later.upstream is not origin
               and not (later.kind == "shift" and shifted_by(later.claimed, origin.claimed) is not None)
               for later in steps[origin.index + 1:])


def _built_on(origin: Step, steps: list[Step]) -> bool:
    """A later step used the wrong value (its earliest wrong input is this step)."""
    return any(s.upstream is origin for s in steps[origin.index + 1:])


def _taken_back(origin: Step, steps: list[Step], retracted: dict[int, int]) -> bool:
    """The model wrote words that retract the step ("Wait, no!"), and nothing after them used its value. If
    it then computes the step again to a wrong value (the same misread multiplier, the same slip), the error
    that stuck is in that recomputation, a step of its own."""
    end = retracted.get(origin.index)
    return end is not None and not any(s.upstream is origin and s.start >= end for s in steps[origin.index + 1:])


def decide(steps: list[Step], a: int, b: int, answer: int | None, truncated: bool, unread_numbers: int = 0,
           retracted: dict[int, int] | None = None, splits: list[list[int]] | None = None) -> Verdict:
    """`unread_numbers`: how many numbers the reasoning holds besides the operands; a trace full of
    numbers in which no step was recognised is unparsed, not a guess. `retracted`: the wrong steps the
    model took back in words, and where those words end (`trace.retractions`). `splits`: the parts of the
    splits the model wrote (the parser's decompositions)."""
    followed = followed_algorithm(steps, a, b)
    origins = [s for s in steps if s.label == LOCAL and not s.side]
    retracted = retracted or {}
    if answer is None or truncated:
        # No answer to explain: the first error that was never fixed (nor taken back in words before the
        # cut), or that was built on before it was.
        own_rows = own_place_rows(steps, a, b)
        stuck = next((o for o in origins if not _taken_back(o, steps, retracted)
                      and (not is_corrected(o, steps, own_rows) or _built_on(o, steps))), None)
        return Verdict(followed, "truncated" if truncated else "unparsed", stuck if truncated else None)
    has_algorithm = any(s.kind in ALGORITHM_KINDS for s in steps)
    if answer == a * b:
        # With the right product, a multiplier off its place was a choice (900 for 892 = 900 - 8).
        origins = [o for o in origins if not o.tentative]
        headline = next((o for o in origins if o.kind == "result" and o.own_source == "restated"
                         and o.index == _first_claim_index(steps)), None)
        if headline is not None:
            # the reply opens with a wrong product and restates the right one after the working: the reader
            # was told the wrong one first, and nothing took it back
            return Verdict(followed, "answer_mismatch", headline)
        return Verdict(followed, "self_corrected" if origins else "correct", origins[0] if origins else None)
    own_rows = own_place_rows(steps, a, b)
    decisive = next((o for o in origins if not is_corrected(o, steps, own_rows) and not _superseded(o, steps)
                     and not _taken_back(o, steps, retracted)), None)
    if decisive is None:
        result = _result_step(steps, a, b)
        misread = _misread_row(result, steps, a, b) if result is not None else None
        if misread is not None:
            return Verdict(followed, Category.COPY_ERROR, misread)
        error = _composition_error(result, a, b) if result is not None else None
        if (error is None and result is not None and result.own_source == "implicit_sum"
                and result.claimed == sum(result.terms) != a * b):
            error = "omitted_partial"  # the product stated as the sum of the rows written, and rows are missing
        if error is not None and result is not None:
            result.composition_error = error
            if error == "shift_error":
                return Verdict(followed, error, _unshifted_row(result, steps, a, b))
            shown = _where_composed(result, error, steps, a, b, splits)
            shown.composition_error = error
            return Verdict(followed, error, shown)
        if not has_algorithm and unread_numbers >= _MANY_NUMBERS:
            return Verdict(followed, "unparsed", None)
        if not has_algorithm:
            guess = next((s for s in steps if s.kind in ("answer", "result") and s.claimed != a * b), None)
            return Verdict(followed, "no_algorithm", guess)
        return Verdict(followed, "unparsed", None)
    if not has_algorithm and unread_numbers >= _MANY_NUMBERS:
        return Verdict(followed, "unparsed", None)
    if not has_algorithm:
        return Verdict(followed, "no_algorithm", decisive)
    category = category_of(decisive)
    if decisive.kind in ("answer", "result"):
        # the wrong product stated first ("**Answer:** N", the working, then N again): where it was first said
        decisive = next((s for s in steps if s.kind in ("answer", "result") and s.claimed == decisive.claimed
                         and s.label == LOCAL and not s.side), decisive)
    if not decisive.verification and any(
        s.verification and s.index > decisive.index and s.label in (LOCAL, PROPAGATED, RESTORED) and s.kind != "answer"
        for s in steps
    ):
        category = "false_verification"
    return Verdict(followed, category, decisive)


def as_int(value: int | Fraction | None) -> int | None:
    return value if isinstance(value, int) else None
