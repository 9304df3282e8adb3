"""The analyzer on the ways real reasoning models write long multiplication (analyzer 1.1).

Every trace here is written for this test, with operands and phrasings that are in no corpus file: the
tests show that the analyzer reads the algorithm (what each number should be, given the operands and
the place) rather than the phrases of the corpus. Replies are passed as the importer stores a model
without a reasoning channel: reasoning "" and the whole text as the answer.
"""

from __future__ import annotations

from experiment.analysis import analyze_trace


def reply(a: int, b: int, text: str, finish_reason: str | None = None) -> dict:
    return analyze_trace(a, b, "", text, finish_reason).to_json()


def first_wrong_text(text: str, result: dict) -> str:
    start, end = result["first_wrong"]["span"]
    return text[start:end]


# ---- the final answer where real replies state it ---------------------------------------------------

def test_the_answer_is_the_stated_product_when_no_marker_names_it() -> None:
    text = ("Let me work this out.\n3071 x 6 = 18426\n3071 x 40 = 122840\n18426 + 122840 = 141266\n\n"
            "Therefore 3071 times 46 equals 141266. The number 3071 has four digits and 46 has two.")
    result = reply(3071, 46, text)
    assert result["answer"] == 141266
    assert result["category"] == "correct"


def test_an_answer_line_that_restates_the_problem_gives_its_result() -> None:
    text = "Answer: 2718 multiplied by 3141 equals 8537238.\n\n2718 x 3000 = 8154000\n2718 x 141 = 383238\n"
    result = reply(2718, 3141, text)
    assert result["answer"] == 8537238
    assert result["first_wrong"] is None


def test_a_reply_that_ends_with_a_bare_number_answers_with_it() -> None:
    text = (
        "Break 4096 into 4000 + 96.\n777 x 4000 = 3108000\n777 x 96 = 74592\nSum: 3182592\n"
        "\nThe final answer is:\n\n3182592"
    )
    result = reply(777, 4096, text)
    assert result["answer"] == 3182592
    assert result["category"] == "correct"


def test_a_value_stated_before_its_computation_is_a_claim_of_the_product() -> None:
    text = "81234 is the product of 321 and 254. To get it, multiply each digit and add up, and we get 81234."
    result = reply(321, 254, text)
    assert result["category"] == "no_algorithm"
    assert result["first_wrong"]["claimed"] == 81234
    assert result["first_wrong"]["span"] == [0, 5]


# ---- running sums in sentences, pieces, restarts -------------------------------------------------------

def test_running_sums_in_sentences_are_checked_piece_by_piece() -> None:
    text = ("Okay, 2345 times 7 first. 2000*7=14000, 300*7=2100, 40*7=280, 5*7=35. Adding: 14000 + 2100 = 16100, "
            "+280 = 16380, +35 = 16415. So 2345 x 7 = 16415.\n\n"
            "Now 2345 x 60 = 140700. Adding 140,700 to 16,415: 16415 + 140000 is 156415, and then adding the "
            "remaining 700 gives 157115.\n\nSo the answer is 157115.")
    result = reply(2345, 67, text)
    assert result["category"] == "correct", result["first_wrong"]
    assert result["answer"] == 157115


def test_a_slip_in_a_running_sum_written_in_words_is_found() -> None:
    text = ("Let me compute 6042 x 315.\n6042 x 300 = 1812600\n6042 x 15 = 90630\n"
            "Adding 90,630 to 1,812,600 gives 1,903,330.\nSo the product is 1903330.")
    result = reply(6042, 315, text)
    assert result["category"] == "addition_error"
    assert first_wrong_text(text, result) == "1,903,330"
    assert result["first_wrong"]["true"] == 1903230


def test_a_restart_that_recomputes_right_leaves_a_self_corrected_trace() -> None:
    text = ("5123 x 8 = 40984. 5123 x 20 = 102460. 40984 + 102460 = 143344. Wait, let me check that again: "
            "40984 + 102460 = 143444. Yes.\n\nFinal answer: 143444")
    result = reply(5123, 28, text)
    assert result["category"] == "self_corrected"
    assert first_wrong_text(text, result) == "143344"


# ---- splits of either operand ----------------------------------------------------------------------------

def test_a_split_of_the_multiplier_into_round_parts_and_a_compensation_is_followed() -> None:
    text = ("Write 7049998 as 7050000 - 2.\n"
            "Then 3456 x 7049998 = 3456 x 7050000 - 3456 x 2.\n"
            "Since 705 = 700 + 5: 3456 x 700 = 2419200 and 3456 x 5 = 17280, so 3456 x 705 = 2436480.\n"
            "3456 x 7050000 = 24364800000\n3456 x 2 = 6912\n24364800000 - 6912 = 24364793088\n\n"
            "So 3456 times 7049998 equals 24364793088.")
    result = reply(3456, 7049998, text)
    assert result["category"] == "correct", result["first_wrong"]


def test_a_split_that_does_not_add_up_is_the_first_wrong_step() -> None:
    text = ("To find 4321 times 8765, think of it as 4321 multiplied by 8000 plus 700 plus 50 plus 6 "
            "... wait, I mean the places of 8765.\n"
            "4321 x 8000 = 34568000\n4321 x 700 = 3024700\n4321 x 50 = 216050\n4321 x 6 = 25926\n"
            "34568000 + 3024700 + 216050 + 25926 = 37834676\n\nThe answer is 37834676.")
    result = reply(4321, 8765, text)
    assert result["category"] == "copy_error"
    wrong = result["first_wrong"]
    assert wrong["kind"] == "decomposition"
    assert (wrong["claimed"], wrong["true"]) == (8756, 8765)
    assert first_wrong_text(text, result) == "8000 plus 700 plus 50 plus 6"


def test_a_wrong_split_of_an_intermediate_value_is_found_where_it_is_written() -> None:
    text = ("Express 5998 as 6000 - 2. Then 2468 x 5998 = 2468 x 6000 - 2468 x 2.\n"
            "Write 2468 as 2500 - 23.\n"
            "2468 x 6000 = 14808000\n2468 x 2 = 4936\n14808000 - 4936 = 14803064\n\nSo 2468 x 5998 = 14803064.")
    result = reply(2468, 5998, text)
    wrong = result["first_wrong"]
    assert wrong["kind"] == "decomposition"
    assert (wrong["claimed"], wrong["true"]) == (2477, 2468)
    assert first_wrong_text(text, result) == "2500 - 23"
    assert result["category"] == "self_corrected"  # the split is never used, and the answer is right


# ---- places: rows and multipliers ------------------------------------------------------------------------

def test_a_multiplier_that_is_not_the_digit_at_its_place_is_a_copy_error() -> None:
    text = ("1380 x 8479:\n1380 x 9 = 12420\n1380 x 70 = 96600\n1380 x 800 = 1104000\n1380 x 8000 = 11040000\n"
            "12420 + 96600 + 1104000 + 11040000 = 12253020\n\nFinal Answer: 12253020")
    result = reply(1380, 8479, text)
    wrong = result["first_wrong"]
    assert result["category"] == "copy_error"
    assert (wrong["kind"], wrong["claimed"], wrong["true"]) == ("copy", 800, 400)
    assert first_wrong_text(text, result) == "800"


def test_a_digit_named_for_the_wrong_place_is_a_misread() -> None:
    text = ("Step 1: the units digit of 6205 is 5: 913 × 5 = 4565\n"
            "Step 2: the tens digit is 2: 913 × 2 = 1826, shifted one place: 18260\n"
            "Step 3: the hundreds digit is 6: 913 × 6 = 5478, shifted two places: 547800\n"
            "Step 4: the thousands digit is 6: 913 × 6 = 5478, shifted three places: 5478000\n"
            "Total: 4565 + 18260 + 547800 + 5478000 = 6048625\n\nSo 913 times 6205 equals 6048625.")
    result = reply(913, 6205, text)
    wrong = result["first_wrong"]
    assert (wrong["kind"], wrong["claimed"], wrong["true"]) == ("copy", 2, 0)  # 6205 has no tens
    assert text[wrong["span"][0] - 6:wrong["span"][1]] == "913 × 2"


def test_rows_of_a_written_out_layout_are_read_by_their_place() -> None:
    good = (
        "  5607\n×  304\n------\n 22428   (5607 x 4)\n 00000   (5607 x 0, shifted)\n1682100  (5607 x 300)\n"
        "------\n1704528\n\nFinal Answer: 1704528"
    )
    assert reply(5607, 304, good)["category"] == "correct"
    bad = (
        "  5607\n×  304\n------\n 22428   (5607 x 4)\n168210   (5607 x 30)\n1682100  (5607 x 300)\n"
        "------\n1872738\n\nFinal Answer: 1872738"
    )
    result = reply(5607, 304, bad)
    assert result["first_wrong"]["claimed"] == 168210
    assert result["first_wrong"]["true"] == 0  # the tens digit of 304 is 0


def test_a_product_written_under_a_rule_is_checked() -> None:
    text = "Stack them:\n4321\n  x\n765\n-----\n3305656\n\nThat is the product."
    result = reply(4321, 765, text)
    wrong = result["first_wrong"]
    assert (wrong["claimed"], wrong["true"]) == (3305656, 4321 * 765)


def test_an_operand_added_as_a_row_is_an_addition_error() -> None:
    text = "7 x 9 = 63\n63 + 9 = 72\n"
    result = analyze_trace(7, 9, text, "Final Answer: 72").to_json()
    assert result["category"] == "addition_error"
    assert result["first_wrong"]["claimed"] == 72


def test_a_missing_row_is_an_omitted_partial() -> None:
    text = ("8123 x 456:\n8123 x 400 = 3249200\n8123 x 50 = 406150\n8123 x 6 = 48738\n"
            "3249200 + 48738 = 3297938\n\nThe answer is 3297938.")
    result = reply(8123, 456, text)
    assert result["category"] == "omitted_partial"
    assert first_wrong_text(text, result) == "3297938"


# ---- side computations -----------------------------------------------------------------------------------

def test_an_estimate_and_a_trial_product_on_the_side_are_not_errors() -> None:
    text = ("First a rough estimate: 3000 x 5000 is about 15,000,000. As a warm-up, 31 x 52 = 1622.\n"
            "3124 x 5000 = 15620000\n3124 x 200 = 624800\n3124 x 7 = 21868\n"
            "15620000 + 624800 = 16244800, + 21868 = 16266668.\n"
            "Check: 16266668 / 3124 = 5207. Good.\n\nSo the product is 16266668.")
    result = reply(3124, 5207, text)
    assert result["category"] == "correct", result["first_wrong"]


def test_squares_recalled_on_the_side_are_not_miscopies() -> None:
    text = (
        "13 x 13: I know 12² = 144 and 13² = 144 + 25 = 169. Also 10 x 13 + 3 x 13 = 130 + 39 = 169.\n"
        "So the answer is 169."
    )
    result = reply(13, 13, text)
    assert result["category"] == "correct", result["first_wrong"]


# ---- cut at the token limit ------------------------------------------------------------------------------

def test_a_reply_cut_mid_number_is_truncated_and_keeps_its_first_wrong_step() -> None:
    text = ("Okay, 45678 x 123. 45678 x 100 = 4567800. 45678 x 20 = 913460. 45678 x 3 = 137034. "
            "Adding: 4567800 + 913460 = 5481260, then 5481260 + 137034 = 56")
    result = reply(45678, 123, text, "length")
    assert result["category"] == "truncated"
    assert first_wrong_text(text, result) == "913460"
    assert result["answer"] is None or result["answer"] != 45678


def test_rows_written_unshifted_under_a_layout_count_at_their_place() -> None:
    text = "  73\n× 58\n----\n 584   (73 × 8)\n365    (73 × 5, shifted)\n----\n4234\n\nAnswer: 4234"
    assert reply(73, 58, text)["category"] == "correct"


def test_a_wrong_total_under_a_layout_of_bare_rows_is_an_addition_error() -> None:
    text = (
        "    5142\n  × 3071\n  ------\n    5142\n  359940\n       0\n15426000\n  ------\n15790082\n"
        "\nSo the product is 15790082."
    )
    result = reply(5142, 3071, text)
    assert result["category"] == "addition_error"
    assert (result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (15790082, 5142 * 3071)


def test_adding_a_number_to_the_running_total_in_words_is_checked() -> None:
    text = ("9021 x 700 = 6,314,700. 9021 x 30 = 270,630. 9021 x 4 = 36,084.\n"
            "6,314,700 + 270,630 = 6,585,330, and adding 36,084 gives 6,621,314.\nFinal answer: 6621314")
    result = reply(9021, 734, text)
    assert result["category"] == "addition_error"
    assert first_wrong_text(text, result) == "6,621,314"
    assert result["first_wrong"]["true"] == 9021 * 734


def test_a_multiplier_rounded_up_to_subtract_after_is_no_misread() -> None:
    text = (
        "6253 × 398 is 6253 × 400 minus 6253 × 2. 6253 × 400 = 2,501,200 and 6253 × 2 = 12,506, "
        "so 2,501,200 − 12,506 = 2,488,794.\nFinal answer: 2488794"
    )
    result = reply(6253, 398, text)
    assert result["category"] == "addition_error"
    assert first_wrong_text(text, result) == "2,488,794"


def test_a_row_written_at_its_named_place_is_right() -> None:
    text = ("5093 × 7 = 35651.\nNext, 5093 × 2 (tens place): 101,860.\n35,651 + 101,860 = 137,511.\n"
            "Another way: 5093 × 27 = 137,511, and 5093 × 270 would be 1,375,110.\nFinal answer: 137511")
    result = reply(5093, 27, text)
    assert result["category"] == "correct", result["first_wrong"]


def test_a_slip_in_the_digits_of_one_row_is_not_fixed_by_another_row() -> None:
    text = ("6081 × 9: 1×9=9, write 9. 8×9=72, write 2 carry 7. 0×9=0, plus 7 is 8, write 8. 6×9=54. So 54,829, "
            "and with a zero 548,290.\n"
            "6081 × 4 = 24,324.\n548,290 + 24,324 = 572,614\nFinal answer: 572614")
    result = reply(6081, 94, text)
    wrong = result["first_wrong"]
    assert (wrong["kind"], wrong["claimed"], wrong["true"]) == ("carry_addition", 8, 7)
    assert result["category"] == "arithmetic_slip"


def test_a_derivation_continued_over_lines_is_one_chain() -> None:
    text = ("\\begin{align*}\n3902 \\times 715 &= 3902 \\times 700 + 3902 \\times 15 \\\\\n"
            "&= 2731400 + 58630 \\\\\n&= 2790030\n\\end{align*}\nSo the answer is $\\boxed{2790030}$.")
    result = reply(3902, 715, text)
    assert result["category"] == "wrong_partial_product"
    assert first_wrong_text(text, result) == "58630"
    assert result["first_wrong"]["true"] == 3902 * 15
    plain = "26 x 31 = 26 x (30 + 1)\n= 780 + 26\n= 806"
    assert reply(26, 31, plain)["category"] == "correct"


def test_a_split_written_as_products_of_the_same_number_is_checked() -> None:
    right = "48 × 77 = 48 × 80 − 48 × 3 = 3840 − 144 = 3696.\nSo the answer is 3696."
    assert reply(48, 77, right)["category"] == "correct"
    wrong = (
        "5309 x 6427\n= 5309 x 6000 + 5309 x 200 + 5309 x 40 + 5309 x 7\n= 31854000 + 1061800 + 212360 + 37163\n"
        "= 33165323"
    )
    result = reply(5309, 6427, wrong)
    assert result["first_wrong"]["kind"] == "decomposition"
    assert (result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (6247, 6427)
    assert result["category"] == "copy_error"
