"""The essay's ```plotly block: what mkdocs-plotly-plugin and plotly.js 1.58 can read, from any page's figure."""
from __future__ import annotations

import json
import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from embeddings import export
from embeddings.figures import scatter
from embeddings.plotly_block import block_json, plotly_block, round_significant
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene
from experiment.results_page import figures as experiment_figures
from experiment.results_page.data import load_results
from experiment.results_page.overview import with_series
from tests.conftest import PROJECT

TWENTY = ("king", "queen", "man", "woman", "prince", "princess", "apple", "banana", "orange", "grape", "paris",
          "london", "berlin", "rome", "human", "animal", "dog", "cat", "car", "train")


def numbers(value) -> list[float]:
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return [value] if isinstance(value, float) else []


def significant_digits(x: float) -> int:
    return len(re.sub(r"^0+", "", f"{abs(x):.15g}".replace(".", "").split("e")[0]).rstrip("0"))


@pytest.fixture(scope="module")
def scene_3d(glove):
    return build_scene(glove, SceneRequest("glove-wiki-gigaword-50", TWENTY, ReductionParams(dims=3), neighbours=0))


def test_a_20_word_3d_figure_becomes_a_small_plain_block(scene_3d, capsys):
    fig = scatter(scene_3d, title="20 words")
    block = plotly_block(fig)
    with capsys.disabled():
        print(f"\nplotly block of a 20-word 3D figure: {len(block.encode()):,} bytes "
              f"(plotly.py's own JSON: {len(fig.to_json().encode()):,} bytes)")
    assert block.startswith("```plotly\n{") and block.endswith("}\n```\n")
    assert "bdata" not in block and '"template"' not in block
    spec = block_json(block)
    assert set(spec) == {"data", "layout", "config"}
    assert spec["config"]["responsive"] is True
    drawn = [t for trace in spec["data"] for t in trace.get("text", [])]
    assert sorted(drawn) == sorted(TWENTY)
    trace = spec["data"][0]
    assert trace["type"] == "scatter3d" and len(trace["x"]) == len(trace["z"]) == 20
    assert trace["hovertemplate"] == fig.data[0].hovertemplate
    assert [c[0] for c in trace["customdata"]] == list(fig.data[0].customdata[:, 0])
    assert all(significant_digits(x) <= 4 for x in numbers(spec["data"]))
    xs = dict(zip(drawn, trace["x"]))
    assert xs["king"] == pytest.approx(float(scene_3d.points.set_index("word").x["king"]), rel=5e-4)
    layout = spec["layout"]
    assert layout["font"]["family"] and layout["margin"] and layout["paper_bgcolor"]
    assert layout["scene"]["xaxis"]["title"]["text"] == scene_3d.axis_titles[0]
    assert len(block.encode()) < 20_000


def test_typed_arrays_from_plotly_json_are_decoded_to_lists():
    fig = go.Figure(go.Scatter(x=np.array([0.123456, 1.0, 2.5e-7]), y=np.array([[3, 4, 5]], dtype="i2")[0],
                               text=["a", "b", "c"]))
    written = json.loads(pio.to_json(fig))  # plotly.py 6+ writes x as {"dtype": "f8", "bdata": ...}
    assert "bdata" in json.dumps(written)
    spec = block_json(plotly_block(written))
    assert spec["data"][0]["x"] == [0.1235, 1, 2.5e-7]
    assert spec["data"][0]["y"] == [3, 4, 5]
    assert spec["data"][0]["text"] == ["a", "b", "c"]


def test_rounding_keeps_four_significant_digits_and_drops_non_numbers():
    assert round_significant(123456.0) == 123500
    assert round_significant(-0.000123456) == -0.0001235
    assert round_significant(float("nan")) is None


def test_an_experiment_figure_exports_with_its_subplots_and_hover():
    table = with_series(load_results(PROJECT / "results" / "gemma3-270m-few-shot.sqlite").table)
    fig = experiment_figures.build("heatmap", table)
    spec = block_json(plotly_block(fig))
    assert "bdata" not in json.dumps(spec)
    heatmap = spec["data"][0]
    assert heatmap["type"] == "heatmap" and "customdata" in heatmap and heatmap["z"]
    assert "xaxis" in spec["layout"] and "gridcolor" in spec["layout"]["xaxis"]
    assert spec["layout"]["title"]["text"] == "Accuracy by digit counts"


def test_standalone_page_and_csv(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", ("king", "queen", "apple"), neighbours=2))
    page = export.figure_html(scatter(scene), "kq")
    assert "Save as SVG" in page and "Save as PNG" in page and '"format": "png"' in page
    assert export.neighbours_csv(scene).splitlines()[0] == "word,rank,neighbour,similarity"
    assert len(export.neighbours_csv(scene).splitlines()) == 1 + 3 * 2
