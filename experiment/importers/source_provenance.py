"""Where an imported run came from, stored as its run's provenance: the tool and its version, the export's
date, the file (name, size, SHA-256) and the ids the tool gave it, the licence or notice, and this
importer's version. A LICENSE file beside the input is read and kept whole, so data shipped under a
licence that requires its notice carries it."""

from __future__ import annotations

from pathlib import Path

from durable.checksums import sha256_of
from experiment import __version__
from experiment.importers.base import IMPORTER_VERSION

LICENCE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "LICENCE.txt", "COPYING")
_KNOWN_LICENCES = (("Permission is hereby granted, free of charge", "MIT"),
                   ("Apache License", "Apache-2.0"),
                   ("Creative Commons Attribution 4.0", "CC-BY-4.0"))



def licence_beside(path: Path) -> dict | None:
    """The licence file in the input's folder, if any: its name, text, SHA-256 and the licence it reads as."""
    for name in LICENCE_FILES:
        candidate = Path(path).parent / name
        if candidate.is_file() and candidate.stat().st_size < 1_000_000:
            text = candidate.read_text(encoding="utf-8", errors="replace")
            found = {"file": name, "text": text, "sha256": sha256_of(candidate)}
            for marker, licence in _KNOWN_LICENCES:
                if marker in text:
                    found["licence"] = licence
            copyright_lines = [line.strip() for line in text.splitlines()
                               if line.strip().lower().startswith("copyright")]
            if copyright_lines:
                found["notice"] = copyright_lines[0]
            return found
    return None


def source_provenance(path: Path, *, tool: str, tool_version: str | None, exported_at: str | None,
                      origin: dict, licence: str | None = None, notice: str | None = None) -> dict:
    """The run's provenance for an imported file; ``origin`` holds the tool's own ids (evalId, ...)."""
    path = Path(path)
    beside = licence_beside(path)
    provenance = {
        "imported": True,
        "source": {
            "tool": tool,
            "tool_version": tool_version,
            "exported_at": exported_at,
            "file": path.name,
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            **origin,
        },
        "licence": licence or (beside or {}).get("licence"),
        "notice": notice or (beside or {}).get("notice"),
        "importer_version": IMPORTER_VERSION,
        "runner_version": __version__,
    }
    if beside:
        provenance["licence_file"] = beside
    return provenance
