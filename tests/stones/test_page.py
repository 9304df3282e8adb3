"""The /stones page through Streamlit's AppTest, on the shipped recorded examples (no model server)."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from stones.recorded import load
from stones.walk import texts
from testkit import apptest
from tests.conftest import PROJECT

RECORDING = load()
PAGE = str(PROJECT / "app_pages" / "stones_page.py")


@pytest.fixture(autouse=True)
def no_live_server(monkeypatch):
    for key in ("STONES_SERVER_URL", "STONES_SERVER_API", "STONES_SERVER_MODEL"):
        monkeypatch.delenv(key, raising=False)


def run_page(**query) -> AppTest:
    return apptest.run_page(PAGE, 180, **query)


flat = apptest.url_values


def traces(at: AppTest) -> dict[str, dict]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {t["name"]: t for t in spec["data"]}


def messages(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.info, *at.error, *at.caption])


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def assert_no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def toss_twice(**query) -> AppTest:
    at = run_page(**query)
    for _ in range(2):
        next(b for b in at.button if b.label == "Toss a stone").click().run()
    assert_no_traceback(at)
    return at


@pytest.mark.parametrize("example", RECORDING.examples)
def test_every_recorded_example_draws_its_landscape_with_the_off_map_share_stated(example, glove):
    at = run_page(prompt=example)
    assert_no_traceback(at)
    drawn = traces(at)
    assert {"landscape", "the map's words", "next-word candidates"} <= set(drawn)
    labels = [t for t in drawn["next-word candidates"]["text"] if t]
    assert labels, "no candidate word on the map"
    on, off = float(metric(at, "On the map").rstrip("%")), float(metric(at, "Off the map").rstrip("%"))
    assert on + off == pytest.approx(100, abs=0.11)
    # The map is the model's 5,000 most frequent words (the page's default): the likeliest next word is drawn
    # when it is one of them, and otherwise counted off the map.
    top = RECORDING.get(example).candidates[0].token.strip().lower()
    if top in set(glove.index_to_key[:5000]):
        assert top in labels
    else:
        assert top not in labels and off > 0


def test_two_tosses_land_on_recorded_candidates_the_seed_repeats_them_and_the_url_reproduces_them():
    at = toss_twice(prompt="The king", seed="3")
    tossed = tuple(json.loads(flat(at)["tosses"]))
    assert len(tossed) == 2
    for text, token in zip(texts("The king", tossed), tossed):  # each stone is a token the model offered there
        assert token in {c.token for c in RECORDING.get(text).candidates}
    assert tuple(json.loads(flat(toss_twice(prompt="The king", seed="3"))["tosses"])) == tossed  # same seed
    others = {tuple(json.loads(flat(toss_twice(prompt="The king", seed=str(seed)))["tosses"])) for seed in (1, 2, 4)}
    assert others - {tossed}, "three other seeds all tossed the same stones"
    again = run_page(**flat(at))
    assert_no_traceback(again)
    assert traces(again)["next-word candidates"]["text"] == traces(at)["next-word candidates"]["text"]
    assert traces(again).get("stones tossed", {}).get("text") == traces(at).get("stones tossed", {}).get("text")


def test_most_likely_take_back_and_start_over():
    at = run_page(prompt="The queen")
    next(b for b in at.button if b.label == "Take the most likely").click().run()
    assert json.loads(flat(at)["tosses"]) == [RECORDING.get("The queen").candidates[0].token]
    next(b for b in at.button if b.label == "Take back").click().run()
    assert "tosses" not in flat(at)
    next(b for b in at.button if b.label == "Take the most likely").click().run()
    next(b for b in at.button if b.label == "Start over").click().run()
    assert "tosses" not in flat(at)


def test_temperature_narrows_and_spreads_the_landscape():
    def top_share(temperature: str) -> float:
        at = run_page(prompt="The king", temperature=temperature)
        assert_no_traceback(at)
        table = at.dataframe[0].value
        return float(table[next(c for c in table.columns if c.startswith("% at this temperature"))].iloc[0])

    assert top_share("0.3") > top_share("1") > top_share("2")


def test_a_prompt_that_is_not_recorded_says_so_without_a_server():
    at = run_page(prompt="The bishop of the realm")
    assert_no_traceback(at)
    assert "not among the recorded examples" in messages(at) and "no live model server" in messages(at)
    assert not at.get("plotly_chart")


def test_bad_url_values_are_named_and_the_page_still_draws():
    at = run_page(prompt="The king", temperature="99", tosses="[oops")
    assert_no_traceback(at)
    assert "`temperature`" in messages(at) and "`tosses`" in messages(at)
    assert flat(at)["temperature"] == "1"
    assert at.get("plotly_chart")


def test_the_provenance_of_the_recording_is_shown():
    at = run_page(prompt="The king")
    shown = json.dumps([j.value for j in at.json])
    assert RECORDING.provenance["model_sha256"] in shown


def test_the_figure_view_has_only_the_figure():
    at = run_page(prompt="The king", view="figure")
    assert_no_traceback(at)
    assert at.get("plotly_chart") and not at.text_input and not at.button and not at.title


def test_the_share_tab_links_this_view_and_embeds_the_figure():
    at = run_page(prompt="The queen", tosses='[" of"]', seed="5")
    assert_no_traceback(at)
    codes = [c.value for c in at.code]
    link = next(c for c in codes if c.startswith("http"))
    assert "prompt=The+queen" in link and "seed=5" in link and "tosses=" in link
    iframe = next(c for c in codes if c.startswith("<iframe"))
    assert "view=figure" in iframe and "embed=true" in iframe
    assert {b.proto.label for b in at.get("download_button")} >= {"Plotly block (.md)", "Standalone HTML"}


def test_a_live_server_that_is_down_is_named_and_the_recorded_examples_still_work(monkeypatch):
    from testkit.servers import free_port

    monkeypatch.setenv("STONES_SERVER_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("STONES_SERVER_TIMEOUT", "2")
    at = run_page(prompt="The bishop of the realm")
    assert_no_traceback(at)
    assert "live model is unavailable: the model server cannot be reached" in messages(at)
    assert not at.get("plotly_chart")
    at = run_page(prompt="The queen")
    assert_no_traceback(at)
    assert at.get("plotly_chart") and "Recorded" in " ".join(m.value for m in at.markdown)


def test_a_toss_with_nowhere_to_land_is_disabled_and_says_why():
    prompt = "To multiply two large numbers, you"
    at = run_page(prompt=prompt, tosses=json.dumps([" multiply", " the", " numbers"]))
    assert_no_traceback(at)
    toss = next(b for b in at.button if b.label == "Toss a stone")
    assert toss.disabled and "Nowhere to land" in messages(at)
    at = run_page(prompt=prompt)
    assert not next(b for b in at.button if b.label == "Toss a stone").disabled


def test_the_shares_at_a_temperature_are_labelled_as_rescaled_over_the_top_tokens():
    at = run_page(prompt="The king")
    columns = list(at.dataframe[0].value.columns)
    rescaled = next(c for c in columns if c.startswith("% at this temperature"))
    assert "of the top" in rescaled and "rescaled over the top" in messages(at)
