"""The command line and the experiment page's figures print the same numbers under the same words, for
every run shipped in results/: accuracy per cell with its interval, the share of wrong answers that
followed the algorithm, where the first error fell, and the error categories.

The command line reads a copy of the run analysed again with `reanalyze`; the page reads the shipped file as a
reader's page does (its stored verdicts, tests/experiment/test_shipped_analyses.py)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict

import pytest

from experiment.results_page import figures, plain_words, sources
from experiment.results_page.analyzer_verdicts import fill_missing
from experiment.results_page.data import load_results
from experiment.results_page.overview import pooled, with_series
from tests.conftest import PROJECT

SHIPPED = sources.discover(PROJECT / "results")


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "experiment", *args], capture_output=True, text=True,
                          cwd=PROJECT, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module", params=SHIPPED, ids=[s.name for s in SHIPPED])
def run(request, tmp_path_factory) -> dict:
    source: sources.Source = request.param
    folder = tmp_path_factory.mktemp(source.name)
    copy = folder / f"{source.name}.sqlite"
    if source.kind == "sqlite":
        shutil.copy(source.path, copy)
    else:
        cli("import", str(source.path), str(copy))
    cli("reanalyze", str(copy))
    page_file = source.path if source.kind == "sqlite" else copy
    table = load_results(page_file).table
    table, left = fill_missing(page_file, table, limit=len(table))
    assert left == 0
    table = with_series(table.assign(source=source.name))
    by = ["--by", "kind"] if pooled(table) else []  # the page pools many models by kind, and so can the CLI
    return {"stats": json.loads(cli("stats", str(copy), "--format", "json", *by)),
            "summary": json.loads(cli("analysis-summary", str(copy), "--json", *by)),
            "table": table}


def series_arms(table) -> dict[str, tuple[str, str]]:
    """series -> (model, variant): what each line of the page's figures measured, as the command line
    names it (a model, or a kind of model)."""
    arms = table[["series", "series_model", "variant"]].drop_duplicates()
    assert not arms["series"].duplicated().any()
    return {row.series: (row.series_model, row.variant) for row in arms.itertuples()}


def interval_text(low: float, high: float) -> str:
    return f"{100 * low:.0f}–{100 * high:.0f}%"


def test_accuracy_and_interval_of_every_cell(run):
    stats = {(r["model"], r["variant"], r["m"], r["n"]): r for r in run["stats"]}
    arms = series_arms(run["table"])
    seen = 0
    for trace in figures.build("heatmap", run["table"]).data:
        model, variant = arms[trace.name]
        for i, m in enumerate(trace.y):
            for j, n in enumerate(trace.x):
                cell = stats.get((model, variant, int(m), int(n)))
                if cell is None:
                    assert trace.z[i][j] is None
                    continue
                seen += 1
                hover = trace.customdata[i][j]
                correct, counted = map(int, re.search(r"\((\d+) of (\d+) counted\)", hover).groups())
                assert (correct, counted) == (cell["correct"], cell["counted"])
                if cell["accuracy"] is None:
                    assert "interval (Wilson): –" in hover
                    continue
                assert trace.z[i][j] == pytest.approx(cell["accuracy"])
                assert f"95% interval (Wilson): {interval_text(cell['ci_low'], cell['ci_high'])}" in hover
    assert seen == len(stats)


def cli_totals(run) -> dict[tuple[str, str], dict]:
    """The command line's per-cell analysis numbers added up per (model, variant), and its per-model
    entry where the model was asked one way only (then the interval is the command line's too)."""
    totals: dict = defaultdict(lambda: {"wrong": 0, "followed": 0, "positions": Counter(), "errors": Counter()})
    for cell in run["summary"]["cells"]:
        total = totals[(cell["model"], cell["variant"])]
        total["wrong"] += cell["wrong_answers"]
        total["followed"] += cell["wrong_that_followed_algorithm"]
        total["positions"].update(cell["first_wrong_position"])
        total["errors"].update(cell["error_categories"])
    variants = Counter(model for model, _ in totals)
    for (model, _), total in totals.items():
        entry = run["summary"]["models"][model]
        if variants[model] == 1:
            followed = (entry["wrong_answers"], entry["wrong_that_followed_algorithm"])
            assert followed == (total["wrong"], total["followed"])
            assert entry["first_wrong_position"] == dict(total["positions"])
            total["model"] = entry
    return totals


def test_share_of_wrong_answers_that_followed_the_algorithm(run):
    totals, arms = cli_totals(run), series_arms(run["table"])
    [bars] = figures.build("followed", run["table"]).data
    assert {arms[name] for name in bars.x} == {arm for arm, total in totals.items() if total["wrong"]}
    for i, name in enumerate(bars.x):
        total = totals[arms[name]]
        followed, wrong = bars.customdata[i]
        assert (followed, wrong) == (total["followed"], total["wrong"])
        assert bars.y[i] == pytest.approx(total["followed"] / total["wrong"])
        if "model" in total:
            low, high = total["model"]["followed_interval"]
            assert total["model"]["followed_share_of_wrong"] == pytest.approx(bars.y[i])
            assert bars.error_y.array[i] == pytest.approx(high - bars.y[i])
            assert bars.error_y.arrayminus[i] == pytest.approx(bars.y[i] - low)


def test_where_the_first_error_fell(run):
    totals, arms = cli_totals(run), series_arms(run["table"])
    drawn = {trace.name: trace for trace in figures.build("first_error", run["table"]).data}
    for arm, total in totals.items():
        name = next(series for series, its in arms.items() if its == arm)
        if not sum(total["positions"].values()):
            assert name not in drawn
            continue
        trace = drawn[name]
        assert dict(zip(trace.x, map(int, trace.customdata))) == dict(total["positions"])
        assert sum(trace.y) == pytest.approx(1.0)


def test_error_categories(run):
    totals, arms = cli_totals(run), series_arms(run["table"])
    drawn: dict = defaultdict(dict)
    for trace in figures.build("categories", run["table"]).data:
        for series, count in zip(trace.y, trace.customdata):
            drawn[arms[series.replace("<br>", " ")]][trace.name] = int(count)  # names wrap for phones
    names = {name for counts in drawn.values() for name in counts}
    expected: dict = defaultdict(lambda: defaultdict(int))
    for arm, total in totals.items():
        for code, count in total["errors"].items():  # the CLI's codes, the figure's plain words ("other": rare)
            plain = plain_words.category(code)
            expected[arm][plain if plain in names else "other"] += count
    assert dict(drawn) == {arm: dict(counts) for arm, counts in expected.items()}
