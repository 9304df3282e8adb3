"""Recordings: written atomically, read back exactly, damaged files refused with one line."""
import json

import pytest

from stones.distribution import Candidate
from stones.recorded import DEFAULT_PATH, Recording, dumps, load, save


def small() -> Recording:
    return Recording(
        ["The king"],
        {"The king": (Candidate(" was", 0.5), Candidate(",", 0.25)), "The king was": (Candidate(" a", 0.4),)},
        {"model_sha256": "ab" * 32}, branches=1, depth=1,
    )


def test_a_recording_round_trips(tmp_path):
    save(small(), tmp_path / "r.json")
    again = load(tmp_path / "r.json")
    assert again.distributions == small().distributions
    assert again.examples == ["The king"] and again.provenance == {"model_sha256": "ab" * 32}
    assert again.get("The king").source == "recorded"
    assert again.get("The queen") is None
    assert again.continued("The king") == {" was"}


def test_the_file_has_one_candidate_per_line():
    lines = dumps(small()).splitlines()
    assert '   [" was", 0.5],' in lines and '   [",", 0.25]' in lines
    json.loads(dumps(small()))


@pytest.mark.parametrize("content", ["{", '{"format": "other"}', '{"format": "stones-recording/1"}'])
def test_a_damaged_file_is_refused_in_one_line(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ValueError) as error:
        load(path)
    assert "\n" not in str(error.value)


def test_a_failed_save_leaves_the_old_file(tmp_path):
    path = tmp_path / "r.json"
    save(small(), path)
    before = path.read_text()
    broken = small()
    broken.distributions["x"] = (Candidate(" y", float("nan")),)  # NaN is not JSON: refused before writing
    with pytest.raises(ValueError):
        save(broken, path)
    assert path.read_text() == before and [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_the_shipped_recording_is_the_real_model_with_its_provenance():
    recording = load(DEFAULT_PATH)
    provenance = recording.provenance
    assert len(provenance["model_sha256"]) == 64 and provenance["server"] and provenance["recorded_at"]
    assert any("king" in e for e in recording.examples) and any("queen" in e for e in recording.examples)
    assert any("multipl" in e for e in recording.examples)
    for example in recording.examples:
        root = recording.get(example)
        assert root is not None and 0.3 < root.coverage <= 1.0 + 1e-6
        assert len(recording.continued(example)) == recording.branches  # a reader can toss from every example
