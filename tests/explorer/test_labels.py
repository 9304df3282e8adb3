"""Label placement, the 3D camera and the figure's text alternative: pure functions, checked on real layouts."""
import numpy as np
import pytest

from embeddings import alt_text, camera
from embeddings.figures import GROUP_STYLE, scatter
from embeddings.labels import FIGURE_WIDTHS, Frame, centred_box, label_box, place_labels, text_width_px
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene

MODEL = "glove-wiki-gigaword-50"
DEFAULT = ("king", "queen", "man", "woman", "apple", "banana", "orange", "paris", "london", "human")
THIRTY = DEFAULT + ("france", "england", "germany", "berlin", "rome", "italy", "spain", "madrid", "dog", "cat",
                    "horse", "car", "train", "computer", "music", "river", "sea", "mountain", "prince", "princess")
FRAMES = [Frame(w, 560) for w in FIGURE_WIDTHS]


def boxes_in(frame, texts, xs, ys, placements, x_range, y_range, font_px=12, marker_px=10):
    """The box each shown label occupies in `frame`, computed independently of the search."""
    out = {}
    for t, x, y, p in zip(texts, xs, ys, placements):
        px = (x - x_range[0]) / (x_range[1] - x_range[0]) * frame.width
        py = (y_range[1] - y) / (y_range[1] - y_range[0]) * frame.height
        w = text_width_px(t, font_px)
        if p.position:
            out[t] = label_box(p.position, px, py, w, font_px, marker_px)
        elif p.leader:
            out[t] = centred_box(px + p.leader[0], py + p.leader[1], w, font_px)
    return out


def overlapping(boxes: dict) -> list[tuple[str, str]]:
    items = list(boxes.items())
    return [(a, b) for i, (a, ba) in enumerate(items) for b, bb in items[i + 1:]
            if min(ba[2], bb[2]) > max(ba[0], bb[0]) and min(ba[3], bb[3]) > max(ba[1], bb[1])]


def place(texts, xs, ys, required, ranges=((0, 1), (0, 1))):
    return place_labels(texts, xs, ys, required, [10] * len(texts), *ranges, frames=FRAMES)


def test_two_points_on_top_of_each_other_get_labels_that_do_not_overlap():
    placements = place(["paris", "london"], [0.5, 0.5005], [0.5, 0.5004], [True, True])
    assert all(p.shown and not p.overlaps for p in placements)
    for frame in FRAMES:
        assert overlapping(boxes_in(frame, ["paris", "london"], [0.5, 0.5005], [0.5, 0.5004], placements,
                                    (0, 1), (0, 1))) == []


@pytest.mark.parametrize("seed", range(5))
def test_thirty_required_labels_in_a_random_cloud_never_overlap_in_any_frame(seed):
    rng = np.random.default_rng(seed)
    xs, ys = rng.normal(size=30), rng.normal(size=30)
    texts = [f"word{i}" for i in range(30)]
    ranges = ((xs.min() - 0.3, xs.max() + 0.3), (ys.min() - 0.3, ys.max() + 0.3))
    placements = place(texts, xs, ys, [True] * 30, ranges)
    assert all(p.shown for p in placements)
    clear = [t for t, p in zip(texts, placements) if not p.overlaps]
    for frame in FRAMES:
        boxes = boxes_in(frame, texts, xs, ys, placements, *ranges)
        assert overlapping({t: boxes[t] for t in clear}) == []
        for t in clear:  # inside the plot area
            left, top, right, bottom = boxes[t]
            assert left >= 0 and top >= 0 and right <= frame.width and bottom <= frame.height


def test_optional_labels_are_left_to_hover_where_they_would_cover_a_required_one():
    xs, ys = [0.5, 0.5, 0.501, 0.499, 0.5, 0.502], [0.5, 0.501, 0.5, 0.5, 0.499, 0.5005]
    texts = ["king", "prince", "queen", "emperor", "throne", "monarch"]
    placements = place(texts, xs, ys, [True, False, False, False, False, False])
    assert placements[0].shown
    assert not all(p.shown for p in placements[1:])  # six labels cannot all fit around one spot
    for frame in FRAMES:
        assert overlapping(boxes_in(frame, texts, xs, ys, placements, (0, 1), (0, 1))) == []


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


@pytest.mark.parametrize("words", [DEFAULT, THIRTY], ids=["default", "thirty"])
def test_every_entered_word_is_labelled_and_none_overlaps_on_real_layouts(glove, words):
    scene = build_scene(glove, SceneRequest(MODEL, words))
    fig = scatter(scene)
    assert sorted(shown_labels(fig, "entered words")) == sorted(words)
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    trace = fig.data[-1]
    placements = [_placement(trace, i, fig) for i in range(len(trace.text))]
    m = fig.layout.margin
    for figure_width in (320, 375, 768, 1400):  # the plot area of a phone, a tablet, a desktop
        frame = Frame(figure_width - 32 - m.l - m.r, fig.layout.height - m.t - m.b)
        boxes = boxes_in(frame, trace.text, trace.x, trace.y, placements, x_range, y_range)
        assert overlapping(boxes) == []


def _placement(trace, i, fig):
    from embeddings.labels import Placement

    if trace.texttemplate[i]:
        return Placement(position=trace.textposition[i])
    a = next(a for a in fig.layout.annotations if a.text == trace.text[i])
    return Placement(leader=(a.ax, a.ay))


def test_neighbours_that_do_not_fit_show_on_hover_only(glove):
    scene = build_scene(glove, SceneRequest(MODEL, DEFAULT, neighbours=10))
    fig = scatter(scene)
    neighbours = next(t for t in fig.data if t.name == "neighbours")
    shown = [t for t, template in zip(neighbours.text, neighbours.texttemplate) if template]
    assert 0 < len(shown) < len(neighbours.text)
    assert all("%{customdata[0]}" in neighbours.hovertemplate for _ in [0])
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
    half = np.array([text_width_px(w, 12) / 2 for w in scene.points[scene.points.group == "entered"].word])
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
