"""The analyzer's codes as a reader reads them: figures, filters and captions say "a wrong partial
product", never `wrong_partial_product`. A code this table does not know (a newer analyzer) is shown with
its underscores as spaces, so nothing breaks when the analyzer learns a new category."""

from __future__ import annotations

CATEGORIES = {
    "all": "all",
    "correct": "no error found in the working",
    "self_corrected": "an error the model fixed itself",
    "arithmetic_slip": "a slip multiplying or carrying one digit",
    "wrong_partial_product": "a wrong partial product",
    "copy_error": "a number copied wrong",
    "shift_error": "a partial product shifted to the wrong place",
    "omitted_partial": "a partial product left out",
    "duplicated_partial": "a partial product added twice",
    "addition_error": "a wrong sum of the partial products",
    "answer_mismatch": "a final answer that is not the working's",
    "false_verification": "a wrong answer \"checked\" as right",
    "no_algorithm": "no written working (an answer only)",
    "truncated": "cut off at the token limit",
    "unparsed": "working the analyzer could not read",
}

OUTCOMES = {
    "correct": "right",
    "wrong": "wrong",
    "unparsed": "no readable answer",
    "truncated": "cut off at the token limit",
    "refused": "refused",
    "error": "request failed",
}

STEP_KINDS = {
    "digit_product": "one digit times one digit",
    "carry": "a carry",
    "digit_write": "a digit written down",
    "carry_addition": "a carry added",
    "write": "a digit written down",
    "partial_product": "a partial product",
    "shifted_partial_product": "a partial product",
    "product": "a product",
    "shift": "the shift of a partial product",
    "addition": "an addition",
    "compound": "a sum",
    "sum": "a sum",
    "copy": "a copied number",
    "decomposition": "splitting a number into parts",
    "division": "a division",
    "answer": "the final answer",
    "result": "the stated result",
}


def category(code: str) -> str:
    """The analyzer's category in plain words."""
    return CATEGORIES.get(code, str(code).replace("_", " "))


def step_kind(code: str) -> str:
    """The kind of step where an error started, in plain words."""
    return STEP_KINDS.get(code, str(code).replace("_", " "))


def outcome(code: str) -> str:
    """The grader's outcome in plain words."""
    return OUTCOMES.get(code, str(code).replace("_", " "))
