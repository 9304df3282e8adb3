"""The experiment page through Streamlit's AppTest, on a run written by the tests and on the shipped results."""
from __future__ import annotations

import time

import pytest

from experiment.results import ResultsWriter
from experiment.results_page import sources
from experiment.results_page.data import load_results
from experiment.results_page.sources import RESULTS_DIR_ENV
from testkit import synthetic_results as synthetic
from tests.replay.helpers import (
    RUN_NAME,
    assert_no_traceback,
    figure,
    figure_titled,
    html_text,
    messages,
    run_page,
    title_of,
    values,
    write_results,
)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("results")
    write_results(folder)
    return folder


def wrong_partial_problem(folder) -> dict:
    table = load_results(folder / f"{RUN_NAME}.sqlite").table
    rows = table[(table["category"] == "wrong_partial_product") & (table["model_label"] == "tiny-base")]
    return rows.iloc[0].to_dict()


def test_overview_draws_every_figure_with_counts_and_intervals_on_hover(monkeypatch, results):
    at = run_page(monkeypatch, results)
    assert_no_traceback(at)
    titles = [title_of(figure(at, i)) for i in range(len(at.get("plotly_chart")))]
    assert len(titles) == 7
    assert titles[0].startswith("Wrong answers given after writing every partial product")  # the claim first
    heatmap = figure_titled(at, "Accuracy by digit counts")
    assert {t["name"] for t in heatmap["data"]} == {"tiny-base", "reasoner · algorithm", "reasoner · few-shot"}
    hover = heatmap["data"][0]["customdata"][0][0]
    assert "counted" in hover and "95% interval (Wilson)" in hover
    outcomes = figure_titled(at, "Outcome of every record")
    assert {t["name"] for t in outcomes["data"]} >= {"right", "wrong", "cut off at the token limit", "request failed"}
    labels = [b.label for b in at.get("download_button")]  # every figure: the essay's block and its own page
    assert labels.count("Plotly block (.md)") == labels.count("Standalone HTML") == 7


def test_accuracy_line_agrees_with_the_records(monkeypatch, results):
    at = run_page(monkeypatch, results)
    line = next(t for t in figure_titled(at, "Accuracy against")["data"]
                if t["name"] == "tiny-base" and t.get("mode") == "lines+markers")
    table = load_results(results / f"{RUN_NAME}.sqlite").table
    mine = table[(table["model_label"] == "tiny-base") & (table["m"] + table["n"] == 2)]
    counted = mine["outcome"].isin(["correct", "wrong", "unparsed"])
    assert values(line["x"])[0] == 2
    assert values(line["y"])[0] == pytest.approx((mine["outcome"] == "correct").sum() / counted.sum())


def test_replay_jumps_to_the_first_error_and_highlights_it(monkeypatch, results):
    problem = wrong_partial_problem(results)
    at = run_page(monkeypatch, results, tab="replay", model="tiny-base", variant="few-shot",
                  problem=problem["item_key"])
    assert_no_traceback(at)
    assert 'id="first-error"' not in html_text(at)
    at.button(key="x_first_error").click().run()
    assert_no_traceback(at)
    shown = html_text(at)
    assert 'id="first-error"' in shown
    assert "step wrong first-error" in shown
    steps = at.dataframe[0].value
    assert steps.iloc[-1][""] == "✗ first error"
    assert int(at.query_params["pos"]) == at.session_state.x_pos > 0
    assert 'data-testid="answer-digits"' in shown
    a, b = int(problem["a"]), int(problem["b"])
    truth = next(c.value for c in at.code if f"{a} × " in c.value)
    assert str(a * b) in truth.splitlines()[-1]


def test_step_moves_to_the_next_recognised_step_and_play_advances(monkeypatch, results):
    problem = wrong_partial_problem(results)
    at = run_page(monkeypatch, results, tab="replay", model="tiny-base", problem=problem["item_key"], speed="10")
    at.button(key="x_step").click().run()
    first_stop = at.session_state.x_pos
    assert first_stop > 0 and len(at.dataframe[0].value) == 1
    at.button(key="x_restart").click().run()
    at.button(key="x_play").click().run()
    assert at.session_state.x_playing
    time.sleep(0.3)
    at.run()
    assert at.session_state.x_pos > 0
    at.button(key="x_pause").click().run()
    assert not at.session_state.x_playing


def test_a_shared_replay_link_reproduces_the_position(monkeypatch, results):
    problem = wrong_partial_problem(results)
    at = run_page(monkeypatch, results, tab="replay", model="tiny-base", problem=problem["item_key"], pos="5")
    assert_no_traceback(at)
    assert at.query_params["pos"] == "5" and at.query_params["problem"] == problem["item_key"]
    assert "5 of" in at.get("progress")[0].proto.text


def test_replay_filters_narrow_the_problems(monkeypatch, results):
    at = run_page(monkeypatch, results, tab="replay", model="reasoner", variant="algorithm", cell="3x3",
                  outcome="truncated")
    assert_no_traceback(at)
    options = at.selectbox(key="x_problem").options
    assert options and all("truncated" in o for o in options)
    assert at.query_params["cell"] == "3x3"


def test_unknown_url_values_are_notices(monkeypatch, results):
    at = run_page(monkeypatch, results, tab="replay", model="gpt-99", run="nowhere")
    assert_no_traceback(at)
    text = messages(at)
    assert "gpt-99" in text and "nowhere" in text


def test_compare_two_variants_on_the_same_problems(monkeypatch, results):
    at = run_page(monkeypatch, results, tab="compare", model="reasoner", variant="algorithm",
                  model2="reasoner", variant2="few-shot")
    assert_no_traceback(at)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["shared problems"]) == 9 * 8
    assert int(metrics["both right"]) + int(metrics["only the first right"]) + int(
        metrics["only the second right"]) + int(metrics["both wrong"]) == int(metrics["counted on both"])
    names = {t["name"] for t in figure(at, 0)["data"]}
    assert {"reasoner · algorithm", "reasoner · few-shot"} <= names
    assert len(at.get("html")) >= 2


def test_embedded_figure_shows_only_that_figure(monkeypatch, results):
    at = run_page(monkeypatch, results, view="figure", figure="tokens")
    assert_no_traceback(at)
    assert len(at.get("plotly_chart")) == 1
    assert title_of(figure(at)).startswith("Tokens written")
    assert not at.title and not at.sidebar.children


def test_embedded_replay_shows_the_replay_without_the_page(monkeypatch, results):
    problem = wrong_partial_problem(results)
    at = run_page(monkeypatch, results, view="replay", problem=problem["item_key"], pos="1000")
    assert_no_traceback(at)
    assert 'id="first-error"' in html_text(at)
    assert not at.title and not at.get("plotly_chart")


def test_an_empty_results_folder_gives_a_helpful_message(monkeypatch, tmp_path):
    at = run_page(monkeypatch, tmp_path)
    assert_no_traceback(at)
    assert "no results to show yet" in messages(at) and "python -m experiment run" in messages(at)
    assert not at.error


def test_malformed_and_oversized_uploads_are_messages(monkeypatch, tmp_path):
    at = run_page(monkeypatch, tmp_path)
    at.file_uploader(key="x_upload").set_value(("broken.jsonl", b'{"kind": "record"\n', "application/json")).run()
    assert_no_traceback(at)
    assert "broken.jsonl is not a valid experiment export: line 1: not JSON" in at.error[0].value
    at.file_uploader(key="x_upload").set_value(("big.sqlite", b"x" * (21 * 2**20), "application/octet-stream")).run()
    assert_no_traceback(at)
    assert "big.sqlite is 21.0 MB; uploads are limited to 20 MB" in at.error[0].value
    assert not at.get("plotly_chart")


def test_an_uploaded_database_is_shown_beside_the_results(monkeypatch, results, tmp_path):
    upload = write_results(tmp_path / "mine")
    at = run_page(monkeypatch, results)
    at.file_uploader(key="x_upload").set_value(("mine.sqlite", upload.read_bytes(), "application/octet-stream")).run()
    assert_no_traceback(at)
    names = {t["name"] for t in figure_titled(at, "Accuracy by digit counts")["data"]}
    assert any("uploaded file: mine.sqlite" in n for n in names)


def test_a_run_being_written_shows_new_records(monkeypatch, tmp_path):
    path = tmp_path / "live.sqlite"
    run = synthetic.new_run("live")
    writer = ResultsWriter(path)
    try:
        writer.add_run(run)
        first = list(synthetic.grid_records(run.run_id, "tiny-base", "few-shot", [1], 5))
        for record in first:
            writer.add_record(record)
        assert sources.may_be_live(path)
        at = run_page(monkeypatch, tmp_path)
        assert_no_traceback(at)
        assert at.toggle(key="x_follow").value is True
        assert values(figure_titled(at, "Accuracy by digit counts")["data"][0]["y"]) == ["1"]
        for record in synthetic.grid_records(run.run_id, "tiny-base", "few-shot", [2], 5):
            writer.add_record(record)
        at.run()
        assert_no_traceback(at)
        assert values(figure_titled(at, "Accuracy by digit counts")["data"][0]["y"]) == ["1", "2"]
    finally:
        writer.close()


def test_the_shipped_results_folder(monkeypatch):
    """What a reader sees with the results that ship with the app (until the first run lands: the message)."""
    monkeypatch.delenv(RESULTS_DIR_ENV, raising=False)
    shipped = sources.discover(sources.results_dir())
    at = run_page(monkeypatch, sources.results_dir())
    assert_no_traceback(at)
    if not shipped:
        assert "no results to show yet" in messages(at)
        return
    assert len(at.get("plotly_chart")) >= 4
    at.radio(key="x_tab").set_value("replay").run()
    assert_no_traceback(at)
    assert "replay-text" in html_text(at)
    at.button(key="x_step").click().run()
    assert_no_traceback(at)
    at.radio(key="x_tab").set_value("compare").run()
    assert_no_traceback(at)


def test_a_public_server_takes_no_upload_and_keeps_nothing(monkeypatch, results, tmp_path):
    monkeypatch.setenv("APP_PUBLIC", "1")
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # where uploads would be kept
    at = run_page(monkeypatch, results)
    assert_no_traceback(at)
    assert not at.get("file_uploader")
    assert "Adding a results file is off on this public server" in messages(at)
    assert at.get("plotly_chart")  # the shipped results are still shown
    assert not (tmp_path / "experiment-uploads").exists()
