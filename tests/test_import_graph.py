"""scripts/import_graph.py: the import graph of the project's packages, and its cycles (exit 1 on one)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT

SCRIPT = PROJECT / "scripts" / "import_graph.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_cycle_between_modules_fails_and_is_named(tmp_path):
    write(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "from pkg import b\n",
                     "pkg/b.py": "def f():\n    from pkg import a  # inside a function: still a cycle\n"})
    result = run("--root", str(tmp_path), "pkg")
    assert result.returncode == 1
    assert "modules: pkg.a -> pkg.b -> pkg.a" in result.stdout


def test_a_cycle_between_subpackages_fails_though_no_two_modules_close_one(tmp_path):
    write(tmp_path, {"pkg/__init__.py": "", "pkg/one/__init__.py": "", "pkg/two/__init__.py": "",
                     "pkg/one/x.py": "from pkg.two import y\n", "pkg/two/y.py": "",
                     "pkg/two/z.py": "from pkg.one import w\n", "pkg/one/w.py": ""})
    result = run("--root", str(tmp_path), "pkg")
    assert result.returncode == 1
    assert "modules:" not in result.stdout
    assert "subpackages: pkg.one -> pkg.two -> pkg.one" in result.stdout


def test_a_graph_without_cycles_passes_and_is_printed(tmp_path):
    write(tmp_path, {"low/__init__.py": "", "low/leaf.py": "", "high/__init__.py": "",
                     "high/page.py": "from low import leaf\n"})
    result = run("--root", str(tmp_path), "low", "high")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  high -> low\n" in result.stdout and "cycles: none" in result.stdout
