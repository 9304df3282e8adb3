"""From words to a figure: groups, labels, hover, axis titles and exports."""
import pytest

from embeddings import export
from embeddings.figures import scatter, similarity_heatmap
from embeddings.neighbours import parse_analogy, similarity_matrix
from embeddings.plotly_block import block_json
from embeddings.reduce import ReductionParams
from embeddings.scene import SceneRequest, build_scene

WORDS = ("king", "queen", "man", "woman", "apple")


def labels(fig, name):
    return [t for trace in fig.data if trace.name == name for t in trace.text]


def test_entered_words_are_exactly_the_labels(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", WORDS))
    fig = scatter(scene)
    assert labels(fig, "entered words") == list(WORDS)
    assert fig.layout.xaxis.title.text.startswith("PC1")


def test_neighbours_and_analogy_are_distinct_groups(glove):
    request = SceneRequest("glove-wiki-gigaword-50", ("apple", "paris"), neighbours=3,
                           analogy=parse_analogy("king - man + woman", lowercase=True))
    scene = build_scene(glove, request)
    groups = dict(zip(scene.points.word, scene.points.group))
    assert groups["queen"] == "analogy"
    assert groups["king"] == groups["man"] == groups["woman"] == "entered"
    assert {"london", "france"} & {w for w, g in groups.items() if g == "neighbour"}
    assert set(scene.neighbour_table.word) == {"apple", "paris"}
    assert len(scene.neighbour_table) == 6
    hover = dict(zip(scene.points.word, scene.points.hover))
    assert hover["apple"].startswith("nearest: ")
    assert "neighbour of" in hover[scene.neighbour_table.neighbour.iloc[0]]


def test_3d_scene_uses_scatter3d_with_method_axes(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", WORDS * 1 + ("paris", "london", "berlin"),
                                            ReductionParams(method="umap", dims=3)))
    fig = scatter(scene)
    assert fig.data[0].type == "scatter3d"
    assert fig.layout.scene.zaxis.title.text == "UMAP 3"


def test_context_points_are_faint_and_unlabelled(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", WORDS, context=500))
    fig = scatter(scene)
    context = [t for t in fig.data if t.name == "vocabulary context"][0]
    assert context.mode == "markers" and context.marker.opacity < 0.5
    assert len(context.x) >= 490
    assert labels(fig, "entered words") == list(WORDS)


def test_labels_are_escaped(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", ("<", "king")))
    assert "&lt;" in labels(scatter(scene), "entered words")


def test_heatmap_and_exports(glove):
    fig = similarity_heatmap(list(WORDS), similarity_matrix(glove, list(WORDS)))
    assert fig.data[0].z.shape == (5, 5)
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", WORDS))
    spec = block_json(export.plotly_block(scatter(scene)))
    assert spec["data"][0]["text"] == list(WORDS)
    csv = export.points_csv(scene)
    assert csv.splitlines()[0].startswith("word,group,PC1")
    snippet = export.iframe_snippet("https://example.org/app", {"words": "king,queen"})
    assert 'src="https://example.org/app/?words=king%2Cqueen&amp;view=figure&amp;embed=true"' in snippet
    assert "<html" in export.figure_html(scatter(scene))[:500].lower()


def test_unknown_analogy_words_are_an_error(glove):
    with pytest.raises(KeyError):
        build_scene(glove, SceneRequest("glove-wiki-gigaword-50", WORDS,
                                        analogy=parse_analogy("zzqxv - man + woman", lowercase=True)))


def test_labels_can_hide_a_key_prefix(glove):
    scene = build_scene(glove, SceneRequest("glove-wiki-gigaword-50", ("king", "queen")))
    fig = scatter(scene, label=lambda key: key.upper())
    assert labels(fig, "entered words") == ["KING", "QUEEN"]
    assert [row[0] for row in fig.data[-1].customdata] == ["king", "queen"]
