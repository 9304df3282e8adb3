"""Saved figures: the file in the repository, the command line, the stable link and the gallery.

`test_every_shipped_figure_is_recreated_unchanged` is the guard the file exists for: an upgrade that moves a
point of an essay's figure fails here."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from embeddings import saved_figures as saved
from tests.conftest import PROJECT

SHIPPED = PROJECT / "figures" / "saved.json"
URL = "http://localhost:8501/?words=paris%2Cberlin%2Crome%2Cfrance&model=glove-wiki-gigaword-50&method=pca&dims=3"


def command(*args: str, file: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "EMBEDDINGS_SAVED_FIGURES": str(file), "PYTHONPATH": str(PROJECT)}
    return subprocess.run([sys.executable, "-m", "embeddings", "figures", *args], capture_output=True, text=True,
                          env=env, cwd=PROJECT, timeout=240)


def drawn_labels(at: AppTest) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [t for trace in spec["data"] if trace["name"] != "vocabulary context" for t in trace.get("text", [])]


ESSAY_FIGURES = {"human-vector", "human-2d", "human-3d", "king-pair", "everyday-words-umap", "human-in-glove",
                 "human-in-gemma"}


def test_every_shipped_figure_is_recreated_unchanged():
    from embeddings.models import load

    figures = saved.load_all(SHIPPED)
    assert {"default-view", "king-man-woman"} | ESSAY_FIGURES <= set(figures)
    for figure in figures.values():
        assert saved.moved(figure, saved.scene_for(load(figure.state.model), figure.state)) == [], figure.name


def test_the_essays_figures_hold_what_the_essay_says():
    figures = saved.load_all(SHIPPED)
    assert figures["human-2d"].points == (("human", "entered", 0.6185, 0.1192),)  # 4 digits in the file
    assert figures["human-2d"].axes == ("dimension 1 of 50", "dimension 2 of 50")
    assert len(figures["human-3d"].axes) == 3 and figures["everyday-words-umap"].axes[0] == "UMAP 1"
    assert len(figures["everyday-words-umap"].points) >= 24
    assert figures["king-pair"].block == "grid" and figures["king-pair"].state.focus == "king"
    assert {figures[n].state.model for n in ("human-in-glove", "human-in-gemma")} == {
        "glove-wiki-gigaword-50", "gemma-3-270m"}
    assert all(figures[n].section for n in ESSAY_FIGURES)


def test_save_list_and_check_with_the_command(tmp_path):
    file = tmp_path / "saved.json"
    done = command("save", "capitals-3d", URL, "--caption", "Capitals  and their country.", file=file)
    assert done.returncode == 0, done.stderr
    assert "/?figure=capitals-3d" in done.stdout
    figure = saved.load_all(file)["capitals-3d"]
    assert figure.caption == "Capitals and their country."
    assert [p[:2] for p in figure.points] == [(w, "entered") for w in ("paris", "berlin", "rome", "france")]
    assert all(len(p) == 5 for p in figure.points)  # word, group, x, y, z
    assert figure.settings["dims"] == "3" and figure.axes[2].startswith("PC3")
    text = file.read_text()
    assert '      ["paris", "entered", ' in text  # one point a line: a moved point is one line of the diff
    listed = command("list", file=file)
    assert "capitals-3d  /?figure=capitals-3d" in listed.stdout and "Capitals and their country." in listed.stdout
    checked = command("check", file=file)
    assert checked.returncode == 0 and "ok  capitals-3d" in checked.stdout


def test_check_fails_when_a_point_moved(tmp_path):
    file = tmp_path / "saved.json"
    figures = saved.load_all(SHIPPED)
    figure = figures["default-view"]
    word, group, x, y = figure.points[2]
    points = (*figure.points[:2], (word, group, round(x + 0.05, 4), y), *figure.points[3:])
    saved.write_all({"default-view": saved.SavedFigure(figure.name, figure.caption, figure.settings, figure.axes,
                                                       points)}, file)
    checked = command("check", file=file)
    assert checked.returncode == 1
    assert "MOVED  default-view" in checked.stdout and f"{word} moved from" in checked.stdout


def test_a_block_figure_is_saved_with_its_word_and_section(tmp_path):
    file = tmp_path / "saved.json"
    done = command("save", "queen-grid", "words=king,queen,man&focus=queen", "--caption", "Queen's pair.",
                   "--block", "grid", "--section", "From many dimensions to two", file=file)
    assert done.returncode == 0, done.stderr
    figure = saved.load_all(file)["queen-grid"]
    assert (figure.block, figure.state.focus, figure.section) == ("grid", "queen", "From many dimensions to two")
    bad = command("save", "x", "words=king", "--caption", "x", "--section", "Chapter 9", file=file)
    assert bad.returncode == 1 and "is not a section of the essay" in bad.stderr
    assert set(saved.load_all(file)) == {"queen-grid"}


@pytest.mark.parametrize("args, message", [
    (("save", "Bad Name", URL, "--caption", "x"), "is not a figure name"),
    (("save", "ok-name", "http://localhost:8501/?dims=7", "--caption", "x"), "'7' is not one of 2, 3"),
    (("save", "ok-name", "http://localhost:8501/", "--caption", "x"), "has no query"),
    (("save", "ok-name", URL, "--caption", "  "), "needs a caption"),
    (("save", "ok-name", "/?words=zzqqxx,qqzzxx", "--caption", "x"), "none of the words"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, args, message):
    file = tmp_path / "saved.json"
    done = command(*args, file=file)
    assert done.returncode == 1
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not file.exists()


def test_saving_an_existing_name_needs_replace(tmp_path):
    file = tmp_path / "saved.json"
    assert command("save", "one", URL, "--caption", "first", file=file).returncode == 0
    again = command("save", "one", URL, "--caption", "second", file=file)
    assert again.returncode == 1 and "--replace" in again.stderr
    assert saved.load_all(file)["one"].caption == "first"
    assert command("save", "one", URL, "--caption", "second", "--replace", file=file).returncode == 0
    assert saved.load_all(file)["one"].caption == "second"


def test_a_saved_figures_link_reproduces_its_labels():
    figure = saved.load_all(SHIPPED)["king-man-woman"]
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["figure"] = figure.name
    at.run()
    assert not at.exception
    assert sorted(drawn_labels(at)) == sorted(figure.labelled)
    assert dict(at.query_params)["analogy"] in ("king - man + woman", ["king - man + woman"])


def test_an_unknown_figure_name_is_a_notice_and_the_default_view():
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["figure"] = "no-such-figure"
    at.run()
    assert not at.exception
    assert any("No saved figure is called 'no-such-figure'" in w.value for w in at.warning)
    assert "human" in drawn_labels(at)


def test_gallery_lists_every_saved_figure_with_caption_figure_and_link():
    figures = saved.load_all(SHIPPED)
    at = AppTest.from_file(str(PROJECT / "app_pages" / "gallery_page.py"), default_timeout=180).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for figure in figures.values():
        assert figure.caption in text and f'href="./?figure={figure.name}"' in text
    blocks = [f for f in figures.values() if f.block]
    assert len(at.get("plotly_chart")) == len(figures) - len(blocks)  # a block figure is its code block
    codes = [c.value for c in at.code]
    assert sum(c.startswith(("```python", '<div class="grid"')) for c in codes) == len(blocks)
    assert any("The word 'human' according to gemma-3-270m" in c for c in codes)
    assert not at.warning  # nothing moved
    headers = [h.value for h in at.header]  # grouped by the essay's sections, in the essay's order
    assert headers == [s for s in saved.ESSAY_SECTIONS if any(f.section == s for f in figures.values())]
    assert headers[:2] == ["Words as numbers", "Numbers as points"]
    one = AppTest.from_file(str(PROJECT / "app_pages" / "gallery_page.py"), default_timeout=180)
    one.query_params["name"] = "king-man-woman"
    one.run()
    assert [s.value for s in one.subheader] == ["king-man-woman"]


def test_author_mode_saves_the_view_from_the_page(tmp_path, monkeypatch):
    file = tmp_path / "saved.json"
    monkeypatch.setenv("EMBEDDINGS_SAVED_FIGURES", str(file))
    monkeypatch.setenv("EXPLORER_AUTHOR", "1")
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.query_params["words"] = "dog,cat,car"
    at.session_state["w_tab"] = "Share & export"
    at.run()
    assert not at.exception
    form_inputs = [t for t in at.text_input if t.label == "Name"]
    assert form_inputs, "the save form is shown in author mode"
    form_inputs[0].set_value("dog-cat-car")
    next(t for t in at.text_area if t.label == "Caption").set_value("Pets and a car.")
    next(b for b in at.button if b.label == "Save figure").click()
    at.run()
    assert not at.exception
    figure = saved.load_all(file)["dog-cat-car"]
    assert figure.caption == "Pets and a car." and figure.labelled == ["dog", "cat", "car"]
    monkeypatch.delenv("EXPLORER_AUTHOR")
    reader = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    reader.session_state["w_tab"] = "Share & export"
    reader.run()
    assert not [t for t in reader.text_input if t.label == "Name"]  # a reader's page has no save form


def test_a_public_server_has_no_save_form_even_with_the_author_setting(monkeypatch):
    monkeypatch.setenv("EXPLORER_AUTHOR", "1")
    monkeypatch.setenv("APP_PUBLIC", "1")
    at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=180)
    at.session_state["w_tab"] = "Share & export"
    at.run()
    assert not at.exception
    assert not [t for t in at.text_input if t.label == "Name"]
