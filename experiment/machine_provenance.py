"""Where and how a run was made: machine, software, command. Stored with each run so a number in the
results can always be traced back to the conditions that produced it. Never includes keys or the
environment: only facts about the hardware and the versions of the software."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

import httpx

from experiment import __version__


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except (OSError, ValueError):
        pass
    return None


def machine_provenance() -> dict:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": memory_gib(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "httpx": httpx.__version__,
        "runner_version": __version__,
    }
