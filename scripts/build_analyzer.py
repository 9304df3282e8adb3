"""Compiles the trace analyzer's modules with Cython into build/analyzer/ (experiment/analysis/compiled.py says
why and how they are imported). scripts/setup.sh runs it on every install.

    .venv/bin/python scripts/build_analyzer.py [--force] [--quiet]

Does nothing when the build is there for the current sources and Python. Otherwise compiles every module
(about two minutes on 2 cores) into a directory of its own and only then puts it in place of the old build,
so an interrupted or failed build leaves the old one (or none) and never half of one. Exits 1 when the
build fails (no C compiler, say); the analyzer then runs from its sources, slower, with the same results.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from experiment.analysis.compiled import (  # noqa: E402
    BUILD_DIR,
    MANIFEST,
    MODULES,
    ROOT,
    Manifest,
    build_status,
    extension_suffix,
    source_hash,
    source_path,
)

# Cython reads the sources as the Python they are: no annotation becomes a C type, so the compiled module
# does exactly what its source does.
DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": True}


def up_to_date() -> bool:
    status, _ = build_status(environ={})
    return status.complete


def compile_into(directory: Path, jobs: int) -> dict[str, str]:
    """Compiles every module into `directory` (its package layout); returns module -> file, relative."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    # sources named relative to the root (the working directory): Cython writes the C of an absolute path
    # beside the source, whatever build_dir says
    extensions = [Extension(module, [str(source_path(module).relative_to(ROOT))]) for module in MODULES]
    modules = cythonize(extensions, compiler_directives=DIRECTIVES, build_dir=str(directory / "c"),
                        nthreads=jobs, quiet=True)
    command = build_ext(Distribution({"ext_modules": modules, "script_name": "build_analyzer.py"}))
    command.build_lib = str(directory / "lib")
    command.build_temp = str(directory / "obj")
    command.parallel = jobs
    command.ensure_finalized()
    command.run()
    return {m: str(Path(command.get_ext_fullpath(m)).relative_to(directory / "lib")) for m in MODULES}


def build(jobs: int) -> Path:
    """Compiles into a fresh directory beside the build and puts it in place; returns the build directory."""
    import Cython

    BUILD_DIR.parent.mkdir(parents=True, exist_ok=True)
    hashes = {m: source_hash(m) for m in MODULES}
    work = Path(tempfile.mkdtemp(prefix="analyzer-", dir=BUILD_DIR.parent))
    try:
        files = compile_into(work, jobs)
        if any(source_hash(m) != hashes[m] for m in MODULES):
            raise RuntimeError("a source changed while it was compiled: run the build again")
        manifest = Manifest(extension_suffix(), Cython.__version__, files, hashes)
        (work / "lib" / MANIFEST).write_text(json.dumps(manifest.to_dict(), indent=1) + "\n",
                                             encoding="utf-8")
        old = BUILD_DIR.with_name(f"{BUILD_DIR.name}.old-{os.getpid()}")
        if BUILD_DIR.exists():
            BUILD_DIR.rename(old)
        (work / "lib").rename(BUILD_DIR)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BUILD_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile even when the build is up to date")
    parser.add_argument("--quiet", action="store_true", help="say nothing when the build is up to date")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="compilers run at once")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if not args.force and up_to_date():
        if not args.quiet:
            print(f"the analyzer's build is up to date ({BUILD_DIR})")
        return 0
    print(f"compiling the trace analyzer ({len(MODULES)} modules, about two minutes on 2 cores) ...", flush=True)
    started = time.monotonic()
    try:
        build(max(1, args.jobs))
    except Exception as error:  # a compiler missing or failing: say so; the analyzer still runs from source
        print(f"the analyzer was not compiled ({type(error).__name__}: {error}); it runs from its sources, "
              f"with the same results, about a quarter slower", file=sys.stderr)
        return 1
    print(f"compiled into {BUILD_DIR} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
