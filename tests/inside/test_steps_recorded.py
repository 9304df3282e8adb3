"""The shipped recording of /steps: what the page shows with no server, read by the same code a live answer uses."""
import json
import re

import pytest

from inside.steps import recorded
from inside.steps.by_size import by_size
from inside.steps.record import EXAMPLES, figure_problems
from inside.steps.sources import NotAvailable, StepsSources
from inside.steps.working import Context, Problem, WrongStep


@pytest.fixture(scope="module")
def recording():
    return recorded.load()


@pytest.fixture(scope="module")
def sources(recording):
    return StepsSources(recording, None)


def test_the_recording_says_which_model_file_and_server_answered(recording):
    assert re.fullmatch(r"[0-9a-f]{64}", recording.provenance["model_sha256"])
    assert "llama" in recording.provenance["server"] and recording.provenance["recorded_at"]
    assert recording.examples == EXAMPLES and recording.figure == figure_problems()


def test_every_recorded_problem_is_answered_without_a_server(sources, recording):
    for problem in recording.examples + recording.figure:
        found = sources.answer(problem)
        assert found.source == "recorded"
        for context in found.contexts.values():
            assert 0.0 <= context.right.probability <= 1.0
            assert len(context.right.factors) == len(str(problem.product)) + 1


def test_the_working_moves_the_probability_to_the_right_answer_and_a_wrong_step_moves_it_away(sources):
    found = sources.answer(EXAMPLES[0])  # 12 x 34, the units row written 10 too large
    assert found.right(Context.WORKING) > 0.3 > 0.01 > found.right(Context.QUESTION)
    wrong = found.contexts[Context.WRONG]
    assert wrong.led_to.probability > 0.3 > 0.05 > wrong.right.probability
    assert wrong.likeliest[0][0] == "418"


def test_the_figure_against_digits_has_every_size_and_context(sources, recording):
    rows = by_size([sources.answer(p) for p in recording.figure])
    assert [r.digits for r in rows] == [1, 2, 3, 4]
    assert all(len(r.problems) == 3 for r in rows)


def test_a_problem_that_is_not_recorded_needs_a_live_server(sources):
    with pytest.raises(NotAvailable, match="no live model server"):
        sources.answer(Problem(777, 888, WrongStep()))


def test_the_recording_round_trips_and_a_damaged_one_is_one_line(recording, tmp_path):
    out = tmp_path / "steps.json"
    recorded.save(recording, out)
    assert recorded.load(out).asked == recording.asked
    data = json.loads(out.read_text())
    data["asked"][next(iter(data["asked"]))]["" ] = "not a row"
    out.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="damaged"):
        recorded.load(out)
    out.write_text("{")
    with pytest.raises(ValueError, match="cannot read"):
        recorded.load(out)
