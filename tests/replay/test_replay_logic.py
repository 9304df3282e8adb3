"""The replay page's logic without Streamlit: frames, the true long multiplication, digit comparison,
aggregations against the runner's own statistics, the URL, and reading files read-only."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from experiment import metrics
from experiment.result_files import ResultsReader
from experiment.results import ResultsError
from experiment.results_page import answer_digits, overview, replay_frames, sources, url_state
from experiment.results_page.analyzer_verdicts import analyse_record, fill_missing
from experiment.results_page.data import load_results
from experiment.results_page.long_multiplication import long_multiplication
from testkit.synthetic_results import REASONING_STYLE, WORKING_STYLE, make_record
from tests.replay.helpers import write_results


def replay_of(behaviour: str, style: str = REASONING_STYLE) -> replay_frames.Replay:
    record = make_record("run", "m", "few-shot", 3, 2, 0, 347, 26, behaviour, style)
    return replay_frames.build_replay(record["reasoning"], record["answer"], analyse_record(record))


def test_first_error_is_the_wrong_partial_product_and_appears_only_once_written():
    replay = replay_of("wrong_partial")
    error = replay.first_error
    assert (error.claimed, error.true, error.verdict) == (2182, 2082, "wrong")
    assert replay.reasoning[error.start:error.end] == "2182"
    before = replay_frames.render_html(replay, error.end - 1)
    after = replay_frames.render_html(replay, error.end)
    assert 'id="first-error"' not in before and 'id="first-error"' in after


def test_steps_are_marked_right_and_wrong_as_they_appear():
    replay = replay_of("wrong_partial")
    rows = replay_frames.steps_table(replay, replay.length)
    assert [r[""][0] for r in rows] == ["✗", "✓", "✗", "✗"]
    assert replay_frames.steps_table(replay, 0) == []
    assert replay.next_stop(0) == replay.first_error_stop()
    assert replay.previous_stop(replay.first_error_stop()) == 0


def test_base_model_working_in_the_answer_is_marked_too():
    replay = replay_of("addition_slip", WORKING_STYLE)
    assert replay.reasoning == ""
    assert replay.answer[replay.first_error.start:replay.first_error.end] == "9032"


def test_text_is_escaped_and_revealed_up_to_the_position():
    replay = replay_frames.build_replay("<b>7 x 8</b> = 56", "", None)
    shown = replay_frames.render_html(replay, 6)
    assert "&lt;b&gt;7 x" in shown and "8</b>" not in shown and "<b>" not in shown.split("</style>")[1]


def test_true_long_multiplication_lists_every_partial_product_and_the_sum():
    layout = long_multiplication(4567, 802)
    assert [row.value for row in layout.rows] == [4567 * 2, 4567 * 800]
    lines = layout.lines()
    assert lines[-1].strip().startswith(str(4567 * 802))
    assert layout.row_matching(4567 * 800) == 1


def test_digits_are_compared_from_the_units():
    pairs = answer_digits.compare_digits(9122, 9022)
    assert [(p.said, p.true, p.matches) for p in pairs] == [("9", "9", True), ("1", "0", False),
                                                           ("2", "2", True), ("2", "2", True)]
    short = answer_digits.compare_digits(22, 9022)
    assert [p.said for p in short] == ["", "", "2", "2"] and answer_digits.summary(short) == "2 of 4 digits right"
    assert answer_digits.compare_digits(None, 12) == []


def test_cell_accuracy_of_the_page_table_agrees_with_the_store_outcome_rows(tmp_path):
    """The page's light table and the runner's own outcome rows are two reads of the same records."""
    path = write_results(tmp_path, analyse=False)
    table = overview.with_series(load_results(path).table)
    ours = metrics.accuracy(table, ["model_label", "variant", "m", "n"])
    with ResultsReader(path) as reader:
        rows = metrics.accuracy(pd.DataFrame(reader.outcome_rows()))
    theirs = {(c["model_label"], c["variant"], c["m"], c["n"]): c for c in rows.to_dict("records")}
    assert len(ours) == len(theirs)
    for row in ours.itertuples():
        cell = theirs[(row.model_label, row.variant, row.m, row.n)]
        assert row.counted == cell["counted"] and row.truncated == cell["truncated"]
        if math.isnan(cell["accuracy"]):
            assert math.isnan(row.accuracy)
        else:
            assert row.accuracy == pytest.approx(cell["accuracy"])


def test_verdicts_are_computed_for_a_file_without_stored_analyses(tmp_path):
    path = write_results(tmp_path, analyse=False)
    table = load_results(path).table
    assert table["category"].isna().all()
    filled, left = fill_missing(path, table)
    assert left == 0
    answered = filled[filled["outcome"] != "error"]
    assert answered["category"].notna().all()
    assert filled.loc[filled["outcome"] == "error", "category"].isna().all()


def test_selection_round_trips_through_the_query_string():
    selection = url_state.Selection(run=("a", "b"), tab="replay", model="m", cell=(3, 4), problem="k", pos=12,
                                        speed=200, view="figure", figure="tokens")
    query = url_state.to_query(selection)
    assert query["cell"] == "3x4" and query["run"] == "a,b"
    assert url_state.from_query(query) == (selection, [])
    assert url_state.to_query(url_state.Selection()) == {}


def test_bad_query_values_are_notices_not_errors():
    selection, notices = url_state.from_query({"tab": "nope", "cell": "3by4", "pos": "x", "speed": "99999"})
    assert selection.tab == "overview" and selection.cell is None and selection.pos == 0
    assert selection.speed == max(url_state.SPEEDS)
    assert len(notices) == 3


def test_share_url_keeps_the_base_path_and_adds_embed():
    url = url_state.share_url("https://blog.example/app/experiment?tab=replay",
                                  url_state.Selection(tab="replay"), embed=True, view="replay")
    assert url == "https://blog.example/app/experiment?tab=replay&view=replay&embed=true"


def test_results_folder_lists_databases_and_exports_without_duplicates(tmp_path):
    (tmp_path / "run.sqlite").write_bytes(b"")
    (tmp_path / "run.jsonl").write_text("")
    (tmp_path / "other.jsonl").write_text("")
    (tmp_path / "run.sqlite-wal").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("")
    assert [(s.name, s.kind) for s in sources.discover(tmp_path)] == [("other", "jsonl"), ("run", "sqlite")]
    assert sources.discover(tmp_path / "missing") == []


def test_a_finished_run_is_read_without_creating_any_file(tmp_path):
    path = write_results(tmp_path, analyse=False)
    before = sorted(p.name for p in tmp_path.iterdir())
    load_results(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_an_sqlite_file_of_another_kind_is_refused(tmp_path):
    import sqlite3
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE things (x)")
    with pytest.raises(ResultsError, match="not an experiment results database"):
        ResultsReader(other)
