"""`python -m embeddings fetch` against a gensim-data-style mirror on 127.0.0.1, as an operator runs it."""
from __future__ import annotations

import gzip
import shutil
import subprocess
import sys

import numpy as np

from embeddings import models
from embeddings.__main__ import main
from embeddings.catalogue import get_spec
from tests.embeddings_models.conftest import WORDS
from tests.embeddings_models.release_server import make_release

NAME = "glove-twitter-25"  # a real catalogue name: 25 dimensions, word2vec text in a .gz, like the release


def model_dir(tmp_path):
    return tmp_path / "cache" / "models" / NAME


def cache_entries(tmp_path) -> list[str]:
    root = tmp_path / "cache"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_fetch_downloads_parts_checks_them_and_converts(mirror, vectors, tmp_path, capsys):
    make_release(mirror.root, NAME, WORDS, vectors, parts=2)
    assert not models.is_ready(get_spec(NAME))

    assert main(["fetch", NAME, "--no-progress"]) == 0

    assert "ready" in capsys.readouterr().out
    assert models.is_ready(get_spec(NAME))
    kv = models.load(NAME)
    assert len(kv.index_to_key) == len(WORDS)
    np.testing.assert_allclose(kv["human"], vectors[WORDS.index("human")], atol=1e-5)
    assert [p for p, _ in mirror.requests] == ["/list.json", f"/{NAME}/{NAME}.gz_00", f"/{NAME}/{NAME}.gz_01"]
    assert not (tmp_path / "cache" / "downloads" / NAME).exists()  # the download is deleted once converted
    assert not (mirror.root / "CODE_WAS_RUN").exists()  # the release's __init__.py was never run


def test_wrong_checksum_fails_clearly_and_leaves_nothing(mirror, vectors, tmp_path, capsys):
    make_release(mirror.root, NAME, WORDS, vectors, parts=2, wrong_checksum=True)

    assert main(["fetch", NAME, "--no-progress"]) == 1

    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "md5 checksum mismatch" in err and f"{NAME}.gz_01" in err
    assert not models.is_ready(get_spec(NAME))
    assert not model_dir(tmp_path).exists()
    assert not (tmp_path / "cache" / "downloads" / NAME).exists()


def test_connection_dropped_mid_file_is_resumed_with_a_range_request(mirror, vectors, tmp_path):
    make_release(mirror.root, NAME, WORDS, vectors, parts=1)
    mirror.faults.drop_after, mirror.faults.drops_left = 1000, 1

    assert main(["fetch", NAME, "--no-progress"]) == 0

    part_requests = [r for p, r in mirror.requests if p.endswith(".gz")]
    assert part_requests == [None, "bytes=1000-"]
    np.testing.assert_allclose(models.load(NAME)["king"], vectors[WORDS.index("king")], atol=1e-5)


def test_network_that_keeps_failing_is_a_clear_error_then_the_next_run_resumes(mirror, vectors, tmp_path, capsys):
    make_release(mirror.root, NAME, WORDS, vectors, parts=1)
    mirror.faults.drop_after, mirror.faults.drops_left = 700, 3

    assert main(["fetch", NAME, "--no-progress"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "run the same command again to resume" in err
    assert not model_dir(tmp_path).exists()  # the model is never half-written
    assert [p.name for p in (tmp_path / "cache" / "models").glob("*")] == []

    assert main(["fetch", NAME, "--no-progress"]) == 0
    assert mirror.requests[-1] == (f"/{NAME}/{NAME}.gz", "bytes=2100-")  # three cut responses of 700 bytes
    assert models.is_ready(get_spec(NAME))


def test_second_fetch_of_a_ready_model_does_no_work(mirror, vectors, tmp_path, capsys):
    make_release(mirror.root, NAME, WORDS, vectors)
    assert main(["fetch", NAME, "--no-progress"]) == 0
    files = {p: p.stat().st_mtime_ns for p in model_dir(tmp_path).iterdir()}
    requests_before = len(mirror.requests)
    capsys.readouterr()

    assert main(["fetch", NAME, "--no-progress"]) == 0

    assert "nothing to do" in capsys.readouterr().out
    assert len(mirror.requests) == requests_before
    assert {p: p.stat().st_mtime_ns for p in model_dir(tmp_path).iterdir()} == files


def test_files_gensim_already_fetched_are_reused(mirror, vectors, tmp_path):
    make_release(mirror.root, NAME, WORDS, vectors, parts=1)
    gensim_copy = tmp_path / "gensim-data" / NAME
    gensim_copy.mkdir(parents=True)
    shutil.copy(mirror.root / NAME / f"{NAME}.gz", gensim_copy / f"{NAME}.gz")

    assert main(["fetch", NAME, "--no-progress"]) == 0

    assert [p for p, _ in mirror.requests] == ["/list.json"]  # only the list, for the md5
    assert (gensim_copy / f"{NAME}.gz").exists()  # gensim's folder is left as it was
    assert models.is_ready(get_spec(NAME))


def test_offline_reuse_takes_the_checksums_from_gensims_cached_list(mirror, vectors, tmp_path, monkeypatch):
    make_release(mirror.root, NAME, WORDS, vectors, parts=1)
    gensim_dir = tmp_path / "gensim-data"
    (gensim_dir / NAME).mkdir(parents=True)
    shutil.copy(mirror.root / NAME / f"{NAME}.gz", gensim_dir / NAME / f"{NAME}.gz")
    shutil.copy(mirror.root / "list.json", gensim_dir / "information.json")
    monkeypatch.setenv("GENSIM_DATA_BASE_URL", "http://127.0.0.1:9")  # nothing listens there

    assert main(["fetch", NAME, "--no-progress"]) == 0
    assert models.is_ready(get_spec(NAME))


def test_a_damaged_gzip_is_refused_and_removed(mirror, vectors, tmp_path, capsys):
    make_release(mirror.root, NAME, WORDS, vectors, parts=1)
    path = mirror.root / NAME / f"{NAME}.gz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    listing = (mirror.root / "list.json").read_text()
    import hashlib
    import json

    entry = json.loads(listing)
    entry["models"][NAME]["checksum"] = hashlib.md5(bytes(data)).hexdigest()  # a mirror that lists its damage
    (mirror.root / "list.json").write_text(json.dumps(entry))

    assert main(["fetch", NAME, "--no-progress"]) == 1
    assert "cannot convert" in capsys.readouterr().err
    assert cache_entries(tmp_path) in ([], ["downloads", "models"], ["models"], ["downloads"])


def test_unknown_name_and_unreachable_mirror_are_one_line_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("GENSIM_DATA_BASE_URL", "http://127.0.0.1:9")
    for args, expected in ((["fetch", "../etc/passwd"], "Unknown model"),
                           (["fetch", NAME], "cannot read the gensim-data list")):
        out = subprocess.run([sys.executable, "-m", "embeddings", *args, "--no-progress"],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 1
        assert expected in out.stderr and out.stderr.strip().count("\n") == 0 and "Traceback" not in out.stderr
    assert not (tmp_path / "cache" / "models").exists()


def test_list_shows_ready_and_fetchable_models_with_sizes(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("word2vec-google-news-300"))
    assert "can be fetched" in line and "3,000,000" in line and "1.7 GB" in line
    assert "ready (embedded)" in next(x for x in out.splitlines() if x.startswith("glove-wiki-gigaword-50"))
    assert "python -m embeddings fetch NAME" in out


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def test_a_second_fetch_of_the_same_model_at_the_same_time_is_refused(mirror, vectors, tmp_path, capsys):
    import fcntl

    make_release(mirror.root, NAME, WORDS, vectors)
    lock_path = tmp_path / "cache" / "downloads" / f".{NAME}.lock"
    lock_path.parent.mkdir(parents=True)
    with open(lock_path, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["fetch", NAME, "--no-progress"]) == 1
    assert "another `fetch glove-twitter-25` is running" in capsys.readouterr().err
    assert main(["fetch", NAME, "--no-progress"]) == 0
