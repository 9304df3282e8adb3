"""Every command that only reads works on a read-only file in a read-only folder, and changes nothing.

As root, permission bits do not stop a write, so the folder is made read-only for real: a read-only bind
mount in a private mount namespace (`unshare -m`). Without root, the permission bits do it."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LEGACY = Path(__file__).resolve().parent / "legacy"
PAGE_READ = ("from pathlib import Path; from experiment.results_page.data import load_results; "
             "print(len(load_results(Path({path!r})).table), 'rows')")


def run_read_only(folder: Path, command: list[str]) -> subprocess.CompletedProcess:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, timeout=120)
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare(1): cannot make a folder read-only")
    where = shlex.quote(str(folder))
    script = (f"mount --bind {where} {where} && mount -o remount,ro,bind {where} && "
              f"touch {where}/probe 2>/dev/null && echo 'the folder is writable' >&2 && exit 99; "
              f"exec {shlex.join(command)}")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=PROJECT,
                          timeout=120)
    if done.returncode != 0 and "mount" in done.stderr and "permission denied" in done.stderr.lower():
        pytest.skip(f"this machine does not allow a private read-only mount: {done.stderr.strip()}")
    return done


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    for name in ("schema1-runner.sqlite", "schema1-analysed.sqlite", "schema1-export.jsonl"):
        shutil.copy(LEGACY / name, folder / name)
    return folder


@pytest.mark.parametrize("args", [
    ["stats", "{folder}/schema1-runner.sqlite"],
    ["stats", "{folder}/schema1-export.jsonl", "--format", "json"],
    ["analysis-summary", "{folder}/schema1-analysed.sqlite"],
    ["export", "{folder}/schema1-analysed.sqlite", "{out}/export.jsonl"],
], ids=lambda args: " ".join(a.split("/")[-1] for a in args))
def test_reading_commands_work_on_a_read_only_folder(read_only_folder, tmp_path, args):
    before = {p.name: p.read_bytes() for p in read_only_folder.iterdir()}
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "experiment", *(a.format(folder=read_only_folder, out=out) for a in args)]
    done = run_read_only(read_only_folder, command)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and done.stdout.strip()
    assert {p.name: p.read_bytes() for p in read_only_folder.iterdir()} == before


def test_the_page_reads_a_read_only_folder(read_only_folder):
    for name in ("schema1-analysed.sqlite", "schema1-export.jsonl"):
        code = PAGE_READ.format(path=str(read_only_folder / name))
        done = run_read_only(read_only_folder, [sys.executable, "-c", code])
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "42 rows"
