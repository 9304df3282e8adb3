"""What .streamlit/config.toml turns off for readers' servers, and why nothing a page does needs it."""
from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def magic_statements(path: Path) -> list[int]:
    """Lines Streamlit's magic would write to the page: a bare expression that is not a call, or a string
    that is not a docstring."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for index, statement in enumerate(body):
            if not isinstance(statement, ast.Expr) or isinstance(statement.value, (ast.Call, ast.Await,
                                                                                    ast.Yield, ast.YieldFrom)):
                continue
            docstring = index == 0 and isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef,
                                                         ast.ClassDef))
            if not (docstring and isinstance(statement.value, ast.Constant)):
                found.append(statement.lineno)
    return found


def test_readers_servers_watch_no_files_and_rewrite_no_page() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["runner"]["magicEnabled"] is False
    assert config["runner"]["postScriptGC"] is False  # a full collection after every view: a tenth of the CPU


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_page_relies_on_magic(path: Path) -> None:
    """Magic is off (config.toml): a bare expression would silently show nothing."""
    assert magic_statements(path) == [], f"{path.name} writes by magic at lines {magic_statements(path)}"


def test_the_check_finds_magic(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('"""Doc."""\nimport streamlit as st\nx = 1\nx\n"shown by magic"\nst.write(x)\n')
    assert magic_statements(page) == [4, 5]
