"""The analyzer's compiled build: its modules compiled by Cython, imported in place of their sources only
while each source is the one that was compiled.

Why compiled: the analyzer reads a ~2,000-character trace in about a millisecond of small Python calls
spread over lexing, parsing and checking (no one function holds more than 12% of the time, see the analysis
README), and four rounds of pure-Python work found nothing left to take off. Cython compiles the same
source, unchanged, to C (annotations are not read as C types, so no behaviour changes:
`bench/dump_analyzer_output.py` writes the same bytes with and without the build), which runs it a quarter
faster.

Why beside the sources and not in place: a compiled module built in the source tree would be imported
instead of its `.py` after the `.py` is edited. Here the build lives in `build/analyzer/` with a manifest of
each source's hash, and a module whose source differs from the one compiled is imported from its source.
Without a build (no C compiler, or `scripts/build_analyzer.py` never run) every module is imported from its
source: slower, same results. `ANALYZER_PURE_PYTHON=1` imports them all from source (profilers see into it).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = ROOT / "build" / "analyzer"
MANIFEST = "manifest.json"
PURE_ENV = "ANALYZER_PURE_PYTHON"
# Every module on the path of analyze_trace; the packages' __init__ modules stay Python (they install this).
MODULES = (
    "experiment.analysis.tokens",
    "experiment.analysis.notation",
    "experiment.analysis.expr",
    "experiment.analysis.kinds",
    "experiment.analysis.answer",
    "experiment.analysis.result",
    "experiment.analysis.check",
    "experiment.analysis.verdict",
    "experiment.analysis.trace",
    "experiment.analysis.claims.claim",
    "experiment.analysis.claims.state",
    "experiment.analysis.claims.expressions",
    "experiment.analysis.claims.phrases",
    "experiment.analysis.claims.chains",
    "experiment.analysis.claims.layouts",
    "experiment.analysis.claims.parser",
)


def source_path(module: str) -> Path:
    return ROOT.joinpath(*module.split(".")).with_suffix(".py")


def source_hash(module: str) -> str:
    return hashlib.sha256(source_path(module).read_bytes()).hexdigest()


def extension_suffix() -> str:
    """The file suffix of this interpreter's extension modules ("cpython-311-x86_64-linux-gnu.so"): a build
    for another Python is not loaded."""
    return importlib.machinery.EXTENSION_SUFFIXES[0]


@dataclass(frozen=True)
class BuildStatus:
    """Which of the analyzer's modules are imported compiled, and why the others are not."""

    compiled: tuple[str, ...]  # modules imported from the build
    changed: tuple[str, ...]  # built, but their source has changed since: imported from source
    reason: str = ""  # why no module is imported compiled ("" when some are)

    @property
    def complete(self) -> bool:
        return set(self.compiled) == set(MODULES)

    def describe(self) -> str:
        if self.complete:
            return f"compiled (Cython, all {len(MODULES)} modules; build/analyzer/)"
        if not self.compiled:
            return f"pure Python ({self.reason})"
        names = ", ".join(m.rsplit(".", 1)[1] for m in self.changed)
        return (f"partly compiled ({len(self.compiled)} of {len(MODULES)} modules; changed since the build: "
                f"{names}; run scripts/build_analyzer.py)")


@dataclass(frozen=True)
class Manifest:
    """What `scripts/build_analyzer.py` compiled: per module its file in the build and its source's hash."""

    suffix: str
    cython: str
    files: dict[str, str]  # module -> file, relative to the build directory
    hashes: dict[str, str]  # module -> sha256 of the source that was compiled

    def to_dict(self) -> dict[str, object]:
        return {"suffix": self.suffix, "cython": self.cython,
                "modules": {m: {"file": self.files[m], "source_sha256": self.hashes[m]} for m in self.files}}

    @classmethod
    def from_dict(cls, data: dict) -> Manifest:
        modules = data["modules"]
        return cls(str(data["suffix"]), str(data["cython"]), {m: str(v["file"]) for m, v in modules.items()},
                   {m: str(v["source_sha256"]) for m, v in modules.items()})

    @classmethod
    def read(cls, build_dir: Path) -> Manifest | None:
        """The manifest of the build in `build_dir`, or None when there is none or it cannot be read."""
        try:
            return cls.from_dict(json.loads((build_dir / MANIFEST).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def build_status(build_dir: Path = BUILD_DIR, environ: Mapping[str, str] = os.environ
                 ) -> tuple[BuildStatus, dict[str, Path]]:
    """The status of the build in `build_dir` and the file of each module to import compiled."""
    if environ.get(PURE_ENV, "") not in ("", "0"):
        return BuildStatus((), (), f"{PURE_ENV} is set"), {}
    manifest = Manifest.read(build_dir)
    if manifest is None:
        return BuildStatus((), (), "not built: run scripts/build_analyzer.py"), {}
    if manifest.suffix != extension_suffix():
        return BuildStatus((), (), f"built for another Python ({manifest.suffix}): run scripts/build_analyzer.py"), {}
    files: dict[str, Path] = {}
    changed: list[str] = []
    for module in MODULES:
        file = build_dir / manifest.files.get(module, "-")
        if module not in manifest.hashes or not file.is_file():
            changed.append(module)
        elif manifest.hashes[module] != source_hash(module):
            changed.append(module)
        else:
            files[module] = file
    reason = "" if files else "every source changed since the build: run scripts/build_analyzer.py"
    return BuildStatus(tuple(files), tuple(changed), reason), files


class CompiledFinder(MetaPathFinder):
    """Finds the compiled file of each module whose source is the one compiled; every other import goes on
    to Python's own finders."""

    def __init__(self, files: dict[str, Path], status: BuildStatus) -> None:
        self.files = files
        self.status = status

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        file = self.files.get(fullname)
        return None if file is None else importlib.util.spec_from_file_location(fullname, file)


def install() -> BuildStatus:
    """Puts the compiled modules in front of their sources (once per process) and says which are."""
    for finder in sys.meta_path:
        if isinstance(finder, CompiledFinder):
            return finder.status
    status, files = build_status()
    sys.meta_path.insert(0, CompiledFinder(files, status))
    return status


def imported_compiled() -> tuple[str, ...]:
    """The analyzer's modules this process has imported from the build (what a benchmark measured)."""
    suffix = extension_suffix()
    return tuple(m for m in MODULES if str(getattr(sys.modules.get(m), "__file__", "")).endswith(suffix))
