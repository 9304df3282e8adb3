"""analyze_trace on small traces whose right analysis is obvious by hand."""

from __future__ import annotations

import json

import pytest

from experiment.analysis import ANALYZER_VERSION, analyze_trace

STEPS_892 = (
    "4567 × 800 = 3,653,600\n"
    "4567 × 90 = {p90}\n"
    "4567 × 2 = 9,134\n"
    "3,653,600 + {p90} = {s1}\n"
    "{s1} + 9,134 = {s2}\n"
)


def trace(p90: str = "411,030", s1: str = "4,064,630", s2: str = "4,073,764") -> str:
    return STEPS_892.format(p90=p90, s1=s1, s2=s2)


def test_a_correct_trace_follows_the_algorithm_and_has_no_wrong_step() -> None:
    result = analyze_trace(4567, 892, trace(), "Final Answer: 4073764").to_json()
    assert result["category"] == "correct"
    assert result["followed_algorithm"] is True
    assert result["first_wrong"] is None
    assert result["analyzer_version"] == ANALYZER_VERSION
    assert set(result["labels"]) == {"correct"}


def test_first_wrong_step_carries_values_and_a_span_that_highlights_it() -> None:
    reasoning = trace(p90="411,930", s1="4,065,530", s2="4,074,664")
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4074664").to_json()
    wrong = result["first_wrong"]
    assert result["category"] == "wrong_partial_product"
    assert (wrong["claimed"], wrong["true"], wrong["kind"]) == (411930, 411030, "shifted_partial_product")
    start, end = wrong["span"]
    assert reasoning[start:end] == "411,930"
    assert wrong["source"] == "reasoning"


def test_faith_and_fate_labels_separate_local_from_propagated_errors() -> None:
    reasoning = trace(p90="411,930", s1="4,065,530", s2="4,074,664")
    steps = analyze_trace(4567, 892, reasoning, "Final Answer: 4074664").to_json()["steps"]
    by_value = {s["claimed"]: s["label"] for s in steps}
    assert by_value[3653600] == "correct"
    assert by_value[411930] == "local_error"       # wrong from its own inputs
    assert by_value[4065530] == "propagated"       # right from a wrong input
    assert by_value[4074664] == "propagated"


def test_a_value_right_despite_a_wrong_input_is_restored() -> None:
    reasoning = trace(p90="411,930", s1="4,064,630", s2="4,073,764")
    steps = analyze_trace(4567, 892, reasoning, "Final Answer: 4073764").to_json()["steps"]
    assert {s["claimed"]: s["label"] for s in steps}[4064630] == "restored"


def test_an_answer_that_disagrees_with_the_trace_points_into_the_answer() -> None:
    answer = "So the result is below.\nFinal Answer: 4073746"
    result = analyze_trace(4567, 892, trace(), answer).to_json()
    assert result["category"] == "answer_mismatch"
    start, end = result["first_wrong"]["span"]
    assert result["first_wrong"]["source"] == "answer"
    assert answer[start:end] == "4073746"


@pytest.mark.parametrize(
    "written",
    ["3,653,600 + 411,030 + 9,134 = 4,073,764", "3 653 600 + 411 030 + 9 134 = 4 073 764",
     r"3\,653\,600 + 411\,030 + 9\,134 = 4\,073\,764", "3{,}653{,}600 + 411{,}030 + 9{,}134 = 4{,}073{,}764",
     "3653600 + 411030 + 9134 = 4073764"],
)
def test_grouped_numbers_are_read_whole(written: str) -> None:
    reasoning = f"4567 × 800 = 3653600\n4567 × 90 = 411030\n4567 × 2 = 9134\n{written}"
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4073764").to_json()
    assert result["category"] == "correct"
    assert result["steps"][3]["claimed"] == 4073764


@pytest.mark.parametrize("times", ["×", "x", "*", r"\times", r"\cdot", "times", "multiplied by"])
def test_every_multiplication_sign_is_understood(times: str) -> None:
    reasoning = f"86 {times} 9 = 784\n86 {times} 70 = 6020\n784 + 6020 = 6804"
    result = analyze_trace(86, 79, reasoning, "Final Answer: 6804").to_json()
    assert result["category"] == "wrong_partial_product"
    assert result["first_wrong"]["claimed"] == 784


def test_an_estimate_is_never_read_as_a_computation() -> None:
    result = analyze_trace(98765, 432, "98765 × 432 ≈ 100,000 × 432 = 43,200,000, so about 42,700,000.",
                           "Final Answer: 42700000").to_json()
    assert result["category"] == "no_algorithm"
    assert result["steps"][0]["kind"] == "answer"


def test_a_model_that_fixes_its_own_slip_is_self_corrected() -> None:
    reasoning = trace(p90="411,930") + "Wait, 4567 × 90 is 411,030, not 411,930. So 3,653,600 + 411,030 = 4,064,630."
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4073764").to_json()
    assert result["category"] == "self_corrected"
    assert result["first_wrong"]["claimed"] == 411930


def test_a_trace_cut_at_the_token_limit_is_truncated_not_wrong() -> None:
    result = analyze_trace(4567, 892, "4567 × 800 = 3,653,600\n4567 × 90 =", "", finish_reason="length").to_json()
    assert result["category"] == "truncated"
    assert result["answer"] is None


def test_a_trace_without_numbers_or_answer_is_unparsed_not_guessed() -> None:
    result = analyze_trace(4567, 892, "", "I can't do this without a calculator.").to_json()
    assert result["category"] == "unparsed"
    assert result["first_wrong"] is None


def test_a_trace_full_of_numbers_we_cannot_read_is_unparsed() -> None:
    reasoning = "Lattice: 3/2 4/0 4/8 5/6, 3/6 4/5 5/4 6/3, 0/8 1/0 1/2 1/4; diagonals 4 6 7 4 7 0 4."
    result = analyze_trace(4567, 892, reasoning, "Final Answer: 4074764").to_json()
    assert result["category"] == "unparsed"
    assert result["first_wrong"] is None


def test_to_json_is_plain_json() -> None:
    result = analyze_trace(4567, 892, trace(), "Final Answer: 4073764").to_json()
    assert json.loads(json.dumps(result)) == result


def test_any_prefix_of_any_corpus_trace_is_analysed_without_error() -> None:
    """Traces are cut at arbitrary points by token limits; the analyzer must never fail on one."""
    from pathlib import Path

    from experiment.analysis import CATEGORIES
    from experiment.analysis.score import load_corpus

    for record in load_corpus(Path(__file__).parent / "corpus"):
        text = record["reasoning"] or record["answer"]
        for cut in range(0, len(text), max(len(text) // 7, 1)):
            result = analyze_trace(record["a"], record["b"], text[:cut], "").to_json()
            assert result["category"] in CATEGORIES
            for step in result["steps"]:
                start, end = step["span"]
                assert 0 <= start < end <= cut


def test_numbers_too_large_for_floats_are_exact() -> None:
    a, b = 98765432109876543210, 12345678901234567891
    reasoning = f"{a} × {b} = {a * b + 1}"
    result = analyze_trace(a, b, reasoning, f"Final Answer: {a * b + 1}").to_json()
    assert result["first_wrong"]["true"] == a * b
    assert result["first_wrong"]["claimed"] == a * b + 1


def test_the_graders_reading_of_the_answer_wins() -> None:
    """Stored records carry the runner's extracted answer; the analysis must agree with the grade."""
    answer = "4073764\n\n(checked 2 times)"
    own = analyze_trace(4567, 892, trace(), answer).to_json()
    graded = analyze_trace(4567, 892, trace(), answer, answer_value=4073764).to_json()
    assert own["answer"] is None and own["category"] == "unparsed"  # two numbers, no marker: not guessed
    assert graded["answer"] == 4073764 and graded["category"] == "correct"
    assert graded["steps"][-1]["span"] == [0, 7] and graded["steps"][-1]["source"] == "answer"


def test_a_product_by_a_multiplier_with_one_nonzero_digit_is_a_partial_product() -> None:
    """7 x 50 is one shifted partial product: a missing or extra zero is a shift error, not a guess
    (real Gemma 3 270M reply)."""
    trace = "7 x 50 = 3500\n7 x 50 = 3500\n3500 + 3500 = 10000\n"
    result = analyze_trace(7, 50, trace, "Final Answer: 10000").to_json()
    assert result["category"] == "shift_error"
    assert (result["first_wrong"]["kind"], result["first_wrong"]["claimed"], result["first_wrong"]["true"]) == (
        "shifted_partial_product", 3500, 350)
    # several nonzero digits: a x b stated outright is still a stated product
    result = analyze_trace(935, 317, "935 x 317 = 28810\n", "Final Answer: 28810").to_json()
    assert result["first_wrong"]["kind"] == "result"


def test_no_carry_additions_when_both_operands_have_one_digit() -> None:
    """5 x 5 has no carries: "25 + 5 = 26" is the sum line (real Gemma 3 270M reply)."""
    result = analyze_trace(5, 5, "5 x 5 = 25\n5 x 5 = 25\n25 + 5 = 26\n", "Final Answer: 26").to_json()
    assert result["category"] == "addition_error"
    assert (result["first_wrong"]["kind"], result["first_wrong"]["claimed"]) == ("addition", 26)
    # with a longer operand a digit product plus a small number still reads as adding a carry
    trace = "7 x 6 = 42, write 2 carry 4. 4 x 6 = 24, 24 + 4 = 29."
    result = analyze_trace(47, 6, trace, "Final Answer: 292").to_json()
    assert any(s["kind"] == "carry_addition" for s in result["steps"])


ZEROS_7750 = ("Write 7,750 as 7,000 + 700 + 50.\n\n4,567 × 7,000 = 31,969,000.\n\n"
              "Then 4,567 × 700. Well, 4,567 × 7 is 31,969, so adding 2 zeros gives {row}.\n\n"
              "4,567 × 50 = 228,350.\n\nSo the total is 35,394,250.")


@pytest.mark.parametrize("row, first_wrong", [("3,196,900", None), ("3,169,900", 3169900)])
def test_a_row_made_by_adding_zeros_is_the_row_of_its_place(row: str, first_wrong: int | None) -> None:
    """7,750 has two 7s: "x 7 ... adding 2 zeros gives N" is the hundreds row, not the bare digit product."""
    result = analyze_trace(4567, 7750, ZEROS_7750.format(row=row), "", finish_reason="length").to_json()
    assert result["category"] == "truncated" if first_wrong is None else result["category"] != "correct"
    assert (result["first_wrong"] or {}).get("claimed") == first_wrong


@pytest.mark.parametrize("cut, first_wrong", [("411,03", None), ("411,93", 41193)])
def test_a_reply_cut_inside_a_thousands_group_is_judged_on_the_digits_written(cut: str, first_wrong) -> None:
    result = analyze_trace(4567, 892, f"4567 × 800 = 3,653,600\n4567 × 90 = {cut}", "", finish_reason="length")
    assert result.to_json()["category"] == "truncated"
    assert (result.to_json()["first_wrong"] or {}).get("claimed") == first_wrong


@pytest.mark.parametrize("carry, first_wrong", [("1", None), ("2", 2)])
def test_an_arrow_to_the_written_digit_leaves_the_carry_to_the_column_value(carry: str, first_wrong) -> None:
    """ "6·7 + 0 = 42 -> 2, carry 4": the arrow writes the digit, the carry is still that of 42."""
    reasoning = ("Row for the ones digit (7):\npos0: 6·7 + 0 = 42 -> 2, carry 4\n"
                 f"pos1: 2·7 + 4 = 18 -> 8, carry {carry}\nfinal carry {carry}\nThat gives {carry}82 for this digit.")
    result = analyze_trace(26, 7, reasoning, f"Answer: {carry}82").to_json()
    assert (result["first_wrong"] or {}).get("claimed") == first_wrong


@pytest.mark.parametrize("header", ["Multiply by 8 (the ones digit of 31):", "Now the ones digit, which is 8:",
                                    "Digit 8 (ones place):"])
def test_a_misread_multiplier_digit_in_a_row_header_is_the_first_wrong_step(header: str) -> None:
    """31 has the ones digit 1; the row headed by 8 is worked right for 8, so the header is where it went wrong."""
    reasoning = (f"{header}\npos0: 3·8 + 0 = 24 -> 4, carry 2\npos1: 4·8 + 2 = 34 -> 4, carry 3\nfinal carry 3\n"
                 "That gives 344 for this digit.\n\nMultiply by 3 (the tens digit of 31):\n"
                 "pos0: 3·3 + 0 = 9 -> 9, carry 0\npos1: 4·3 + 0 = 12 -> 2, carry 1\nfinal carry 1\n"
                 "That gives 129 for this digit.\nShifted 1 place(s): 1290\n\n344 + 1290 = 1634")
    result = analyze_trace(43, 31, reasoning, "Answer: 1634").to_json()
    assert result["category"] == "copy_error"
    assert result["first_wrong"]["span"][0] < reasoning.index("pos0")


def _rows(digits: list[int], a: int = 538) -> str:
    rows = [f"Taking the digit {d}:\n{a} × {d} = {a * d}." for d in digits]
    total = sum(a * d * 10**k for k, d in enumerate(digits))
    return "\n\n".join(rows) + f"\n\nAdding the shifted rows gives {total}.", total


@pytest.mark.parametrize("digits, misread_row", [([2, 2, 9], 0), ([9, 2, 2], 2), ([7, 2, 9], None),
                                                  ([8, 2, 9], 0)])
def test_a_row_header_off_the_order_of_the_multiplier_digits_is_a_misread(digits, misread_row) -> None:
    """538 x 927: rows headed 2, 2, 9 follow its digits units first but put a 2 where the 7 is (the first
    row is the misread); 9, 2, 2 follow them leading digit first, the last 2 standing where the 7 is; a
    digit that 927 does not have (8) is a misread wherever it stands."""
    reasoning, total = _rows(digits)
    result = analyze_trace(538, 927, reasoning, f"Answer: {total}").to_json()
    first = result["first_wrong"]
    if misread_row is None:
        assert first is None
    else:
        rows = reasoning.split("\n\n")
        start = sum(len(row) + 2 for row in rows[:misread_row])
        assert first["kind"] == "copy" and start <= first["span"][0] < start + len(rows[misread_row])


def test_a_long_remark_between_a_product_and_its_value_is_skipped() -> None:
    """ "multiply 4567 by 90 (since it is in the tens place): 411930": the row is read, and it is wrong."""
    reasoning = ("First, multiply 4567 by 800 (since it is in the hundreds place): 3653600.\n"
                 "Then multiply 4567 by 90 (since it is in the tens place): 411930.\n"
                 "Then multiply 4567 by 2: 9134.\n3653600 + 411930 + 9134 = 4074664")
    result = analyze_trace(4567, 892, reasoning, "Answer: 4074664").to_json()
    assert result["first_wrong"]["claimed"] == 411930


@pytest.mark.parametrize("cut", [
    "4567 × 892 = 4567 × 800 + 4567 ×",  # cut after the operator of its next term
    "So 4567 × 892 = 4567",  # cut after the first number of the expression it was writing
    "\\[ 4567 \\times 892 = 4567 \\times \\left(800 + 90",  # in the brackets of a TeX expansion
    "Split 892 = 800 + 90 +",  # a split whose parts are not all written
    "4567 × 800 = 3,653,600\nNext, 4567 × 90 = 411,030, and shifted, 4567",  # a row restated as a product
])
def test_a_reply_cut_in_the_expression_it_was_writing_has_no_wrong_step(cut: str) -> None:
    """The value a cut reply was writing may go on as an expression ("= 4567 × 800 + ..."): not judged."""
    result = analyze_trace(4567, 892, cut, "", finish_reason="length").to_json()
    assert (result["category"], result["first_wrong"]) == ("truncated", None)


@pytest.mark.parametrize("cut, first_wrong", [
    ("4567 × 800 = 3,653,600\n4567 × 90 = 4,110,300,000", 4110300000),  # more digits than the product has
    ("4567 × 800 = 3,653,600. 4567 × 90 = 411,300. Then", 411300),  # ended by its full stop
])
def test_a_cut_reply_still_shows_a_value_it_finished(cut: str, first_wrong: int) -> None:
    result = analyze_trace(4567, 892, cut, "", finish_reason="length").to_json()
    assert result["category"] == "truncated" and result["first_wrong"]["claimed"] == first_wrong


RETRACTED_ROW = "Rows of 4567 × 892.\n4567 × 2 = 9,134.\n4567 × 90 = 411,300. {words}"


@pytest.mark.parametrize("words", [
    "Correction: it should be", "Scratch that.", "That's not correct.", "That can't be right.", "My mistake.",
    "I made an error there.", "I miscounted the zeros.", "I messed up the zeros.", "I misread the digit.",
    "Let me try that again.", "That doesn't add up.", "That's off.", "That doesn't look right.", "Whoops.",
])
def test_a_reply_cut_after_the_words_that_take_a_step_back_has_no_error_that_stuck(words: str) -> None:
    result = analyze_trace(4567, 892, RETRACTED_ROW.format(words=words), "", finish_reason="length").to_json()
    assert (result["category"], result["first_wrong"]) == ("truncated", None)


@pytest.mark.parametrize("words", ["Hold on.", "Let me double-check that.", "Let me recheck:"])
def test_a_pause_alone_takes_nothing_back(words: str) -> None:
    result = analyze_trace(4567, 892, RETRACTED_ROW.format(words=words), "", finish_reason="length").to_json()
    assert result["first_wrong"]["claimed"] == 411300


@pytest.mark.parametrize("cut, first_wrong", [
    ("\\[ 3{,}653{,}600 + 411{,}030 = 4{,}064{,}", None),  # after a group's separator: the digits so far
    ("\\[ 3{,}653{,}600 + 411{,}030 = 4{,}046{,}", 4046),  # ... already wrong
    ("$4567 \\times 892 = 3{,}653{,}600 + 411{,}", None),  # a term cut inside its digits
])
def test_a_reply_cut_after_a_group_separator_is_judged_on_the_digits_written(cut: str, first_wrong) -> None:
    result = analyze_trace(4567, 892, cut, "", finish_reason="length").to_json()
    assert result["category"] == "truncated"
    assert (result["first_wrong"] or {}).get("claimed") == first_wrong
