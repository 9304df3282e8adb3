"""The algorithm read from a, b and the structure the model announces: small traces, written by hand, whose
first wrong step is obvious (issue 17). Each test failed on the analyzer before the change it guards."""

from __future__ import annotations

import pytest

from experiment.analysis import analyze_trace


def _first(a: int, b: int, reasoning: str, answer: str) -> tuple[str, str | None]:
    """(category, the reasoning's text at the first wrong step) of one trace."""
    result = analyze_trace(a, b, reasoning, answer).to_json()
    wrong = result["first_wrong"]
    if wrong is None:
        return result["category"], None
    text = reasoning if wrong["source"] == "reasoning" else answer
    return result["category"], text[wrong["span"][0]:wrong["span"][1]]


def _first_wrong_is_in(a: int, b: int, reasoning: str, piece: str, *, last: bool = False) -> None:
    """The first wrong step starts inside `piece` of the reasoning (its last occurrence with `last`); the
    answer states the reasoning's last number."""
    total = reasoning.split("= ")[-1].rstrip(".")
    result = analyze_trace(a, b, reasoning, f"Final Answer: {total}").to_json()
    start = reasoning.rindex(piece) if last else reasoning.index(piece)
    assert result["first_wrong"] is not None
    assert start <= result["first_wrong"]["span"][0] < start + len(piece)


def test_a_power_of_ten_written_with_two_stars_is_a_place_value() -> None:
    """ "20 × 10**3" is 20,000: the split 20503 = 20 × 10**3 + 503 adds up, the wrong sum is the first error."""
    reasoning = ("Split it: 20503 = 20 × 10**3 + 503.\n4567 × 20 = 91340, so 91340 × 10**3 = 91340000.\n"
                 "4567 × 503 = 2297201.\nNow 91340000 + 2297201 = 93637301.")
    category, at = _first(4567, 20503, reasoning, "Final Answer: 93637301")
    assert (category, at) == ("addition_error", "93637301")


@pytest.mark.parametrize("estimate", ["4600 times 1,900 is 8,740,000", "4,570 × 1,890 = 8,637,300",
                                      "4,600 times 1,800 is 8,280,000"])
def test_an_estimate_with_both_operands_rounded_is_no_step(estimate: str) -> None:
    """A rough check multiplies both operands rounded (1,900 for 1,892): no factor is a miscopied part of
    the split (1,000), so the first wrong step is still the answer copied with two digits swapped."""
    reasoning = ("Split 1892 = 1000 + 800 + 90 + 2.\n4567 × 1000 = 4,567,000\n4567 × 800 = 3,653,600\n"
                 "4567 × 90 = 411,030\n4567 × 2 = 9,134\n4,567,000 + 3,653,600 + 411,030 + 9,134 = 8,640,764\n"
                 f"Rough check: {estimate}, close enough.")
    category, at = _first(4567, 1892, reasoning, "Final Answer: 8,640,746")
    assert (category, at) == ("answer_mismatch", "8,640,746")



@pytest.mark.parametrize("rows, sums, first_wrong", [
    # 11892 without its hundreds row (800): the second sum goes from the tens to the thousands
    ("4567 × 2 = 9134\n4567 × 90 = 411030\n4567 × 1000 = 4567000\n4567 × 10000 = 45670000\n",
     "9134 + 411030 = 420164\n420164 + 4567000 = 4987164\n4987164 + 45670000 = 50657164\n", 1),
    # the tens row added twice: the second sum adds it again
    ("4567 × 2 = 9134\n4567 × 90 = 411030\n4567 × 800 = 3653600\n4567 × 1000 = 4567000\n"
     "4567 × 10000 = 45670000\n",
     "9134 + 411030 = 420164\n420164 + 411030 = 831194\n831194 + 3653600 = 4484794\n"
     "4484794 + 4567000 = 9051794\n9051794 + 45670000 = 54721794\n", 1),
])
def test_a_row_left_out_or_added_twice_is_found_at_the_running_sum_that_does_it(rows, sums, first_wrong) -> None:
    """Running sums add the rows in order: the first sum that skips a row's place (its parts lie on both
    sides of it) or adds a row already added is where the omission or the double count happens."""
    reasoning = "Split 11892 = 2 + 90 + 800 + 1000 + 10000.\n" + rows + sums
    total = sums.strip().split("\n")[-1].split("= ")[-1]
    result = analyze_trace(4567, 11892, reasoning, f"Final Answer: {total}").to_json()
    start = reasoning.index(sums.split("\n")[first_wrong])
    assert result["first_wrong"] is not None
    assert start <= result["first_wrong"]["span"][0] < start + len(sums.split("\n")[first_wrong])


def test_a_cross_product_moved_by_ten_to_the_eighth_is_a_shifted_row() -> None:
    """Both operands split in chunks (12340056 = 1234 × 10^4 + 56): 1234 × 78 moved by 10^8 is a cross
    product at its place, so the sum that adds 56 × 9 twice is where the extra row is counted."""
    reasoning = ("Write 12340056 = 1234 × 10^4 + 56 and 780009 = 78 × 10^4 + 9.\n"
                 "1234 × 78 = 96252, so 96252 × 10^8 = 9625200000000.\n"
                 "1234 × 9 = 11106, so 11106 × 10^4 = 111060000.\n"
                 "56 × 78 = 4368, so 4368 × 10^4 = 43680000.\n56 × 9 = 504.\n56 × 9 = 504.\n"
                 "Adding: 9625200000000 + 111060000 + 43680000 + 504 + 504 = 9625354741008.")
    category, at = _first(12340056, 780009, reasoning, "Final Answer: 9625354741008")
    assert (category, at) == ("duplicated_partial", "9625354741008")


def test_a_total_after_the_running_sums_restates_the_last_one() -> None:
    """ "Total = 4,484,794" after the running sum that reached it is no new sum of the rows: the row
    added twice is found at the running sum that added it the second time."""
    reasoning = ("4567 × 800 = 3653600\n4567 × 90 = 411030\n4567 × 2 = 9134\n4567 × 90 = 411030\n"
                 "3653600 + 411030 = 4064630\n4064630 + 9134 = 4073764\n4073764 + 411030 = 4484794\n"
                 "Total = 4,484,794")
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4484794").to_json()
    start = reasoning.index("4073764 + 411030")
    assert result["category"] == "duplicated_partial"
    assert start <= result["first_wrong"]["span"][0] < reasoning.index("Total")


@pytest.mark.parametrize("b, rows, misread", [
    # 84 = 4 + 80 worked as rows of 8 and 80: the 8 (another digit of 84) stands where the 4 is
    (84, "8 × 4567 = 36536.\n80 × 4567 = 365360.\n36536 + 365360 = 401896.", "8 × 4567 = 36536"),
    # 9840 = 40 + 800 + 9000 with a row of 900: the hundreds digit read as 9
    (9840, "40 × 4567 = 182680.\n900 × 4567 = 4110300.\n9 × 4567 = 41103, so 41103 × 1000 = 41103000.\n"
           "182680 + 4110300 = 4292980.\n4292980 + 41103000 = 45395980.", "900 × 4567 = 4110300"),
    # 596: the hundreds row is 5 shifted, then the ones row is worked with 5 again (the ones digit is 6)
    (596, "4567 × 5 = 22835, so 22835 × 100 = 2283500.\n4567 × 90 = 411030.\n4567 × 5 = 22835.\n"
          "2283500 + 411030 = 2694530.\n2694530 + 22835 = 2717365.", "4567 × 5 = 22835."),
])
def test_a_row_whose_multiplier_is_not_the_digit_at_its_place_is_the_first_wrong_step(b, rows, misread) -> None:
    """The rows' multipliers add up to the multiplier with one of them replaced: that row read its digit
    wrong (a digit of the same place, often another digit of the multiplier), so it is the first error,
    not the sum that then looks as if a row were missing."""
    parts = {84: "4 + 80", 9840: "40 + 800 + 9000", 596: "500 + 90 + 6"}[b]
    _first_wrong_is_in(4567, b, f"Split {b} = {parts}.\n{rows}", misread, last=True)


def test_the_misread_row_is_not_the_same_digit_moved_to_its_place() -> None:
    """566 = 6 + 60 + 500 worked as rows 5, 6 -> 60, 5 -> 500: the first 5 is the misread ones row; the
    second is the hundreds row before it is moved to its place."""
    reasoning = ("Split 566 = 6 + 60 + 500.\nFor the ones part: 5 × 1654 = 8270.\n"
                 "6 × 1654 = 9924, and moving it to its place, 60 × 1654 = 99240.\n"
                 "5 × 1654 = 8270, and moving it to its place, 500 × 1654 = 827000.\n"
                 "8270 + 99240 = 107510.\n107510 + 827000 = 934510.")
    result = analyze_trace(1654, 566, reasoning, "Final Answer: 934510").to_json()
    start = reasoning.index("5 × 1654")
    assert start <= result["first_wrong"]["span"][0] < reasoning.index("\n", start)


@pytest.mark.parametrize("b, expansion, rows", [
    (892, "4567 × 892 = 4567 × 800 + 4567 × 2",
     "4567 × 800 = 3653600.\n4567 × 2 = 9134.\n3653600 + 9134 = 3662734."),
    (698, "4567 × 698 = 4567 × 8 + 4567 × 90",
     "4567 × 8 = 36536.\n4567 × 90 = 411030.\n36536 + 411030 = 447566."),
    (29, "4567 × 29 = 4567 × 20", "4567 × 20 = 91340."),
])
def test_an_expansion_into_rows_that_leaves_a_part_out_is_the_first_wrong_step(b, expansion, rows) -> None:
    """ "a × 892 = a × 800 + a × 2" announces the rows: their multipliers must add up to 892, so the
    expansion that leaves the tens out is where the row went missing, however much is left out (698 as
    8 + 90) and also with one row only."""
    _first_wrong_is_in(4567, b, f"We expand: {expansion}.\n{rows}", expansion)


def test_a_row_computed_before_its_zeros_is_no_expansion() -> None:
    """ "4567 × 800: 4567 × 8 is 36,536, so 3,653,600" computes the row first and shifts it after."""
    reasoning = ("4567 × 800: 4567 × 8 is 36,536, so 4567 × 800 = 3,653,600.\n4567 × 90 = 411,030\n4567 × 2 = 9,134\n"
                 "3,653,600 + 411,030 + 9,134 = 4,073,764")
    assert analyze_trace(4567, 892, reasoning, "Final Answer: 4073764").to_json()["category"] == "correct"


def test_a_header_over_the_first_row_is_no_expansion() -> None:
    """ "4567 × 94: 4567 × 4 = 18268" names the problem and starts its first row; only "=" or "is" between
    two products states that they are equal."""
    reasoning = "4567 × 94: 4567 × 4 = 18268.\n4567 × 90 = 411030.\n18268 + 411030 = 429298."
    assert analyze_trace(4567, 94, reasoning, "Final Answer: 429298").to_json()["category"] == "correct"


COLUMN_9335_85 = ("Now the ones digit, which is 5:\n"
                  "Position 0: 5 × 5 + 0 = 25, write 5, carry 2\nPosition 1: 3 × 5 + 2 = 17, write 7, carry 1\n"
                  "Position 2: 3 × 5 + 1 = 16, write 6, carry 1\nPosition 3: 9 × 5 + 1 = 46, write 6, carry 4\n"
                  "final carry 4\nThat gives 46675 for this digit.\n\n"
                  "Now the tens digit, which is 8:\n"
                  "Position 0: 5 × 8 + 0 = 40, write 0, carry 4\nPosition 1: 3 × 8 + 4 = 28, write 8, carry 2\n"
                  "Position 2: 3 × 8 + 2 = 26, write 6, carry 2\nPosition 3: 9 × 8 + 2 = 74, write 4, carry 7\n"
                  "final carry 7\nThat gives 74680 for this digit.\n{shift}: {row}\n\n"
                  "46675 + {row} = {total}\n")


@pytest.mark.parametrize("shift", ["Shifted 1 place(s)", "Shifted left by 1", "Append 1 zero(s)"])
@pytest.mark.parametrize("row, total", [("746800", "793475"), ("74680", "121355")])
def test_a_row_worked_position_by_position_and_then_shifted_is_checked(shift, row, total) -> None:
    """Column work: the positions of a row (digit × digit + carry) give the row (9335 × 8 = 74680); the
    line that shifts it must hold it at its place. Left unshifted, that line is the first wrong step."""
    reasoning = COLUMN_9335_85.format(shift=shift, row=row, total=total)
    result = analyze_trace(9335, 85, reasoning, f"Final Answer: {total}").to_json()
    if row == "746800":
        assert result["category"] == "correct"
        assert result["followed_algorithm"] is True
    else:
        start = reasoning.index(shift)
        assert start <= result["first_wrong"]["span"][0] < reasoning.index("\n", start)


COLUMN_409_63 = ("Now the ones digit, which is 3:\n"
                 "Position 0 (digit 9): 9 × 3 = 27, plus carry 0 is 27; write 7, carry 2\n"
                 "Position 1 (digit 0): 0 × 3 = 0, plus carry 2 is 2; write 2, carry 0\n"
                 "Position 2 (digit 4): 4 × 3 = 12, plus carry 0 is 12; write 2, carry 1\n"
                 "final carry 1 -> leading digits 1\nThat gives 1227 for this digit.\n\n"
                 "Now the tens digit, which is 6:\n"
                 "Position 0 (digit 9): 9 × 6 = 54, plus carry 0 is 54; write 4, carry 5\n"
                 "Position 1 (digit 0): 0 × 6 = 0, plus carry 5 is 5; write 5, carry 0\n"
                 "Position 2 (digit 4): 4 × 6 = 24, plus carry 0 is 24; write 4, carry 2\n"
                 "final carry 2 -> leading digits 2\nThat gives 2454 for this digit.\n"
                 "Append 1 zero(s): {row}\n\nAdd them up:\n1227 + {row} = {total}\n")


@pytest.mark.parametrize("row, total", [("24540", "25767"), ("2454", "3681")])
def test_a_new_row_starts_without_a_carry_and_a_zero_product_is_no_column_sum(row, total) -> None:
    """409 × 63 by rows: the first position of the tens row adds carry 0 (the ones row's final carry is
    spent), and "0 × 3 = 0, plus carry 2" adds one product, not two; so the rows are read, and the row
    appended no zero is the first wrong step."""
    reasoning = COLUMN_409_63.format(row=row, total=total)
    result = analyze_trace(409, 63, reasoning, f"Final Answer: {total}").to_json()
    if row == "24540":
        assert result["category"] == "correct"
        assert result["first_wrong"] is None
    else:
        start = reasoning.index("Append")
        assert start <= result["first_wrong"]["span"][0] < reasoning.index("\n", start)


def test_the_digits_of_a_product_plus_a_carry_are_digits_not_an_earlier_carry() -> None:
    """ "8 × 8 + 0 = 64" after a slip that wrote "carry 8": the 8s are digits of the operands, not that carry;
    the row recomputed right fixes the slip."""
    ones = ("Multiply by 8 (the ones digit of 38):\nPosition 0: 8 × 8 + 0 = 64, write 4, carry 6\n"
            "Position 1: 8 × 8 + 6 = 70, write 0, carry 7\nPosition 2: 5 × 8 + 7 = 47, write 7, carry 4\n"
            "then write the final carry 4 in front\nRow value: 4704\n\n")
    slip = ("Multiply by 8 (the ones digit of 38):\nPosition 0: 8 × 8 + 0 = 64, write 4, carry 6\n"
            "Position 1: 8 × 8 + 6 = 80, write 0, carry 8\nWait, no! Let me recompute this row.\n\n")
    tens = ("Multiply by 3 (the tens digit of 38):\nPosition 0: 8 × 3 + 0 = 24, write 4, carry 2\n"
            "Position 1: 8 × 3 + 2 = 26, write 6, carry 2\nPosition 2: 5 × 3 + 2 = 17, write 7, carry 1\n"
            "then write the final carry 1 in front\nRow value: 1764\nShifted 1 place(s): 17640\n\n"
            "4704 + 17640 = 22344\n")
    result = analyze_trace(588, 38, slip + ones + tens, "Final Answer: 22344").to_json()
    assert result["category"] == "self_corrected"
    assert result["first_wrong"]["claimed"] == 80
    assert {s["label"] for s in result["steps"] if s["claimed"] in (64, 4704)} == {"correct"}


def test_a_chunk_of_a_split_times_a_power_of_ten_is_no_miscopy() -> None:
    """ "939 = 93 × 10^1 + 9" beside the part 940 of 808,940: 93 is a chunk of the split, judged by what
    the split adds up to, not a miscopy of 94."""
    reasoning = ("808,940 = 808,000 + 940.\n939 = 93 × 10^1 + 9.\n808,000 × 930 = 751,440,000.\n"
                 "808 × 9 = 7,272, therefore 7,272 × 10^3 = 7,272,000.\n940 × 930 = 874,200.\n940 × 9 = 8,460.\n"
                 "751,440,000 + 7,272,000 + 874,200 + 8,460 = 759,594,660.")
    result = analyze_trace(808940, 939, reasoning, "Answer: 759,594,660").to_json()
    assert (result["category"], result["first_wrong"]) == ("correct", None)


def test_a_sum_of_one_row_leaves_the_others_out() -> None:
    """ "Now, let's add all the partial products: 889 = 889": the sum of the rows holds one row of two."""
    answer = ("Let's multiply 127 by the digit in the ones place of 17, which is 7.\n"
              "1. This gives 7 x 7 = 49. Write down the result 9 and carry over the 4 to the next step.\n"
              "2. This gives (2 x 7) + 4 = 18. Write down the result 8 and carry over the 1 to the next step.\n"
              "3. This gives (1 x 7) + 1 = 8. Write down the result 8 and carry over the 0 to the next step.\n"
              "So, 127 x 7 = 889.\n\nNow, let's add all the partial products:\n889 = 889\n\n"
              "Therefore, 127 x 17 = 889.")
    result = analyze_trace(127, 17, "", answer).to_json()
    start = answer.index("889 = 889")
    assert result["category"] == "omitted_partial"
    assert start <= result["first_wrong"]["span"][0] < start + 9


def _gpt4_row(a: int, d: int, place: str, slip: int | None = None) -> str:
    """A row of the GPT-4 template: a times the digit d, position by position; `slip` writes 0 at that
    position (its digit product plus carry is then wrong), and the row's value is built from the digits
    written."""
    names = ["ones", "tens", "hundreds", "thousands"]
    lines, carry, written = [f"Let's multiply {a} by the digit in the {place} place, which is {d}.\n"], 0, []
    for k, c in enumerate(reversed(str(a))):
        value = int(c) * d + carry
        shown = 0 if k == slip else value
        lines.append(f"{k + 1}. Multiply {d} by the digit in the {names[k]} place of {a}, which is {c}. This gives "
                     f"({c} x {d}) + {carry} = {shown}. Write down the result {shown % 10} and carry over the "
                     f"{shown // 10} to the next step.\n")
        written.append(shown % 10)
        carry = shown // 10
    row = int(str(carry) + "".join(str(w) for w in reversed(written))) if carry else int(
        "".join(str(w) for w in reversed(written)))
    return "".join(lines) + f"\nSo, {a} x {d} = {row}.\n", row


def test_a_slip_in_a_digit_step_is_not_corrected_by_the_same_computation_at_another_position() -> None:
    """6466 × 11: in the tens row "(6 x 1) + 0 = 0" is wrong; "(6 x 1) + 0 = 6" at the thousands position
    of the same row is another step, not its correction: the row comes out wrong, so the slip stuck."""
    ones, first = _gpt4_row(6466, 1, "ones")
    tens, second = _gpt4_row(6466, 1, "tens", slip=1)
    total = first + second * 10
    answer = (ones + "\n" + tens + f"Shifting by 1 place, 6466 x 10 = {second * 10}.\n\n"
              f"Now, let's add all the partial products:\n{first} + {second * 10} = {total}\n\n"
              f"Therefore, 6466 x 11 = {total}.")
    result = analyze_trace(6466, 11, "", answer).to_json()
    start = answer.index("(6 x 1) + 0 = 0")
    assert start <= result["first_wrong"]["span"][0] < start + len("(6 x 1) + 0 = 0")


def test_a_slip_fixed_by_beginning_the_row_again_is_fixed_even_if_the_row_goes_wrong_later() -> None:
    """The ones row of 9335 × 85 slips at its third position, is begun again and that position written right;
    a carry later in the new attempt is wrong: that carry is the first error that stuck."""
    slip = ("Now the ones digit, which is 5:\n"
            "Position 0: 5 × 5 + 0 = 25, write 5, carry 2\nPosition 1: 3 × 5 + 2 = 17, write 7, carry 1\n"
            "Position 2: 3 × 5 + 1 = 17, write 7, carry 1\nNo wait, 3 × 5 + 1 = 16. Recomputing:\n\n")
    redo = ("Now the ones digit, which is 5:\n"
            "Position 0: 5 × 5 + 0 = 25, write 5, carry 2\nPosition 1: 3 × 5 + 2 = 17, write 7, carry 1\n"
            "Position 2: 3 × 5 + 1 = 16, write 6, carry 1\nPosition 3: 9 × 5 + 1 = 46, write 6, carry 5\n"
            "final carry 5\nThat gives 56675 for this digit.\n\n")
    tens = ("Now the tens digit, which is 8:\n"
            "Position 0: 5 × 8 + 0 = 40, write 0, carry 4\nPosition 1: 3 × 8 + 4 = 28, write 8, carry 2\n"
            "Position 2: 3 × 8 + 2 = 26, write 6, carry 2\nPosition 3: 9 × 8 + 2 = 74, write 4, carry 7\n"
            "final carry 7\nThat gives 74680 for this digit.\nShifted 1 place(s): 746800\n\n"
            "56675 + 746800 = 803475\n")
    reasoning = slip + redo + tens
    result = analyze_trace(9335, 85, reasoning, "Final Answer: 803475").to_json()
    start = reasoning.index("carry 5")
    assert result["first_wrong"]["span"][0] == start + len("carry ")


def test_a_row_written_as_row_equals_n_is_read() -> None:
    """ "Row = 2454" states the row's value like "Row value: 2454" does, so the unshifted row after it is found."""
    reasoning = COLUMN_409_63.format(row="2454", total="3681")
    reasoning = reasoning.replace("That gives 1227 for this digit.", "Row = 1227")
    reasoning = reasoning.replace("That gives 2454 for this digit.", "Row = 2454")
    result = analyze_trace(409, 63, reasoning, "Final Answer: 3681").to_json()
    start = reasoning.index("Append")
    assert start <= result["first_wrong"]["span"][0] < reasoning.index("\n", start)


def _rows_by_position(a: int, digits: str, head: str, position: str, row: str) -> tuple[str, int]:
    """a times each digit of `digits` (ones first), position by position, each row's value under a label,
    shifted to its place, and the rows added: a right trace written in the given wording."""
    lines, values = [], []
    for k, ch in enumerate(reversed(digits)):
        d, carry = int(ch), 0
        lines.append(head.format(a=a, d=d))
        for x in (int(c) for c in reversed(str(a))):
            p = x * d
            v = p + carry
            lines.append(position.format(x=x, d=d, p=p, c=carry, v=v, w=v % 10, n=v // 10))
            carry = v // 10
        lines.append(f"final carry {carry}")
        lines.append(row.format(r=a * d))
        if k:
            lines.append(f"Shifted left by {k}: {a * d * 10**k}")
        lines.append("")
        values.append(a * d * 10**k)
    total = values[0]
    for value in values[1:]:
        lines.append(f"{total} + {value} = {total + value}")
        total += value
    return "\n".join(lines), total


@pytest.mark.parametrize("head, position, row", [
    # "plus carry 1 is 33" beside the product 1 of "1 × 1 = 1": a carry added to one product is no column sum
    ("Row for the digit ({d}):", "{x} × {d} = {p}, plus carry {c} is {v}; write {w}, carry {n}", "Row = {r}"),
    # no header naming the digit: the row's value ends the row, the next starts with carry 0
    ("Next, {a} × {d}:", "{x} × {d} = {p}, plus carry {c} is {v}; write {w}, carry {n}", "Partial product: {r}"),
    ("Next, {a} × {d}:", "{x} × {d} + {c} = {v}, write {w}, carry {n}", "Partial product: {r}"),
])
def test_rows_worked_position_by_position_in_other_wordings_are_right(head, position, row) -> None:
    reasoning, total = _rows_by_position(41371, "618", head, position, row)
    result = analyze_trace(41371, 618, reasoning, f"Final Answer: {total}").to_json()
    assert (result["category"], result["first_wrong"]) == ("correct", None)
    assert result["followed_algorithm"] is True


@pytest.mark.parametrize("reasoning", [
    # cut after the first term of the sum: "Adding them: 3653600" is where the sum was going to start
    "Split 892 = 800 + 90 + 2.\n4567 × 800 = 3653600.\n4567 × 90 = 411030.\n4567 × 2 = 9134.\n\nAdding them: 3653600",
    # cut inside an expansion into rows: the parts written so far fall short of 892 because the rest is not written
    "We expand:\n4567 × 892 = 4567 × (800 + 90 + 2)\n= 4567 × 800 + 4567 × 90 +",
])
def test_a_reply_cut_in_a_sum_or_an_expansion_has_no_wrong_step(reasoning) -> None:
    result = analyze_trace(4567, 892, reasoning, "", finish_reason="length").to_json()
    assert (result["category"], result["first_wrong"]) == ("truncated", None)


def test_a_wrong_answer_stated_first_and_again_after_right_working_is_found_where_first_stated() -> None:
    """The reply opens with the wrong product, works it out right, then states the wrong product again: the
    reader was first told the wrong number at the top."""
    answer = ("\\(\\boxed{4073746}\\)\n\nHere's the working:\n4567 × 800 = 3,653,600\n4567 × 90 = 411,030\n"
              "4567 × 2 = 9,134\n3,653,600 + 411,030 + 9,134 = 4,073,764\n\n\\[\n\\boxed{4073746}\n\\]")
    result = analyze_trace(4567, 892, "", answer).to_json()
    assert result["category"] == "answer_mismatch"
    assert result["first_wrong"]["span"][0] == answer.index("4073746")


def test_a_sum_added_again_and_wrong_again_is_wrong_where_it_was_added_again() -> None:
    """ "3,653,600 + 411,030 + 9,134 = 4,073,664. Wait, no! Let me add again. ... = 4,074,764": the error
    that stuck is the second sum; the first was abandoned."""
    reasoning = ("4567 × 800 = 3,653,600\n4567 × 90 = 411,030\n4567 × 2 = 9,134\n"
                 "3,653,600 + 411,030 + 9,134 = 4,073,664. Wait, no! That's not right, let me add again.\n"
                 "3,653,600 + 411,030 + 9,134 = 4,074,764.")
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4074764").to_json()
    assert result["first_wrong"]["span"][0] == reasoning.index("4,074,764")


def test_a_row_begun_again_under_the_same_misread_header_is_where_the_misread_stuck() -> None:
    """52's ones digit read as 5: the row slips, is begun again under the same header and finished; the
    misread that stuck is the header of the row that was finished."""
    header = "Multiply by 5 (the ones digit of 52):\n"
    slip = header + "Position 0: 4 × 5 + 0 = 30, write 0, carry 3\nHmm, that's wrong. Redo the row from the start:\n\n"
    row = (header + "Position 0: 4 × 5 + 0 = 20, write 0, carry 2\nPosition 1: 8 × 5 + 2 = 42, write 2, carry 4\n"
           "final carry 4\nRow = 420\n\n")
    tens = ("Multiply by 5 (the tens digit of 52):\nPosition 0: 4 × 5 + 0 = 20, write 0, carry 2\n"
            "Position 1: 8 × 5 + 2 = 42, write 2, carry 4\nfinal carry 4\nRow = 420\nShifted left by 1: 4200\n\n"
            "420 + 4200 = 4620")
    reasoning = slip + row + tens
    result = analyze_trace(84, 52, reasoning, "Final Answer: 4620").to_json()
    second = reasoning.index(header, 1)
    assert second <= result["first_wrong"]["span"][0] < second + len(header)


def test_digit_rows_in_place_order_with_one_row_off_it_find_the_misread_row() -> None:
    """886 × 9188 worked as rows of 8, 8, 8, 9 (units first): 9188 has two 8s and a 1 in the hundreds, so the
    third row is where the digit was misread, not the stacked sum that then holds it at its place."""
    rows = []
    for d in (8, 8, 8, 9):
        work, carry = [], 0
        for x in (6, 8, 8):
            v = x * d + carry
            work.append(f"{x} × {d} + {carry} = {v}, write {v % 10}, carry the {v // 10}.\n")
            carry = v // 10
        rows.append(f"Now 886 × {d}:\n" + "".join(work) + f"That row: {886 * d}.\n")
    stacked = "```\n     7088\n    70880\n   708800\n+ 7974000\n---------\n  8760768\n```\n"
    reasoning = "\n".join(rows) + "\nNow the addition, with each row shifted:\n\n" + stacked
    result = analyze_trace(886, 9188, reasoning, "So 886 x 9188 = 8760768.").to_json()
    third = reasoning.index("Now 886 × 8:", reasoning.index("Now 886 × 8:", reasoning.index("Now 886 × 8:") + 1) + 1)
    assert third <= result["first_wrong"]["span"][0] < reasoning.index("Now 886 × 9")


def test_a_row_stated_at_its_place_under_a_label_is_right() -> None:
    """ "Row for the tens digit: 746800": a row's value may be written already moved to its place."""
    reasoning, total = _rows_by_position(9335, "85", "Multiply by {d}:", "{x} × {d} + {c} = {v}, write {w}, carry {n}",
                                         "Row value: {r}")
    reasoning = reasoning.replace("Row value: 74680\nShifted left by 1: 746800", "Row for the tens digit: 746800")
    result = analyze_trace(9335, 85, reasoning, f"Final Answer: {total}").to_json()
    assert (result["category"], result["first_wrong"]) == ("correct", None)


@pytest.mark.parametrize("reasoning", [
    # a digit product slipped, and the model says so before the cut, with the recomputation unwritten
    "Let's do 4075 × 82.\nOnes digit 2:\n5 × 2 = 10, carry 1.\n"
    "7 × 2 = 16, plus the carry 1 gives 17, write 7, carry 1.\n"
    "Hmm, hold on, 7 × 2 is 14, not 16. Let me start this row over.\n\nOnes digit 2:\n5 × 2 = 10, carry 1.\n7 × 2",
    # a row retracted, the cut in its recomputation
    "Breaking 944 into 900 + 40 + 4.\n51334 × 4 = 205336\n51334 × 40 = 2053360\n51334 × 900 = 46210600, "
    "oops, that's off. Let me redo that one: 51334 × 9 =",
])
def test_a_slip_retracted_in_words_before_the_cut_is_no_error_that_stuck(reasoning: str) -> None:
    """A reply cut at the token limit after "hold on, ... is wrong" and before the recomputation: the model
    took the slip back, so no wrong step stuck (the recomputation never came, but nothing used the slip)."""
    result = analyze_trace(4075 if "4075" in reasoning else 51334, 82 if "4075" in reasoning else 944, reasoning,
                           "", "length").to_json()
    assert result["category"] == "truncated" and result["first_wrong"] is None


def test_a_slip_followed_by_the_cut_is_the_first_wrong_step() -> None:
    """Cut right after a wrong row, before any word that takes it back: the row is the first wrong step."""
    reasoning = ("Breaking 944 into 900 + 40 + 4.\n51334 × 4 = 205336\n51334 × 40 = 2053360\n"
                 "51334 × 900 = 46210600. Now")
    result = analyze_trace(51334, 944, reasoning, "", "length").to_json()
    assert result["category"] == "truncated"
    assert reasoning[slice(*result["first_wrong"]["span"])] == "46210600"


def test_a_slip_taken_back_in_words_is_not_the_error_that_stuck_in_a_finished_reply() -> None:
    """The slip "+2 = 39" is retracted ("hold on, ... not 39") and the row begun again; the misread digit of
    the row (3 for the 8 hundreds of 3801) is what stuck, not the retracted slip."""
    reasoning = (
        "Let me work out 63698 × 3801 one digit of 3801 at a time.\n\n"
        "Ones digit (1): 63698 × 1 = 63698.\n\nThe tens digit is 0, so that row is 0.\n\n"
        "Hundreds digit (3):\n8 × 3 = 24, write 4, carry 2\n9 × 3 = 27, +2 = 39, write 9, carry 3\n"
        "Hmm, hold on, 27 + 2 is 29, not 39. Starting the row over.\n\nHundreds digit (3):\n"
        "8 × 3 = 24, write 4, carry 2\n9 × 3 = 27, +2 = 29, write 9, carry 2\n6 × 3 = 18, +2 = 20, write 0, carry 2\n"
        "3 × 3 = 9, +2 = 11, write 1, carry 1\n6 × 3 = 18, +1 = 19, write 19\n"
        "So the row is 191094, and with two zeros 19109400.\n\n"
        "Thousands digit (3): the same row, 191094, with three zeros 191094000.\n\n"
        "Total: 63698 + 19109400 + 191094000 = 210267098")
    category, _ = _first(63698, 3801, reasoning, "210267098")
    wrong = analyze_trace(63698, 3801, reasoning, "210267098").to_json()["first_wrong"]
    again = reasoning.index("Hundreds digit (3):", reasoning.index("Starting the row over"))
    assert category == "copy_error" and again <= wrong["span"][0] < again + len("Hundreds digit (3):")


def _column_rows(a: int, rows: list[tuple[str, int, int, str]]) -> str:
    """Column work in a chat model's wording: per row its header, the digit products from the ones with
    their carries, the row, and the row moved `k` places under the label `moved`."""
    text = f"I'll set this up as long multiplication: {a} on top.\n\n"
    for head, d, k, moved in rows:
        text += f"{head}\n"
        carry = 0
        for j, x in enumerate(int(c) for c in reversed(str(a))):
            value = x * d + carry
            last = j == len(str(a)) - 1
            plus = f", +{carry} = {value}" if carry else ""
            text += f"{x} × {d} = {x * d}{plus} → write {value if last else value % 10}" + (
                "" if last else f", carry {value // 10}") + "\n"
            carry = value // 10
        text += f"Partial product: {a * d}\n" + (f"{moved}: {a * d * 10 ** k}\n" if k else "")
        text += "\n"
    return text


def test_a_column_row_worked_with_the_wrong_digit_is_that_row_not_its_shift() -> None:
    """The tens row of 844 × 194 worked with 4 (the ones digit) instead of 9: the row is the first wrong
    step; moving it one place ("Shifted one place: 33760") is that row, not a recomputation of it."""
    reasoning = _column_rows(844, [("Ones digit of 194 is 4:", 4, 0, ""),
                                   ("**Tens digit (4):**", 4, 1, "Shifted one place"),
                                   ("Hundreds digit of 194 is 1:", 1, 2, "Shifted two places")])
    reasoning += "Adding: 3376 + 33760 + 84400 = 121536"
    _, at = _first(844, 194, reasoning, "**121536**")
    start = reasoning.index("**Tens digit (4):**")
    wrong = analyze_trace(844, 194, reasoning, "**121536**").to_json()["first_wrong"]
    assert at == "3376" and start < wrong["span"][0] < reasoning.index("Shifted one place")


def test_a_column_row_of_a_digit_the_multiplier_lacks_is_read_as_a_row() -> None:
    """4189 × 5443 with its tens row worked with 8 (5443 has no 8; its tens digit is 4): the row is read
    from its digit products, and it is the first wrong step, not the sum or the shifts after it. A carry
    of 3 in the hundreds row is a carry, not the digit product "1 × 3 = 3" of the ones row."""
    reasoning = _column_rows(4189, [("Ones digit 3:", 3, 0, ""), ("Tens digit 8:", 8, 1, "With one zero"),
                                    ("Hundreds digit 4:", 4, 2, "With two zeros"),
                                    ("Thousands digit 5:", 5, 3, "With three zeros")])
    reasoning += "Sum: 12567 + 335120 = 347687; 347687 + 1675600 = 2023287; 2023287 + 20945000 = 22968287."
    _, at = _first(4189, 5443, reasoning, "22968287")
    assert at == "33512"


def test_a_row_said_to_be_shifted_but_written_unshifted_is_the_shift_error_with_a_repeated_digit() -> None:
    """1977 has 7 at the ones and at the tens: the row "shifted one place to the left" and written 36463 is
    the tens row left unmoved (the first wrong step), not the ones row written again."""
    reasoning = (
        "Multiplying 5209 by 1977, one digit of 1977 at a time.\n\n"
        "Ones digit 7: 5209 × 7 = 36463\n"
        "Tens digit 7: 5209 × 7 = 36463\nShifted one place to the left: 36463\n"
        "Hundreds digit 9: 5209 × 9 = 46881\nShifted two places to the left: 4688100\n"
        "Thousands digit 1: 5209 × 1 = 5209\nShifted three places to the left: 5209000\n\n"
        "Now the sum: 36463 + 36463 = 72926, then 72926 + 4688100 = 4761026, then 4761026 + 5209000 = 9970026.")
    wrong = analyze_trace(5209, 1977, reasoning, "9970026").to_json()["first_wrong"]
    assert wrong["span"][0] == reasoning.index("36463", reasoning.index("Shifted one place"))


def _digit_rows(a: int, b: int, digits: list[int]) -> tuple[str, str]:
    """Rows of digit work for `digits` (units first), then the rows stacked with their shifts in a code block:
    (the reasoning, the answer it states)."""
    text = f"To multiply {a} by {b}, I'll multiply {a} by each digit and then stack the results.\n\n"
    rows = []
    for d in digits:
        text += f"{a} × {d}:\n"
        carry = 0
        for j, x in enumerate(int(c) for c in reversed(str(a))):
            value = x * d + carry
            text += f"{x} × {d} = {x * d}" + (f" + {carry} = {value}" if carry else "") + (
                f", write {value}\n" if j == len(str(a)) - 1 else f", write {value % 10}, carry {value // 10}\n")
            carry = value // 10
        text += f"Row: {a * d}\n\n"
        rows.append(a * d)
    shifted = [row * 10**k for k, row in enumerate(rows)]
    width = len(str(sum(shifted)))
    text += "Stacking with shifts:\n```\n" + "".join(
        f"{'+ ' if k == len(rows) - 1 else '  '}{str(s).rjust(width)}\n" for k, s in enumerate(shifted))
    return text + "-" * (width + 2) + f"\n  {sum(shifted)}\n```\n", f"**{sum(shifted)}**"


@pytest.mark.parametrize("a, b, digits, misread", [
    (8187, 45, [5, 5], 1),             # two rows: the tens row worked with the 5 of the ones
    (81819, 222, [2, 9, 2], 1),        # a row of 2 after the misread one stands for the hundreds, not a fix
    (294681, 9733, [7, 3, 7, 9], 0),   # of the two rows of 7, the first stands where the 3 ones are
    (25855, 214, [1, 1, 2], 0),        # the units row worked with the 1 of the tens
])
def test_digit_rows_in_place_order_but_one_find_the_misread_row(a: int, b: int, digits: list[int],
                                                                misread: int) -> None:
    """Rows one per nonzero digit, units first, one of them worked with another digit of the multiplier and
    stacked at its place: that row is the first wrong step (not the stacked row, nor the total)."""
    reasoning, answer = _digit_rows(a, b, digits)
    wrong = analyze_trace(a, b, reasoning, answer).to_json()["first_wrong"]
    starts = [k for k in range(len(reasoning)) if reasoning.startswith(f"{a} × ", k)] + [reasoning.index("Stacking")]
    assert wrong is not None and wrong["source"] == "reasoning"
    assert starts[misread] <= wrong["span"][0] < starts[misread + 1]


def test_a_misread_row_retracted_for_a_slip_and_recomputed_with_the_same_misread_sticks_in_the_recomputation() -> None:
    """x 30 for the 8 tens of 40083, slipped (6,400), taken back ("hmm, wait, that's wrong") and computed
    again with the same 30: the misread that stuck is in the row written again, not in the retracted one."""
    reasoning = ("Breaking 40083 into 40000 + 80 + 3.\n280 × 40000 = 11,200,000\n"
                 "280 × 30 = 6,400 - hmm, wait, that's wrong, 28 × 3 is 84.\n280 × 30 = 8,400\n280 × 3 = 840\n"
                 "Adding: 11,200,000 + 8,400 + 840 = 11,209,240")
    category, _ = _first(280, 40083, reasoning, "11,209,240")
    wrong = analyze_trace(280, 40083, reasoning, "11,209,240").to_json()["first_wrong"]
    again = reasoning.index("280 × 30 = 8,400")
    assert category == "copy_error" and again <= wrong["span"][0] < again + len("280 × 30 = 8,400")


@pytest.mark.parametrize("note", ["\\quad \\text{by place value}", "\\text{ now add}"])
def test_a_note_at_the_end_of_a_line_of_an_aligned_derivation_does_not_break_it(note: str) -> None:
    """ "&= 135,510 + 9,034 \\quad \\text{by place value} \\\\ &= 145,544": the note ends the line, the
    derivation goes on below; the wrong sum is in the reasoning, not first in the boxed answer."""
    reasoning = ("By the distributive property,\n\\[\n\\begin{aligned}\n"
                 "4{,}517 \\times 32 &= 4{,}517 \\times (30 + 2) \\\\\n"
                 f"&= 4{{,}}517 \\times 30 + 4{{,}}517 \\times 2 \\\\\n&= 135{{,}}510 + 9{{,}}034 {note} \\\\\n"
                 "&= 145{,}544\n\\end{aligned}\n\\]")
    wrong = analyze_trace(4517, 32, reasoning, "$\\boxed{145{,}544}$").to_json()["first_wrong"]
    assert wrong["source"] == "reasoning" and wrong["span"][0] == reasoning.index("145{,}544")


def test_a_wrong_row_of_a_repeated_digit_is_not_fixed_by_the_row_of_its_other_place() -> None:
    """878 has 8 at the hundreds and at the ones: "683 × 8 = 5,465" (for the hundreds) is wrong, and the
    right "683 × 8 = 5,464" written later is the ones row, not a correction of it."""
    reasoning = ("I'll use the place values of 878: 800, 70 and 8.\n683 × 8 = 5,465, so 683 × 800 = 546,500.\n"
                 "683 × 7 = 4,781, so 683 × 70 = 47,810.\n683 × 8 = 5,464.\nSum: 546,500 + 47,810 + 5,464 = 599,774.")
    assert _first(683, 878, reasoning, "599,774") == ("wrong_partial_product", "5,465")


def test_a_cross_product_left_out_is_located_in_the_order_of_the_parts_not_of_the_values() -> None:
    """Both operands split in two: products high part by high part, high by low, then low by low, with low
    part of a times high part of b (12,963,000,000) left out. The first sum (high x high + high x low) has
    not reached it yet, though its value lies between theirs; the sum that adds low x low went past it."""
    reasoning = ("Split both numbers: 5,004,321 = 5,000,000 + 4,321 and 3,000,012 = 3,000,000 + 12.\n"
                 "The cross products:\n5,000,000 × 3,000,000 = 15,000,000,000,000\n5,000,000 × 12 = 60,000,000\n"
                 "4,321 × 12 = 51,852\nAdding: 15,000,000,000,000 + 60,000,000 = 15,000,060,000,000\n"
                 "15,000,060,000,000 + 51,852 = 15,000,060,051,852")
    assert _first(5004321, 3000012, reasoning, "15,000,060,051,852") == ("omitted_partial", "15,000,060,051,852")


def test_a_row_value_written_as_a_bare_equals_line_under_its_digit_products_is_the_row() -> None:
    """ "  = 51720" under the digit products of 25855 × 2 (one carry dropped: 51710) is the row's value, so the
    wrong row is found there, not later where it is shifted and added."""
    reasoning = (
        "Long multiplication, one row per digit of 214:\n\n"
        "25855 × 4\n  5 × 4 = 20, write 0 carry 2\n  5 × 4 = 20, + 2 = 22, write 2 carry 2\n"
        "  8 × 4 = 32, + 2 = 34, write 4 carry 3\n  5 × 4 = 20, + 3 = 23, write 3 carry 2\n"
        "  2 × 4 = 8, + 2 = 10, write 10\n  = 103420\n\n25855 × 1\n  = 25855\n\n"
        "25855 × 2\n  5 × 2 = 10, write 0 carry 1\n  5 × 2 = 10, + 1 = 11, write 1 carry 1\n"
        "  8 × 2 = 16, + 1 = 17, write 7 carry 1\n  5 × 2 = 10, + 1 = 11, write 1 carry 1\n"
        "  2 × 2 = 4, + 1 = 5, write 5\n  = 51720\n\nAdding with shifts: 103420 + 258550 + 5172000 = 5533970")
    assert _first(25855, 214, reasoning, "5533970") == ("wrong_partial_product", "51720")


def test_an_expansion_into_a_single_row_that_leaves_a_part_out_is_the_first_wrong_step() -> None:
    """ "345 × (40 + 7) = 40 × 345 = 13,800": the derivation keeps one row of the two parts; the expansion,
    not the total after it, is where the 7 was left out."""
    reasoning = ("Distribute over the parts of 47:\n"
                 "$$345 \\times 47 = 345 \\times (40 + 7) = 40 \\times 345 = 13{,}800$$")
    category, at = _first(345, 47, reasoning, "13,800")
    assert (category, at) == ("omitted_partial", "40")


@pytest.mark.parametrize("label", ["All together:", "Sum:", "Adding up the rows:"])
def test_a_one_row_total_in_display_math_under_its_label_is_the_sum_that_leaves_rows_out(label: str) -> None:
    """ "Sum:" on its own line and "$$N = N$$" below it: the label heads the line under it, so N is the sum of
    the rows (one row, the other left out), located there and not at the product restated after it."""
    reasoning = ("Split it: $$5,130 = 51 \\times 10^{2} + 30$$\n\n$$4,812 \\times 51 = 245,412$$\n"
                 "$$245,412 \\times 10^2 = 24,541,200$$\n\n"
                 f"{label} \n$$24,541,200 = 24,541,200$$\n\nSo the product is $24,541,200$.")
    category, at = _first(4812, 5130, reasoning, "$\\boxed{24541200}$")
    assert category in ("omitted_partial", "addition_error")
    wrong = analyze_trace(4812, 5130, reasoning, "$\\boxed{24541200}$").to_json()["first_wrong"]
    line = reasoning.index("$$24,541,200 = ")
    assert line <= wrong["span"][0] < line + len("$$24,541,200 = 24,541,200$$")


def test_a_cross_product_with_a_miscopied_chunk_of_the_split_is_the_misread() -> None:
    """Both operands split (5,817,204 = 5817 × 10^3 + 204 and 884 = 88 × 10 + 4): "5817 × 84" multiplies by
    84, a piece of 884 but not a part of the split the model wrote, for its chunk 88, whose product with
    5817 is not there yet. That factor is the first wrong step, not the estimate or the total."""
    reasoning = ("Split both: \\[5,\\!817,\\!204 = 5817 \\cdot 10^{3} + 204\\]\n\\[884 = 88 \\cdot 10^{1} + 4\\]\n"
                 "\\[5817 \\cdot 84 = 488,\\!628\\]\nand so\n\\[488,\\!628 \\cdot 10^{4} = 4,\\!886,\\!280,\\!000\\]\n"
                 "\\[5817 \\cdot 4 = 23,\\!268\\]\nand so\n\\[23,\\!268 \\cdot 10^{3} = 23,\\!268,\\!000\\]\n"
                 "\\[204 \\cdot 880 = 179,\\!520\\]\n\\[204 \\cdot 4 = 816\\]\n"
                 "\\[4,\\!886,\\!280,\\!000 + 23,\\!268,\\!000 + 179,\\!520 + 816 = 4,\\!909,\\!728,\\!336\\]\n"
                 "As an estimate, $5,\\!800,\\!000 \\cdot 880 = 5,\\!104,\\!000,\\!000$.")
    category, at = _first(5817204, 884, reasoning, "$\\boxed{4,\\!909,\\!728,\\!336}$")
    assert (category, at) == ("copy_error", "84")


def test_a_cross_product_by_another_digit_of_the_multiplier_is_the_misread() -> None:
    """33480 = 33400 + 80 and 577 = 570 + 7: after 570 × 80, "5 × 80" multiplies 80 by a digit of 577 that is
    no part of its split; 7 is the one part of 577 not yet multiplied by 80, so the 5 is the misread."""
    reasoning = ("Split: \\[33480 = 33400 + 80\\]\n\\[577 = 570 + 7\\]\n\\[57 \\times 334 = 19038\\]\n"
                 "Shifting it into place:\n\\[19038 \\times 10^{3} = 19038000\\]\n\\[7 \\times 334 = 2338\\]\n"
                 "Moving it to its place:\n\\[2338 \\times 10^{2} = 233800\\]\n\\[570 \\times 80 = 45600\\]\n"
                 "\\[5 \\times 80 = 400\\]\nSum:\n\\[19038000 + 233800 + 45600 + 400 = 19317800\\]")
    category, at = _first(33480, 577, reasoning, "\\boxed{19317800}")
    assert (category, at) == ("copy_error", "5")


@pytest.mark.parametrize("fence", ["", "```\n"])
def test_one_digit_row_stacked_at_its_place_as_the_total_leaves_the_other_rows_out(fence: str) -> None:
    """The digit rows of 680 are 8 (tens) and 6 (hundreds); only "2417 × 8 = 19336" is worked, then stacked at
    its place ("+ 193360" over a rule) and taken as the total: the total under the rule is a sum that leaves
    the hundreds row out."""
    reasoning = ("Multiply 2417 by 8:\n7 × 8 = 56; write 6, carry 5.\n1 × 8 = 8; 8 + 5 = 13; write 3, carry 1.\n"
                 "4 × 8 = 32; 32 + 1 = 33; write 3, carry 3.\n2 × 8 = 16; 16 + 3 = 19; write 19.\n"
                 f"2417 × 8 = 19336.\n\nStacking the rows:\n\n{fence}+ 193360\n--------\n  193360\n{fence}\n"
                 "So the product is 193360.")
    category, at = _first(2417, 680, reasoning, "193360")
    assert category == "omitted_partial"
    wrong = analyze_trace(2417, 680, reasoning, "193360").to_json()["first_wrong"]
    assert wrong["span"][0] == reasoning.index("  193360") + 2


@pytest.mark.parametrize("total", ["Sum: 157,038,000 + 10,469,200 + 418,758 = 167,925,958",
                                   "Total: 157,038,000 + 10,469,200 + 418,758 = **167,925,958**"])
def test_a_reply_that_ends_on_the_sum_of_its_rows_is_checked_through_that_sum(total: str) -> None:
    """The product stated first, then the rows and a last line that adds them up: that sum is the working's
    result (the answer read from it restates it), so the product stated first is checked against it and the
    wrong row (52,346 × 8 = 418,758) is the first wrong step, not the headline."""
    answer = ("52346 × 3208 = **167,925,958**\n\nHere's the breakdown:\n\n- 52,346 × 3,000 = 157,038,000\n"
              f"- 52,346 × 200 = 10,469,200\n- 52,346 × 8 = 418,758\n\n{total}")
    result = analyze_trace(52346, 3208, "", answer).to_json()
    wrong = result["first_wrong"]
    assert result["category"] == "wrong_partial_product"
    assert answer[wrong["span"][0]:wrong["span"][1]] == "418,758" and wrong["span"][0] < answer.rindex("\n\n")


def test_a_digit_row_moved_by_the_zeros_the_model_adds_stands_at_that_place_once_its_digit_has_its_row() -> None:
    """6231 has one 6 (thousands), whose row is already there; "4,213 × 600 ... adding 2 zeros gives 2527800"
    then is the hundreds row multiplied by a misread 6 (the hundreds digit is 2), moved where the model says,
    not the thousands row shifted one place short. The misread row is the first wrong step."""
    reasoning = ("Write 6,231 as 6,000 + 200 + 30 + 1.\n\nFirst, 4,213 × 6,000. Well, 4,213 × 6 is 25278, so adding "
                 "3 zeros gives 25278000.\n\nNow, 4,213 × 600. Well, 4,213 × 6 is 25278, so adding 2 zeros gives "
                 "2527800.\n\nThen 4,213 × 30 = 126390.\n\n"
                 "After that, 4,213 × 1 = 4213.\n\nFirst, 25278000 + 2527800 = 27805800.\n\n"
                 "Then 27805800 + 126390 = 27932190.\n\nThen 27932190 + 4213 = 27936403.")
    category, _ = _first(4213, 6231, reasoning, "27936403")
    wrong = analyze_trace(4213, 6231, reasoning, "27936403").to_json()["first_wrong"]
    row = reasoning.index("Now, 4,213 × 600")
    assert category == "copy_error" and row <= wrong["span"][0] < reasoning.index("Then 4,213 × 30")


@pytest.mark.parametrize("carried", ["plus the 1 I carried is", "plus the 1 we carried over gives",
                                     "plus the carried 1 is"])
def test_a_carry_named_after_its_value_is_added_not_claimed(carried: str) -> None:
    """ "7 times 8 is 56, plus the 1 I carried is 57": the 1 is the carry added, 57 the sum; "carried is 57"
    is no carry of 57. A right trace in this wording has no wrong step."""
    reasoning = ("The ones digit of 18 is 8. 2 times 8 is 16, so I write down 6 and carry 1. 7 times 8 is 56, "
                 f"{carried} 57, write down 7 and carry 5. 1 times 8 is 8, plus 5 is 13, write down 3, carry 1. "
                 "6 times 8 is 48, plus 1 is 49. So the first row is 49376.\n\nNow the tens digit, 1: 6172 times 1 "
                 "is 6172, shifted 61720.\n\nAdding: 49376 + 61720 = 111096.")
    assert _first(6172, 18, reasoning, "111096") == ("correct", None)


def test_a_row_named_in_a_sentence_after_its_digit_products_is_the_row() -> None:
    """R1 prose: the digit products of a row, then "So the first row is 49376." in the same paragraph. The
    sentence names the row as a labelled line does, so the tens row 18516, added without the zero the model
    said it would put first, is a row added without its shift, not a product stated with no working."""
    reasoning = (
        "First the ones digit of 38, which is 8. 2 times 8 is 16, so I write down 6 and carry 1. 7 times 8 is "
        "56, plus 1 is 57, write down 7 and carry 5. 1 times 8 is 8, plus 5 is 13, write down 3, carry 1. 6 "
        "times 8 is 48, plus 1 is 49. So the first row is 49376.\n\nNow the tens digit, which is 3. Since it's "
        "in the tens place I should put a zero placeholder first. 2 times 3 is 6, write 6. 7 times 3 is 21, "
        "write 1 carry 2. 1 times 3 is 3 plus 2 is 5. 6 times 3 is 18. So that row is 18516.\n\n"
        "Now add them: 49376 + 18516 = 67892. So 6172 times 38 is 67892.")
    assert _first(6172, 38, reasoning, "67892") == ("shift_error", "18516")


@pytest.mark.parametrize("tens_row", ["So 74223, and shifted it's 7422300.", "So 74223. Shifted, that's 7422300."])
def test_a_sentence_that_points_at_a_row_after_its_digit_products_is_the_row(tens_row: str) -> None:
    """ "..., write 24. So 24741." and "So 74223, and shifted it's 7422300.": sentences whose only number
    follows the digit products of a row are that row (and that row moved), so the tens row moved two places
    is the shift error, not a product stated with no working."""
    reasoning = (
        "Let me multiply 8247 by 93. Starting with the ones digit 3: 7 times 3 is 21, write 1 carry 2; 4 times 3 "
        "is 12 plus 2 is 14, write 4 carry 1; 2 times 3 is 6 plus 1 is 7, write 7; 8 times 3 is 24, write 24. So "
        "24741.\n\nNext the tens digit 9: 7 times 9 is 63, write 3 carry 6; 4 times 9 is 36 plus 6 is 42, write "
        "2 carry 4; 2 times 9 is 18 plus 4 is 22, write 2 carry 2; 8 times 9 is 72 plus 2 is 74. "
        f"{tens_row}\n\nAdding 24741 and 7422300 gives 7447041.")
    assert _first(8247, 93, reasoning, "7447041") == ("shift_error", "7422300")


_ONES_ROW_4216 = ("Row for the 7 (ones):\nones: 6×7 = 42 → 2, carry 4\ntens: 1×7 = 7, +4 = 11 → 1, carry 1\n"
                  "hundreds: 2×7 = 14, +1 = 15 → 5, carry 1\nthousands: 4×7 = 28, +1 = 29 → 29\nRow: 29512\n\n")


def _positions_row(digit: int, place: str, moved: str) -> str:
    """The digit products of 4216 × digit, position by position, its row and the row moved ("Row: N → M")."""
    lines, carry = [], 0
    for name, d in zip(("ones", "tens", "hundreds", "thousands"), (6, 1, 2, 4)):
        product = d * digit
        total = product + carry
        added = f", +{carry} = {total}" if carry else ""
        written = total if name == "thousands" else total % 10
        tail = "" if name == "thousands" else f", carry {total // 10}"
        lines.append(f"{name}: {d}×{digit} = {product}{added} → {written}{tail}")
        carry = total // 10
    return f"Row for the {digit} ({place}):\n" + "\n".join(lines) + f"\nRow: {4216 * digit} → {moved}\n\n"


def test_a_row_moved_by_an_arrow_under_position_work_is_the_row_and_its_shift() -> None:
    """Position by position ("tens: 1×7 = 7, +4 = 11 → 1, carry 1"), the last position written whole
    ("+1 = 29 → 29", an arrow, not a sum of one term), then "Row: 21080 → 2108000": the row and the row
    moved, two places where the 5 tens take one. The moved row is the first wrong step."""
    reasoning = ("Multiply 4216 by 357 column by column.\n\n" + _ONES_ROW_4216 + _positions_row(5, "tens", "2108000")
                 + _positions_row(3, "hundreds", "1264800")
                 + "Adding the rows: 29512 + 2108000 + 1264800 = 3402312")
    assert _first(4216, 357, reasoning, "3402312") == ("shift_error", "2108000")


def test_a_digit_named_with_its_place_in_parentheses_heads_its_row() -> None:
    """ "Row for the 3 (tens):": the header reads the digit at the tens place of 357, which is 5; the 3 is the
    misread, not the sum that then falls short."""
    reasoning = ("Multiply 4216 by 357 column by column.\n\n" + _ONES_ROW_4216 + _positions_row(3, "tens", "126480")
                 + _positions_row(3, "hundreds", "1264800")
                 + "Adding the rows: 29512 + 126480 + 1264800 = 1420792")
    category, _ = _first(4216, 357, reasoning, "1420792")
    wrong = analyze_trace(4216, 357, reasoning, "1420792").to_json()["first_wrong"]
    assert category == "copy_error" and wrong["span"][0] == reasoning.index("Row for the 3 (tens)") + 12


def test_a_carry_added_in_parentheses_is_added() -> None:
    """ "0 × 9 = 0 (+3) = 3, keep 3 carry 0": the carry in parentheses is added; the digit kept is right."""
    reasoning = ("Now the ones digit, 9:\nOnes: 4 × 9 = 36 (+0) = 36, keep 6 carry 3\nTens: 0 × 9 = 0 (+3) = 3, "
                 "keep 3 carry 0\nHundreds: 2 × 9 = 18 (+ carry 0) = 18, keep 8 carry 1\nThousands: 2 × 9 = 18 (+1) = "
                 "19, keep 9 carry 1\nNext: 9 × 9 = 81 (+1) = 82, keep 2 carry 8\nleftover carry 8 goes in front\n"
                 "Partial product = 829836\n\nNow the tens digit, 1: 92204 × 1 = 92204, shifted: 922040\n\n"
                 "Sum: 829836 + 922040 = 1751876")
    assert _first(92204, 19, reasoning, "1751876") == ("correct", None)


@pytest.mark.parametrize("label", ["Result for this digit:", "So the row reads"])
def test_a_row_labelled_as_the_result_of_its_digit_is_the_row_not_the_product(label: str) -> None:
    """ "Result for this digit: 285341" and "So the row reads 285341" under the digit products of 40763 × 7
    are that row, not the product stated (which would be a wrong answer at once); the tens row moved to the
    hundreds is then the first wrong step."""
    reasoning = (
        "Next, multiply by 7 (ones place):\npos 0: 3 × 7 + 0 = 21 → 1 (carry 2)\npos 1: 6 × 7 + 2 = 44 → 4 "
        "(carry 4)\npos 2: 7 × 7 + 4 = 53 → 3 (carry 5)\npos 3: 0 × 7 + 5 = 5 → 5 (carry 0)\npos 4: 4 × 7 + 0 = "
        f"28 → 8 (carry 2)\nleftover carry 2 goes in front\n{label} 285341\n\n"
        "Next, multiply by 6 (tens place):\npos 0: 3 × 6 + 0 = 18 → 8 (carry 1)\npos 1: 6 × 6 + 1 = 37 → 7 "
        "(carry 3)\npos 2: 7 × 6 + 3 = 45 → 5 (carry 4)\npos 3: 0 × 6 + 4 = 4 → 4 (carry 0)\npos 4: 4 × 6 + 0 = "
        f"24 → 4 (carry 2)\nleftover carry 2 goes in front\n{label} 244578\nWith the placeholder zero: 24457800\n\n"
        "Sum of rows: 285341 + 24457800 = 24743141")
    assert _first(40763, 67, reasoning, "24743141") == ("shift_error", "24457800")


@pytest.mark.parametrize(("placed", "total", "expected"), [
    ("174020", "200123", ("correct", None)),
    ("17402", "43505", ("shift_error", "17402")),  # the tens row left unshifted
])
def test_digit_products_with_a_carry_of_zero_added_are_read(placed: str, total: str, expected: tuple) -> None:
    """ "1×3 = 3 + 0 = 3 → write 3" and "0×3 = 0 + 0 = 0": the product is the first term of the sum after it
    even when the carry added is 0, and a zero times a digit is no row split into parts. A right trace in
    this wording has no wrong step; a row left unshifted is found."""
    def row(digit: int) -> str:
        lines, carry = [], 0
        for pos, x in enumerate((1, 0, 7, 8)):
            total = x * digit + carry
            lines.append(f"col {pos}: {x}×{digit} = {x * digit} + {carry} = {total} → write {total % 10}, "
                         f"carry {total // 10}")
            carry = total // 10
        return "\n".join(lines) + (f"\nbring down the carry {carry}" if carry else "")
    reasoning = (f"Digit 3 of 23 (the ones digit):\n{row(3)}\nThis row: 26103\n\n"
                 f"Digit 2 of 23 (the tens digit):\n{row(2)}\nThis row: 17402\nWith the placeholder zero: {placed}\n\n"
                 f"Now add: 26103 + {placed} = {total}")
    assert _first(8701, 23, reasoning, total) == expected



def test_a_slip_in_a_row_of_a_repeated_digit_is_not_fixed_by_the_row_of_its_other_place() -> None:
    """1101 has three 1s: "2 × 1 + 0 = 12" in the hundreds row makes that row 22809; the thousands row, 12809,
    stands for its own place and fixes nothing. The slip is the first wrong step."""
    reasoning = (
        "Let's multiply 12809 by 1101 column by column.\n"
        "\n"
        "Next, multiply by 1 (ones place):\n"
        "pos 0: 9 × 1 + 0 = 9 → 9 (carry 0)\n"
        "pos 1: 0 × 1 + 0 = 0 → 0 (carry 0)\n"
        "pos 2: 8 × 1 + 0 = 8 → 8 (carry 0)\n"
        "pos 3: 2 × 1 + 0 = 2 → 2 (carry 0)\n"
        "pos 4: 1 × 1 + 0 = 1 → 1 (carry 0)\n"
        "So the row reads 12809\n"
        "\n"
        "Next, multiply by 1 (hundreds place):\n"
        "pos 0: 9 × 1 + 0 = 9 → 9 (carry 0)\n"
        "pos 1: 0 × 1 + 0 = 0 → 0 (carry 0)\n"
        "pos 2: 8 × 1 + 0 = 8 → 8 (carry 0)\n"
        "pos 3: 2 × 1 + 0 = 12 → 2 (carry 1)\n"
        "pos 4: 1 × 1 + 1 = 2 → 2 (carry 0)\n"
        "So the row reads 22809\n"
        "With the placeholder zero(s): 2280900\n"
        "\n"
        "Next, multiply by 1 (thousands place):\n"
        "pos 0: 9 × 1 + 0 = 9 → 9 (carry 0)\n"
        "pos 1: 0 × 1 + 0 = 0 → 0 (carry 0)\n"
        "pos 2: 8 × 1 + 0 = 8 → 8 (carry 0)\n"
        "pos 3: 2 × 1 + 0 = 2 → 2 (carry 0)\n"
        "pos 4: 1 × 1 + 0 = 1 → 1 (carry 0)\n"
        "So the row reads 12809\n"
        "With the placeholder zero(s): 12809000\n"
        "\n"
        "Sum of rows: 12809 + 2280900 + 12809000 = 15102709\n"
        "\n"
        "So 12809 × 1101 = 15102709."
    )
    category, at = _first(12809, 1101, reasoning, "15102709")
    wrong = analyze_trace(12809, 1101, reasoning, "15102709").to_json()["first_wrong"]
    assert category != "unparsed" and wrong["span"][0] == reasoning.index("2 × 1 + 0 = 12") + 12


def test_a_slip_in_the_first_position_of_a_row_is_not_fixed_by_the_same_digits_further_on() -> None:
    """17606 has two 6s: "Ones: 6 × 7 = 52" is the slip; "Hundreds: 6 × 7 = 42" in the same row is another
    position, not the row begun again."""
    reasoning = (
        "Let's multiply 17606 by 2178 column by column.\n"
        "\n"
        "Next, multiply by 8 (ones place):\n"
        "Ones: 6 × 8 = 48 (+0) = 48, keep 8 carry 4\n"
        "Tens: 0 × 8 = 0 (+4) = 4, keep 4 carry 0\n"
        "Hundreds: 6 × 8 = 48 (+0) = 48, keep 8 carry 4\n"
        "Thousands: 7 × 8 = 56 (+4) = 60, keep 0 carry 6\n"
        "Next: 1 × 8 = 8 (+6) = 14, keep 4 carry 1\n"
        "leftover carry 1 goes in front\n"
        "This row: 140848\n"
        "\n"
        "Next, multiply by 7 (tens place):\n"
        "Ones: 6 × 7 = 52 (+0) = 52, keep 2 carry 5\n"
        "Tens: 0 × 7 = 0 (+5) = 5, keep 5 carry 0\n"
        "Hundreds: 6 × 7 = 42 (+0) = 42, keep 2 carry 4\n"
        "Thousands: 7 × 7 = 49 (+4) = 53, keep 3 carry 5\n"
        "Next: 1 × 7 = 7 (+5) = 12, keep 2 carry 1\n"
        "leftover carry 1 goes in front\n"
        "This row: 123252\n"
        "Shift 1 place(s) left → 1232520\n"
        "\n"
        "Next, multiply by 1 (hundreds place):\n"
        "Ones: 6 × 1 = 6 (+0) = 6, keep 6 carry 0\n"
        "Tens: 0 × 1 = 0 (+0) = 0, keep 0 carry 0\n"
        "Hundreds: 6 × 1 = 6 (+0) = 6, keep 6 carry 0\n"
        "Thousands: 7 × 1 = 7 (+0) = 7, keep 7 carry 0\n"
        "Next: 1 × 1 = 1 (+0) = 1, keep 1 carry 0\n"
        "This row: 17606\n"
        "Shift 2 place(s) left → 1760600\n"
        "\n"
        "Next, multiply by 2 (thousands place):\n"
        "Ones: 6 × 2 = 12 (+0) = 12, keep 2 carry 1\n"
        "Tens: 0 × 2 = 0 (+1) = 1, keep 1 carry 0\n"
        "Hundreds: 6 × 2 = 12 (+0) = 12, keep 2 carry 1\n"
        "Thousands: 7 × 2 = 14 (+1) = 15, keep 5 carry 1\n"
        "Next: 1 × 2 = 2 (+1) = 3, keep 3 carry 0\n"
        "This row: 35212\n"
        "Shift 3 place(s) left → 35212000\n"
        "\n"
        "Now add: 140848 + 1232520 + 1760600 + 35212000 = 38345968\n"
        "\n"
        "So 17606 × 2178 = 38345968."
    )
    assert _first(17606, 2178, reasoning, "38345968") == ("arithmetic_slip", "52")


def _col_row(a: int, digit: int, header: str, value_label: str, placed: str | None) -> str:
    """A row worked column by column ("col 0: 1×6 = 6 + 0 = 6 → write 6, carry 0"), its value and, when
    given, the line that puts it in place."""
    lines, carry = [header], 0
    for pos, x in enumerate(int(c) for c in str(a)[::-1]):
        total = x * digit + carry
        lines.append(f"col {pos}: {x}×{digit} = {x * digit} + {carry} = {total} → write {total % 10}, "
                     f"carry {total // 10}")
        carry = total // 10
    if carry:
        lines.append(f"leftover carry {carry} goes in front")
    lines.append(f"{value_label} {a * digit}")
    if placed:
        lines.append(placed)
    return "\n".join(lines) + "\n\n"


def test_a_row_is_moved_to_the_place_its_header_named() -> None:
    """3226 has 2 at the tens and the hundreds: under "**Hundreds digit: 2**", "Append 2 zero(s): 838620" is
    that row moved one place short, not the tens row again (which would make the sum count a row twice)."""
    reasoning = (_col_row(41931, 6, "**Ones digit: 6**", "Partial product =", None)
                 + _col_row(41931, 2, "**Tens digit: 2**", "Partial product =", "Append 1 zero(s): 838620")
                 + _col_row(41931, 2, "**Hundreds digit: 2**", "Partial product =", "Append 2 zero(s): 838620")
                 + _col_row(41931, 3, "**Thousands digit: 3**", "Partial product =", "Append 3 zero(s): 125793000")
                 + "Now add: 251586 + 838620 + 838620 + 125793000 = 127721826")
    wrong = analyze_trace(41931, 3226, reasoning, "127721826").to_json()["first_wrong"]
    second = reasoning.index("Append 2 zero(s): 838620") + len("Append 2 zero(s): ")
    assert wrong["span"][0] == second


def test_a_row_put_in_place_is_the_row_moved() -> None:
    """ "In place: 94557" under the tens row of 1415 is that row moved to its place, left unshifted: the
    first wrong step is there, not at the product stated after a sum that then looks short."""
    reasoning = (_col_row(94557, 5, "**Ones digit: 5**", "So the row reads", None)
                 + _col_row(94557, 1, "**Tens digit: 1**", "So the row reads", "In place: 94557")
                 + _col_row(94557, 4, "**Hundreds digit: 4**", "So the row reads", "In place: 37822800")
                 + _col_row(94557, 1, "**Thousands digit: 1**", "So the row reads", "In place: 94557000")
                 + "Now add: 472785 + 94557 + 37822800 + 94557000 = 132947142\n\nSo 94557 × 1415 = 132947142.")
    assert _first(94557, 1415, reasoning, "132947142") == ("shift_error", "94557")
    wrong = analyze_trace(94557, 1415, reasoning, "132947142").to_json()["first_wrong"]
    assert wrong["span"][0] == reasoning.index("In place: 94557") + len("In place: ")


@pytest.mark.parametrize("row_label", ["Result:", "This gives"])
def test_a_carry_brought_in_and_a_result_under_a_row_are_read_as_the_row(row_label: str) -> None:
    """ "8 times 1 is 8; with the carry 4 that's 12": the carry brought in is added (no carry of 0 claimed out
    of 40), and "Result: 37720" under the digit products is the row, not the product. A right trace in this
    wording has no wrong step."""
    def row(digit: int) -> str:
        lines, carry = [], 0
        for pos, x in enumerate((5, 1, 7, 4)):
            total = x * digit + carry
            tail = f", so {total % 10} down and carry {total // 10}." if pos < 3 else "."
            lines.append(f"{digit} times {x} is {x * digit}; with the carry {carry} that's {total}{tail}")
            carry = total // 10
        return "\n".join(lines)
    reasoning = (f"Row for the digit 8:\n{row(8)}\n{row_label} 37720\n\n"
                 f"Row for the digit 9:\n{row(9)}\n{row_label} 42435\n\n"
                 "Adding the shifted rows: 37720 + 424350 = 462070\n\nSo the product comes to 462070.")
    assert _first(4715, 98, reasoning, "462070") == ("correct", None)


@pytest.mark.parametrize(("a", "b", "reasoning", "stated"), [
    (3, 82, "3 x 82 = 2448\n3 x 82 = 2448\n2448 + 2448 = 4124\n", "2448"),
    (9, 1520, "9 x 1520 = 14400\n9 x 15 = 1440\n1440 + 1440 = 2140\n", "14400"),
    (8, 6824, "8 x 6824 = 516824\n8 x 68 = 64824\n516824 + 64824 = 1116824\n", "516824"),
])
def test_a_product_stated_then_doubled_is_a_guess_not_a_headline_of_working(a: int, b: int, reasoning: str,
                                                                            stated: str) -> None:
    """Few-shot base-model output: "3 x 82 = 2448" twice, then "2448 + 2448 = 4124", or the product stated
    then added to a row. The sum adds no distinct rows apart from the product stated, so that product is not
    checked against it as a headline would be: it is a guess (no_algorithm), as before."""
    total = reasoning.strip().rsplit("= ", 1)[1]
    assert _first(a, b, reasoning, f"Final Answer: {total}") == ("no_algorithm", stated)
