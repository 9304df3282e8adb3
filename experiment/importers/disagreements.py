"""Why the source tool's verdict and this project's grade disagree, in words a reader can check.

The project's grade reads the final answer (``experiment.grading.grade``); other tools often check
something laxer, such as promptfoo's ``contains`` (the expected number anywhere in the output), and
sometimes against a wrong expected value. Each disagreement gets one reason; the summary counts them.
"""

from __future__ import annotations


def _digits_in(text: str, number: int) -> bool:
    return str(number) in text.replace(",", "").replace(" ", "") if text else False


def disagreement(recorded: str | None, outcome: str, *, product: int, recorded_expected: int | None,
                 output: str, answer: str, reasoning: str, extracted: int | None) -> str | None:
    """None when the verdicts agree (or nothing was recorded); otherwise the reason they differ."""
    if recorded is None:
        return None
    ours = "pass" if outcome == "correct" else "fail"
    if ours == recorded:
        return None
    if recorded_expected is not None and recorded_expected != product:
        return f"recorded expected {recorded_expected} is not a x b ({product})"
    if recorded == "pass":
        if outcome == "truncated":
            return "recorded pass, but the reply was cut at the token limit before a final answer"
        if outcome == "error":
            return "recorded pass, but the export holds no answer to grade"
        if not answer.strip() and str(product) in reasoning:
            return "lenient contains check: the product appears in the reasoning, but there is no final answer"
        if str(product) in output and extracted is not None:
            return "lenient contains check: the product appears in the working but the final answer differs"
        if str(product) in output:
            return "lenient contains check: the product appears in the output but no final answer could be read"
        return f"recorded pass, graded {outcome}"
    # recorded fail, graded correct
    if str(product) not in output and _digits_in(output, product):
        return "the answer is right but written with digit separators, which the recorded check did not accept"
    if str(product) not in output:
        return "the final answer is right but the recorded check did not find the product in the output"
    return "recorded fail, but the final answer is the product"
