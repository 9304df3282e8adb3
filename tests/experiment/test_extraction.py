import pytest

from experiment.extraction import extract_answer

# (what a model wrote, the answer a careful reader takes from it, the rule that should find it)
REAL_FORMATS = [
    ("Final Answer: 56088", 56088, "final_answer"),
    ("**Final Answer:** 56,088", 56088, "final_answer"),
    ("Final Answer: $\\boxed{56088}$", 56088, "final_answer"),
    ("Final answer: 1 234 567", 1234567, "final_answer"),
    ("Final Answer: 1\u2009234\u2009567", 1234567, "final_answer"),
    ("Final Answer: 1\u202f234\u202f567", 1234567, "final_answer"),
    ("Final Answer: 1'234'567", 1234567, "final_answer"),
    ("Final Answer: 1.234.567", 1234567, "final_answer"),
    ("Final Answer: $1\\,234\\,567$", 1234567, "final_answer"),
    ("Final Answer: \\(56{,}088\\)", 56088, "final_answer"),
    ("Final Answer: 123 × 456 = 56088", 56088, "final_answer"),
    ("Final Answer: 56088.", 56088, "final_answer"),
    ("Final Answer: 56088.0", 56088, "final_answer"),
    ("### Final Answer\n\n56,088\n", 56088, "final_answer"),
    ("Final Answer: 5000\nWait, let me recheck.\nFinal Answer: 56088\n", 56088, "final_answer"),
    ("Final Answer: 56088\n\nCheck: 56088 / 456 = 123", 56088, "final_answer"),
    ("The product is:\n\\[\n\\boxed{56088}\n\\]", 56088, "boxed"),
    ("so the result is $\\boxed{1\\,234\\,567}$.", 1234567, "boxed"),
    ("Therefore, the answer is **56,088**.", 56088, "phrase"),
    ("Adding the partial products:\n123 × 456 = **56,088**", 56088, "closing_equation"),
    # the same equation said in words, as chat models answer "Calculate 123 times 456." (the llmmath run)
    ("123 times 456 is 56088.", 56088, "closing_equation"),
    ("The product of 123 and 456 is 56,088.", 56088, "closing_equation"),
    ("Of course! 123 times 456 is equal to 56088. 😊", 56088, "closing_equation"),
    ("So, 123 multiplied by 456 equals 56088.", 56088, "closing_equation"),
    ("Thus, the product of 123 and 456 is\n\n56088", 56088, "closing_equation"),
    ("Here is 123 times 456:\n\n56088", 56088, "closing_equation"),
    ("56088", 56088, "bare_number"),
    ("$$56{,}088$$", 56088, "bare_number"),
    # a closing statement of what the multiplication gives, operands in words or not named at all
    ("Twelve multiplied by twelve equals 144.", 144, "closing_statement"),
    ("Hello!\n\nThe result of the multiplication is 97573069552.\n\nLet me know if you need more.", 97573069552,
     "closing_statement"),
    ("Here is the result of the multiplication:\n\n**97,185,854,272**", 97185854272, "closing_statement"),
    ("Doing it directly, the result is:\n\n121932631112635269\n\nNo commas have been used.", 121932631112635269,
     "closing_statement"),
]


@pytest.mark.parametrize("text, value, rule", REAL_FORMATS)
def test_the_answer_models_really_write_is_found(text, value, rule):
    found = extract_answer(text, (123, 456) if rule in ("closing_equation", "closing_statement") else None)
    assert (found.value, found.rule) == (value, rule)


@pytest.mark.parametrize("text", [
    "Final Answer: [result]",
    "I think it is roughly 1.2 × 10^6.",
    "Final Answer: 1234.5",
    "Let me start with the partial products: 123 x 6 = 738, 123 x 50 = 6150",
    "First, 123 times 6 is 738",  # a step: the left side does not name both operands
    "123 times 456 is 56088, which is even",  # the closing statement is not a number
    "1234 × 456 = 562704",  # an operand inside a longer number is not named
    "123 × 4,567 = 561741",  # (nor after its group separators are dropped)
    "",
])
def test_no_answer_is_guessed_where_none_was_given(text):
    assert extract_answer(text, (123, 456)).value is None


def test_a_finished_answer_line_is_told_from_one_cut_off():
    assert extract_answer("Final Answer: 56088\n").line_complete
    assert not extract_answer("Final Answer: 560").line_complete
