"""The analyzer's compiled build (experiment/analysis/compiled.py, scripts/build_analyzer.py): what an install
imports is compiled, it says what its sources say, and a changed source or a broken build is never loaded.

The suite runs after scripts/setup.sh, which builds it: a machine where it cannot be built fails the first
test here, as it should (the analyzer is then a quarter slower than its measured speed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from experiment.analysis import analyze_trace, compiled
from experiment.analysis.score import load_corpus
from tests.analysis.generator import Split, generate
from tests.analysis.generator.coverage import cells
from tests.analysis.generator.long import long_latex_trace

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "analysis" / "corpus"
TRACE_MODULE = "experiment.analysis.trace"


def sample() -> list[tuple[int, int, str, str]]:
    """Traces of every kind the analyzer reads: the corpus, one generated trace per cell, long LaTeX."""
    traces = [(r["a"], r["b"], r["reasoning"], r["answer"]) for r in load_corpus(CORPUS)]
    for notation, kind in cells():
        t = generate(notation, kind, 0, Split.DEV)
        traces.append((t.a, t.b, t.reasoning, t.answer))
    traces.append(long_latex_trace(30_000, seed=1))
    return traces


def verdicts(traces: list[tuple[int, int, str, str]]) -> list[str]:
    return [json.dumps(analyze_trace(*t).to_json(), sort_keys=True) for t in traces]


def test_the_installed_analyzer_is_compiled() -> None:
    status, _ = compiled.build_status()
    assert status.complete, f"the analyzer is not compiled: {status.describe()}"
    assert compiled.imported_compiled() == compiled.MODULES
    assert sys.modules[TRACE_MODULE].__file__.endswith(compiled.extension_suffix())


def test_the_compiled_analyzer_says_what_its_sources_say(tmp_path: Path) -> None:
    """Every verdict, step and offset, compiled and from source, on the corpus, every cell and long LaTeX."""
    script = (f"import json, sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from tests.analysis.test_analysis_compiled import sample, verdicts\n"
              "from experiment.analysis import compiled\n"
              "assert compiled.imported_compiled() == (), compiled.imported_compiled()\n"
              f"open({str(tmp_path / 'pure.json')!r}, 'w').write(json.dumps(verdicts(sample())))\n")
    env = {**os.environ, compiled.PURE_ENV: "1"}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT, timeout=240)
    pure = json.loads((tmp_path / "pure.json").read_text())
    assert compiled.imported_compiled() == compiled.MODULES
    ours = verdicts(sample())
    assert len(ours) == len(pure) > 200
    assert [i for i, (a, b) in enumerate(zip(ours, pure)) if a != b] == []


def copy_of_build(tmp_path: Path) -> Path:
    build = tmp_path / "analyzer"
    shutil.copytree(compiled.BUILD_DIR, build, symlinks=True)
    return build


def rewrite_manifest(build: Path, change) -> None:
    path = build / compiled.MANIFEST
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_module_whose_source_changed_is_imported_from_its_source(tmp_path: Path) -> None:
    build = copy_of_build(tmp_path)
    rewrite_manifest(build, lambda d: d["modules"][TRACE_MODULE].update(source_sha256="0" * 64))
    status, files = compiled.build_status(build, environ={})
    assert status.changed == (TRACE_MODULE,)
    assert TRACE_MODULE not in files and len(files) == len(compiled.MODULES) - 1
    assert "trace" in status.describe() and "scripts/build_analyzer.py" in status.describe()
    finder = compiled.CompiledFinder(files, status)
    assert finder.find_spec(TRACE_MODULE) is None  # Python's own finders read trace.py
    spec = finder.find_spec("experiment.analysis.check")
    assert spec is not None and spec.origin.endswith(compiled.extension_suffix())


@pytest.mark.parametrize("breakage, reason", [
    (lambda build: (build / compiled.MANIFEST).unlink(), "not built"),
    (lambda build: (build / compiled.MANIFEST).write_text('{"modules": '), "not built"),
    (lambda build: rewrite_manifest(build, lambda d: d.update(suffix="cpython-399-x86_64-linux-gnu.so")),
     "another Python"),
], ids=["no manifest", "manifest cut short", "built for another Python"])
def test_no_build_or_a_build_for_another_python_means_every_module_from_source(tmp_path: Path, breakage,
                                                                            reason: str) -> None:
    build = copy_of_build(tmp_path)
    breakage(build)
    status, files = compiled.build_status(build, environ={})
    assert files == {} and status.compiled == ()
    assert reason in status.describe() and status.describe().startswith("pure Python")


def test_the_pure_python_switch_imports_no_build() -> None:
    status, files = compiled.build_status(environ={compiled.PURE_ENV: "1"})
    assert files == {} and compiled.PURE_ENV in status.describe()


def run_build(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "build_analyzer.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


def test_the_build_script_leaves_an_up_to_date_build_alone() -> None:
    before = (compiled.BUILD_DIR / compiled.MANIFEST).stat().st_mtime_ns
    done = run_build()
    assert done.returncode == 0 and "up to date" in done.stdout
    assert run_build("--quiet").stdout == ""
    assert (compiled.BUILD_DIR / compiled.MANIFEST).stat().st_mtime_ns == before


def test_a_failed_build_says_why_and_leaves_the_build_it_had(tmp_path: Path) -> None:
    """No C compiler: exit 1 with the reason, the old build still whole, nothing left beside it."""
    manifest = (compiled.BUILD_DIR / compiled.MANIFEST).read_bytes()
    done = run_build("--force", env={**os.environ, "CC": str(shutil.which("false"))})
    assert done.returncode == 1
    assert "was not compiled" in done.stderr and "runs from its sources" in done.stderr
    assert (compiled.BUILD_DIR / compiled.MANIFEST).read_bytes() == manifest
    assert compiled.build_status(environ={})[0].complete
    assert sorted(p.name for p in compiled.BUILD_DIR.parent.iterdir() if p.name.startswith("analyzer")) == ["analyzer"]
