"""durable/atomic.py: whatever stops a writer (SIGKILL, a full disk, an exception), the old file stays whole."""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from durable import atomic
from tests.conftest import PROJECT

OLD = b"the old file, complete\n" * 1000

# A writer that writes a large file through the helper in 1 MB steps, slowly enough to be killed midway.
WRITER = textwrap.dedent("""
    import sys, time
    from durable.atomic import atomic_writer
    target, mode = sys.argv[1], sys.argv[2]
    if mode == "full-disk":
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 << 20, 8 << 20))
    with atomic_writer(target, "wb") as out:
        for i in range(400):
            out.write(bytes([i % 251 + 1]) * (1 << 20))
            out.flush()
            if mode == "slow":
                time.sleep(0.01)
""")


def run_writer(target: Path, mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen([sys.executable, "-c", WRITER, str(target), mode], cwd=PROJECT, env=env,
                            stderr=subprocess.PIPE)


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".*{atomic.TEMP_SUFFIX}"))


def test_a_writer_killed_mid_write_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "vectors.f32"
    target.write_bytes(OLD)
    writer = run_writer(target, "slow")
    deadline = time.monotonic() + 30
    while not (temps := temporaries(tmp_path)) or temps[0].stat().st_size < (20 << 20):
        assert writer.poll() is None, "the writer ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)

    writer.send_signal(signal.SIGKILL)
    writer.wait()

    assert writer.returncode == -signal.SIGKILL
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(OLD).digest()
    # what a kill leaves is a hidden temporary beside it, never the target half-written; the next writer in
    # that folder removes it, since its process is gone
    left = temporaries(tmp_path)
    assert [p.name.startswith(f".{target.name}~") for p in left] == [True]
    assert atomic.remove_stale_temporaries(tmp_path) == left
    assert temporaries(tmp_path) == [] and target.read_bytes() == OLD


def test_a_full_disk_leaves_the_old_file_intact_and_no_temporary(tmp_path):
    target = tmp_path / "export.jsonl"
    target.write_bytes(OLD)
    writer = run_writer(target, "full-disk")
    _, err = writer.communicate(timeout=60)

    assert writer.returncode == 1
    assert b"File too large" in err  # the OSError reached the caller
    assert target.read_bytes() == OLD
    assert temporaries(tmp_path) == []


def test_an_exception_while_writing_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "map.npz"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError):
        with atomic.atomic_writer(target) as out:
            out.write(b"half")
            raise RuntimeError("stopped")
    assert target.read_bytes() == OLD
    assert temporaries(tmp_path) == []


def test_a_finished_write_replaces_the_file_with_the_mode_open_would_give(tmp_path):
    target = tmp_path / "export.jsonl"
    target.write_bytes(OLD)
    atomic.write_text(target, "new\n")
    assert target.read_text() == "new\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert temporaries(tmp_path) == []


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic.write_bytes(tmp_path / "nowhere" / "file", b"x")
    assert not (tmp_path / "nowhere").exists()


def test_only_temporaries_of_dead_writers_on_this_host_are_removed(tmp_path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    dead, alive = int(finished.stdout), os.getpid()
    host = socket.gethostname()
    names = {"dead": f".vectors.f32~{host}~{dead}~abc.tmp", "alive": f".vectors.f32~{host}~{alive}~abc.tmp",
             "elsewhere": f".vectors.f32~another-host~{dead}~abc.tmp", "staging": f".glove~{host}~{dead}~xyz",
             "model": "glove", "plain": "map.npz"}
    for key, name in names.items():
        (tmp_path / name).mkdir() if key in ("staging", "model") else (tmp_path / name).write_bytes(b"x")
    removed = atomic.remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in removed) == sorted([names["dead"], names["staging"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names["alive"], names["elsewhere"], names["model"], names["plain"]])


CONVERT = textwrap.dedent("""
    import numpy as np
    from embeddings.convert import write_model
    rng = np.random.default_rng(0)
    batches = (([f"w{i}-{j}" for j in range(10_000)], rng.normal(size=(10_000, 100)).astype("float32"))
               for i in range(100))
    write_model("glove-wiki-gigaword-50", 100, batches)
""")


def test_a_conversion_killed_mid_way_leaves_the_old_model_whole_and_usable(tmp_path, monkeypatch):
    """The embedded model is there; a second conversion of the same name is killed while it writes: the model
    opens, passes its checksums, and the next conversion cleans up what the killed one left."""
    from embeddings import model_store, models

    monkeypatch.setenv("EMBEDDINGS_CACHE_DIR", str(tmp_path))
    before = np.array(models.load("glove-wiki-gigaword-50")["the"])
    folder = models.model_path("glove-wiki-gigaword-50").parent
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "EMBEDDINGS_CACHE_DIR": str(tmp_path)}
    writer = subprocess.Popen([sys.executable, "-c", CONVERT], cwd=PROJECT, env=env)
    deadline = time.monotonic() + 60
    while not any(p.is_dir() and p.name.startswith(".glove-wiki-gigaword-50~") and any(p.iterdir())
                  for p in folder.parent.iterdir()):
        assert writer.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.3)
    writer.send_signal(signal.SIGKILL)
    writer.wait()

    model_store.verify(folder, require_checksums=True)
    np.testing.assert_array_equal(model_store.open_model(folder)["the"], before)
    assert atomic.remove_stale_temporaries(folder.parent)  # the killed conversion's staging folder
    assert sorted(p.name for p in folder.parent.iterdir()) == ["glove-wiki-gigaword-50"]
