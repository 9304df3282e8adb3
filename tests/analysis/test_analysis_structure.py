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
