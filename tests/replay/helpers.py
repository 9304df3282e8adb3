"""A results folder written the way the runner writes one, and the page run through AppTest."""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from experiment.analysis.storage import analyse_database
from experiment.results_page.sources import RESULTS_DIR_ENV
from testkit import synthetic_results as synthetic
from tests.conftest import PROJECT

PAGE = PROJECT / "app_pages" / "experiment_page.py"
RUN_NAME = "test-run"


def write_results(folder: Path, *, analyse: bool = True) -> Path:
    """Two models on a 1..3 x 1..3 grid: a base model's working in `answer`, a reasoning model's in
    `reasoning`; analysed with the analyzer's own command when `analyse`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{RUN_NAME}.sqlite"
    run = synthetic.new_run(RUN_NAME, {"tiny-base": {"quantisation": "Q4_K_M"}})
    records = [*synthetic.grid_records(run.run_id, "tiny-base", "few-shot", range(1, 4), 8),
               *synthetic.grid_records(run.run_id, "reasoner", "few-shot", range(1, 4), 8,
                                       style=synthetic.REASONING_STYLE),
               *synthetic.grid_records(run.run_id, "reasoner", "algorithm", range(1, 4), 8, seed=0,
                                       style=synthetic.REASONING_STYLE)]
    synthetic.write_records(path, records, run)
    if analyse:
        analyse_database(path)
    return path


def run_page(monkeypatch, folder: Path, timeout: float = 60, **query) -> AppTest:
    monkeypatch.setenv(RESULTS_DIR_ENV, str(folder))
    at = AppTest.from_file(str(PAGE), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def figure_titled(at: AppTest, start: str) -> dict:
    """The page's figure whose title starts with `start` (the page's order of figures may change)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(spec for spec in specs if title_of(spec).startswith(start))


def title_of(spec: dict) -> str:
    """A figure's title as one line (titles are wrapped for phones)."""
    return spec["layout"]["title"]["text"].replace("<br>", " ")


def messages(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.info, *at.error, *at.caption])


def html_text(at: AppTest) -> str:
    return " ".join(e.proto.body for e in at.get("html"))


def assert_no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def values(array) -> list:
    """A plotly array from a figure's JSON, whether plain or typed (base64 with a dtype)."""
    import base64

    import numpy as np

    if isinstance(array, dict) and "bdata" in array:
        data = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        return data.reshape(array["shape"]).tolist() if "shape" in array else data.tolist()
    return list(array)
