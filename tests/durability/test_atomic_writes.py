"""durable/atomic.py: whatever stops a writer (SIGKILL, a full disk, an exception), the old file stays whole."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

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
    # what a kill leaves is a hidden temporary beside it, never the target half-written
    assert [p.name.startswith(f".{target.name}.") for p in temporaries(tmp_path)] == [True]


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
