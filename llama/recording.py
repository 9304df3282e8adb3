"""Recording files of the pages (results/*-gemma3-270m.json): read with their format checked, written atomically,
and stamped with the provenance that lets a reader redo them (model file and its SHA-256, server, date).

Each page keeps its own layout of what was recorded; this module holds only what every recording shares, so that
a recording on disk reads and is written the same whichever page made it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path

from durable.atomic import write_text
from durable.checksums import sha256_of

DEFAULT_MODEL = "google/gemma-3-270m (pretrained base model), Q4_K_M GGUF"


def read_recording(path: Path, format: str) -> dict:
    """The recording's JSON object; ValueError with one line for a file that cannot be read or is not `format`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"cannot read the recording {path}: {error}") from None
    if not isinstance(data, dict) or data.get("format") != format:
        raise ValueError(f"{path} is not a {format} file")
    return data


def layout(head: dict, key: str, blocks: list[str]) -> str:
    """The recordings' JSON, laid out for a diff: the header indented, then `key` holding the page's blocks (one
    recorded context each, laid out by the page), separated by commas."""
    lines = json.dumps(head, indent=1, ensure_ascii=False)[:-2].splitlines()
    lines[-1] += ","
    lines.append(f' "{key}": {{')
    lines.append(",\n".join(blocks))
    lines.append(" }\n}\n")
    return "\n".join(lines)


def write_recording(text: str, path: Path) -> None:
    """Write atomically: a stopped recording never leaves a half-written file in place of the old one."""
    json.loads(text)  # never write what cannot be read back
    write_text(Path(path), text)


def add_arguments(parser: argparse.ArgumentParser, out: Path, example_url: str = "http://127.0.0.1:8088") -> None:
    """The command line every recorder takes: which server, which model file, and what to say about both."""
    parser.add_argument("--url", required=True, help=f"the server, e.g. {example_url}")
    parser.add_argument("--model-file", type=Path, required=True, help="the GGUF file served (for its SHA-256)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--model-package", default="", help="where the file came from, e.g. a PyPI package")
    parser.add_argument("--server-version", default="")
    parser.add_argument("--server-args", default="")
    parser.add_argument("--out", type=Path, default=out)


def model_file_missing(args: argparse.Namespace) -> bool:
    """Say so on stderr when --model-file is not a file (the recorder then exits 2 before asking anything)."""
    if args.model_file.is_file():
        return False
    print(f"error: {args.model_file} is not a file", file=sys.stderr)
    return True


def provenance(args: argparse.Namespace, server_version: Callable[[], str], command: str, **how: object) -> dict:
    """Where the recording came from, in the order the shipped files have it: model, server, `how` (the
    endpoint and what the numbers are), then when, on what machine, by which command. `server_version` is
    asked only when --server-version was not given."""
    return {
        "model": args.model,
        "model_file": args.model_file.name,
        "model_package": args.model_package,
        "model_sha256": sha256_of(args.model_file),
        "server": args.server_version or server_version(),
        "server_args": args.server_args,
        **how,
        "recorded_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "command": command,
    }
