"""Label placement, the 3D camera and the figure's text alternative, checked on real layouts. Whether labels
overlap is measured the way a reader would see it: plotly.js draws the placements in Debian's chromium and the
boxes of the SVG text it drew are compared, never boxes computed by the code under test."""
import json

import numpy as np
import plotly
import pytest
from PIL import ImageFont

from embeddings import alt_text, camera
from embeddings.figures import GROUP_STYLE, scatter
from embeddings.labels import FIGURE_WIDTHS, Frame, place_labels, text_width_px
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene
from testkit.label_boxes import LABEL_BOXES_JS, outside, overlapping_pairs

MODEL = "glove-wiki-gigaword-50"
DEFAULT = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
THIRTY = DEFAULT + ("france", "england", "germany", "berlin", "rome", "italy", "spain", "madrid", "dog", "cat",
                    "horse", "car", "train", "computer", "music", "river", "sea", "mountain", "prince", "princess")
FRAMES = [Frame(w, 560) for w in FIGURE_WIDTHS]
FONT_PX, MARKER_PX = 12, 10
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian's fonts-dejavu-core, which chromium needs

# Draws a figure in the page's one plot div and returns its labels' boxes (testkit.label_boxes), the plot
# area's box and each point's marker box, all in viewport pixels.
DRAW_JS = """
async (spec) => {
  const gd = document.getElementById('plot');
  await Plotly.react(gd, spec.data, spec.layout, {staticPlot: true});
  const measured = (%s)();
  const size = gd._fullLayout._size, f = measured.frame;
  measured.plot = {left: f.left + size.l, top: f.top + size.t, right: f.left + size.l + size.w,
                   bottom: f.top + size.t + size.h};
  measured.points = [...gd.querySelectorAll('.scatterlayer .points path')].map(p => {
    const b = p.getBoundingClientRect();
    return {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
  });
  return measured;
}
""" % LABEL_BOXES_JS


@pytest.fixture(scope="module")
def canvas(browser):
    """One chromium page holding plotly.js (the bundle the plotly package ships), reused for every drawing."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_content('<!doctype html><html><head><meta charset="utf-8"></head>'
                     '<body style="margin:0"><div id="plot"></div></body></html>')
    page.add_script_tag(content=plotly.offline.get_plotlyjs())
    try:
        yield page
    finally:
        context.close()


def draw(canvas, figure: dict) -> dict:
    """What the reader's browser draws of `figure` (a plotly JSON dict)."""
    return canvas.evaluate(DRAW_JS, figure)


def drawn_placements(canvas, frame, texts, xs, ys, placements, x_range, y_range) -> dict:
    """The placements drawn as the app draws them (text beside the point, or apart with a leader line), in a
    plot area of exactly `frame`'s size."""
    annotations = [dict(x=x, y=y, ax=p.leader[0], ay=p.leader[1], text=t, showarrow=True, arrowhead=0,
                        arrowwidth=1, standoff=MARKER_PX / 2, font=dict(size=FONT_PX), borderpad=0)
                   for t, x, y, p in zip(texts, xs, ys, placements) if p.leader]
    axis = dict(visible=False, fixedrange=True)
    figure = dict(
        data=[dict(type="scatter", x=list(map(float, xs)), y=list(map(float, ys)), text=list(texts),
                   mode="markers+text", cliponaxis=False, marker=dict(size=MARKER_PX),
                   textfont=dict(size=FONT_PX),
                   textposition=[p.position or "top center" for p in placements],
                   texttemplate=["%{text}" if p.position else "" for p in placements])],
        layout=dict(width=frame.width, height=frame.height, margin=dict(l=0, r=0, t=0, b=0, pad=0),
                    xaxis=dict(axis, range=list(x_range)), yaxis=dict(axis, range=list(y_range)),
                    showlegend=False, annotations=annotations))
    return draw(canvas, figure)


def covered_points(labels: list[dict], points: list[dict], tolerance: float = 0.5) -> list[str]:
    """Labels drawn over a point's marker."""
    return [b["text"] for b in labels for p in points
            if min(b["right"], p["right"]) - max(b["left"], p["left"]) > tolerance
            and min(b["bottom"], p["bottom"]) - max(b["top"], p["top"]) > tolerance]


def shown(placements, texts, clear_only=False) -> list[str]:
    return [t for t, p in zip(texts, placements) if p.shown and not (clear_only and p.overlaps)]


def place(texts, xs, ys, required, ranges=((0, 1), (0, 1))):
    return place_labels(texts, xs, ys, required, [MARKER_PX] * len(texts), *ranges, frames=FRAMES)


@pytest.mark.browser
def test_two_points_on_top_of_each_other_get_labels_that_do_not_overlap(canvas):
    xs, ys, texts = [0.5, 0.5005], [0.5, 0.5004], ["paris", "london"]
    placements = place(texts, xs, ys, [True, True])
    assert all(p.shown and not p.overlaps for p in placements)
    for frame in FRAMES:
        result = drawn_placements(canvas, frame, texts, xs, ys, placements, (0, 1), (0, 1))
        assert sorted(b["text"] for b in result["labels"]) == sorted(texts)
        assert overlapping_pairs(result["labels"]) == []
        assert outside(result["labels"], result["plot"]) == []


@pytest.mark.browser
@pytest.mark.parametrize("seed", range(5))
def test_thirty_required_labels_in_a_random_cloud_never_overlap_in_any_frame(canvas, seed):
    rng = np.random.default_rng(seed)
    xs, ys = rng.normal(size=30), rng.normal(size=30)
    texts = [f"word{i}" for i in range(30)]
    ranges = ((xs.min() - 0.3, xs.max() + 0.3), (ys.min() - 0.3, ys.max() + 0.3))
    placements = place(texts, xs, ys, [True] * 30, ranges)
    assert all(p.shown for p in placements)
    clear = set(shown(placements, texts, clear_only=True))
    assert len(clear) >= 25  # a cloud of thirty leaves room for nearly every label
    for frame in FRAMES:
        result = drawn_placements(canvas, frame, texts, xs, ys, placements, *ranges)
        assert sorted(b["text"] for b in result["labels"]) == sorted(texts)
        labels = [b for b in result["labels"] if b["text"] in clear]
        assert overlapping_pairs(labels) == [], f"{frame.width} px"
        assert outside(labels, result["plot"]) == [], f"{frame.width} px"  # inside the plot area


@pytest.mark.browser
def test_optional_labels_are_left_to_hover_where_they_would_cover_a_required_one(canvas):
    xs, ys = [0.5, 0.5, 0.501, 0.499, 0.5, 0.502], [0.5, 0.501, 0.5, 0.5, 0.499, 0.5005]
    texts = ["king", "prince", "queen", "emperor", "throne", "monarch"]
    placements = place(texts, xs, ys, [True, False, False, False, False, False])
    assert placements[0].shown
    assert not all(p.shown for p in placements[1:])  # six labels cannot all fit around one spot
    for frame in FRAMES:
        result = drawn_placements(canvas, frame, texts, xs, ys, placements, (0, 1), (0, 1))
        assert sorted(b["text"] for b in result["labels"]) == sorted(shown(placements, texts))
        assert overlapping_pairs(result["labels"]) == [], f"{frame.width} px"


def test_a_label_at_the_right_edge_is_drawn_inwards():
    placements = place(["constantinople", "x"], [0.999, 0.0], [0.5, 0.5], [True, True])
    assert placements[0].position in ("middle left", "top left", "bottom left") or placements[0].leader


def test_width_estimates_cover_wide_letters_and_ideographs():
    assert text_width_px("mmmm", 12) > text_width_px("iiii", 12)
    assert text_width_px("東京", 12) >= 24 > text_width_px("ab", 12)


def test_placement_is_deterministic(glove):
    scene = build_scene(glove, SceneRequest(MODEL, THIRTY, neighbours=3))
    assert scatter(scene).to_json() == scatter(scene).to_json()


def shown_labels(fig, name):
    traces = [t for t in fig.data if t.name == name]
    drawn = [text for t in traces for text, template in zip(t.text, t.texttemplate) if template]
    return drawn + [a.text for a in fig.layout.annotations]


@pytest.mark.browser
@pytest.mark.parametrize("words", [DEFAULT, THIRTY], ids=["default", "thirty"])
def test_every_entered_word_is_labelled_and_none_overlaps_on_real_layouts(glove, canvas, words):
    fig = scatter(build_scene(glove, SceneRequest(MODEL, words)))
    assert sorted(shown_labels(fig, "entered words")) == sorted(words)
    spec = json.loads(fig.to_json())
    for figure_width in (320, 375, 768, 1400):  # the figure on a phone, a tablet, a desktop (less the padding)
        spec["layout"]["width"] = figure_width - 32
        result = draw(canvas, spec)
        labels = result["labels"]
        assert sorted(b["text"] for b in labels) == sorted(words), f"{figure_width} px"
        assert overlapping_pairs(labels) == [], f"{figure_width} px"
        assert outside(labels, result["frame"]) == [], f"{figure_width} px"
        assert covered_points(labels, result["points"]) == [], f"{figure_width} px"


def test_neighbours_that_do_not_fit_show_on_hover_only(glove):
    scene = build_scene(glove, SceneRequest(MODEL, DEFAULT, neighbours=10))
    fig = scatter(scene)
    neighbours = next(t for t in fig.data if t.name == "neighbours")
    shown = [t for t, template in zip(neighbours.text, neighbours.texttemplate) if template]
    assert 0 < len(shown) < len(neighbours.text)
    assert "%{customdata[0]}" in neighbours.hovertemplate
    assert sorted(shown_labels(fig, "entered words")) == sorted(DEFAULT)


def test_colours_are_okabe_ito_and_the_legend_only_shows_with_several_groups(glove):
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}
    assert {s["color"] for s in GROUP_STYLE.values()} <= okabe_ito
    alone = scatter(build_scene(glove, SceneRequest(MODEL, DEFAULT)))
    assert alone.layout.showlegend is False
    with_neighbours = scatter(build_scene(glove, SceneRequest(MODEL, DEFAULT, neighbours=2)))
    assert with_neighbours.layout.showlegend is True
    assert with_neighbours.layout.legend.orientation == "h" and with_neighbours.layout.legend.y == 0


def test_3d_labels_entered_words_only_and_its_camera_keeps_them_in_a_narrow_frame(glove):
    scene = build_scene(glove, SceneRequest(MODEL, THIRTY, ReductionParams(dims=3), neighbours=3))
    fig = scatter(scene)
    modes = {t.name: t.mode for t in fig.data}
    assert modes["entered words"] == "markers+text" and modes["neighbours"] == "markers"
    layout = fig.layout.scene
    ranges = [layout.xaxis.range, layout.yaxis.range, layout.zaxis.range]
    aspect = [layout.aspectratio.x, layout.aspectratio.y, layout.aspectratio.z]
    eye = np.array([layout.camera.eye.x, layout.camera.eye.y, layout.camera.eye.z])
    entered = scene.points[scene.points.group == "entered"][["x", "y", "z"]].to_numpy()
    for lo_hi, column in zip(ranges, entered.T):  # the ranges hold every point
        assert lo_hi[0] < column.min() and column.max() < lo_hi[1]
    phone = Frame(343 - fig.layout.margin.l - fig.layout.margin.r,
                  fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
    pixels = camera.project(camera.to_world(entered, ranges, aspect), eye, phone)
    font = ImageFont.truetype(DEJAVU, FONT_PX)  # the font chromium draws plotly's labels in on this machine
    half = np.array([font.getlength(w) / 2 for w in scene.points[scene.points.group == "entered"].word])
    assert (pixels[:, 0] - half > 0).all() and (pixels[:, 0] + half < phone.width).all()  # labels too
    assert (pixels[:, 1] - 16 > 0).all() and (pixels[:, 1] < phone.height).all()


def test_a_narrower_frame_puts_the_camera_further_away():
    points = np.array([[0, 0, 0], [1, 1, 1], [1, 0, 0.5], [0, 1, 0.2]], float)
    ranges, aspect = [(-0.1, 1.1)] * 3, (1, 1, 1)
    wide = camera.fitting_eye(points, ranges, aspect, Frame(1000, 560), [40] * 4, 12)
    narrow = camera.fitting_eye(points, ranges, aspect, Frame(290, 560), [40] * 4, 12)
    assert np.linalg.norm(narrow) > np.linalg.norm(wide) >= 2.5 * np.linalg.norm([0.5, 0.5, 0.5]) - 1e-3


def test_the_text_alternative_lists_every_point_with_its_coordinates(glove):
    scene = build_scene(glove, SceneRequest(MODEL, ("king", "queen", "apple"), neighbours=2))
    table = alt_text.points_table(scene)
    assert list(table.columns[:2]) == ["word", "shown as"] and scene.axis_titles[0] in table.columns
    assert len(table) == len(scene.points)
    assert table.iloc[0]["shown as"] == "entered word" and table.iloc[0]["word"] == "king"
    assert table.iloc[0]["nearest words"].startswith("nearest: ")
    summary = alt_text.summary(scene)
    assert "king, queen, apple" in summary and "closest together are king and queen" in summary
