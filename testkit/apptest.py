"""A page run as a reader's first view, through Streamlit's AppTest: what the page tests share."""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest


def run_page(script: Path | str, timeout: float = 180, **query: str) -> AppTest:
    """`script` run once with `query` in its URL."""
    at = AppTest.from_file(str(script), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def chart_specs(at: AppTest) -> list[dict]:
    """Every plotly figure the run drew, as plotly.js receives it."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def url_values(at: AppTest) -> dict[str, str]:
    """The page's URL after the run, one value per key (the last, where AppTest keeps a list)."""
    return {key: value[-1] if isinstance(value, list) else value for key, value in dict(at.query_params).items()}
