"""The explorer's Analogy tab through Streamlit's AppTest: the analogy with its baselines, beside the model's
scores, read from the disk cache (never computed per request)."""
from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from testkit.analogy_cache import sample_questions, seed_scores
from tests.conftest import PROJECT

MODEL = "glove-wiki-gigaword-50"


def test_the_analogy_tab_shows_the_baselines_and_the_models_scores(glove, tmp_path):
    scores = seed_scores(glove, MODEL, sample_questions(tmp_path / "questions.txt", 40))
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["words"] = "apple"
    at.query_params["analogy"] = "king - man + woman"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [re.sub(r"\\(.)", r"\1", i.value) for i in at.info] == [
        "queen is not among the 10 nearest words to woman: the offset brought it there; with the query words left "
        "in, king (0.89) comes first and queen (0.85) 2nd."]
    tables = [m.value for m in at.markdown if m.value.startswith("| ")]
    assert tables[1].splitlines()[2] == "| 1. king *(query word)* | 0.885 |"
    assert tables[2].splitlines()[0] == "| nearest to woman alone | similarity |"
    assert "| 1. girl | 0.907 |" in tables[2]
    total = scores.total
    caption = " ".join(c.value for c in at.caption)
    assert f"{total.questions:,} questions" in caption
    for rate in (total.left_out_accuracy, total.left_in_accuracy, total.baseline_accuracy):
        assert f"**{rate:.0%}**" in caption
