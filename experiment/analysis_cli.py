"""Plug-in hook read by experiment/cli.py: adds the trace analyzer's commands (see experiment/analysis/cli.py)."""

from experiment.analysis.cli import register

__all__ = ["register"]
