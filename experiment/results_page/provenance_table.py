"""Where each number on the page came from: model, provider, date, prompt variant, parameters, samples and
hardware, read from the runs the runner stored beside the records (see experiment/machine_provenance.py)."""

from __future__ import annotations

import json

import pandas as pd


def _grid(config: dict) -> str:
    a, b = config.get("a_digits"), config.get("b_digits")
    if not a or not b:
        return ""
    return f"{a[0]}..{a[1]} × {b[0]}..{b[1]} digits"


def _hardware(machine: dict) -> str:
    parts = [machine.get("cpu"), f"{machine['cores']} cores" if machine.get("cores") else None,
             f"{machine['memory_gib']} GiB" if machine.get("memory_gib") else None, machine.get("os")]
    return ", ".join(str(p) for p in parts if p)


def run_rows(runs: list[dict], table: pd.DataFrame) -> list[dict]:
    """One row per run (an invocation of the runner) with what a reader needs to weigh its numbers."""
    rows = []
    for run in runs:
        config, provenance = run.get("config") or {}, run.get("provenance") or {}
        mine = table[table["run_id"] == run["run_id"]]
        models = config.get("models") or []
        rows.append({
            "run": run.get("name", ""),
            "started": str(run.get("started_at", ""))[:19].replace("T", " "),
            "records": len(mine),
            "models": "; ".join(f"{m.get('label')}: {m.get('provider')} {m.get('model')}" for m in models)
                      or "; ".join(sorted(mine["model_label"].unique())),
            "variants": ", ".join(config.get("variants") or sorted(mine["variant"].unique())),
            "samples per cell": config.get("samples", ""),
            "grid": _grid(config),
            "parameters": "; ".join(f"{m.get('label')}: {json.dumps(m.get('params', {}), sort_keys=True)}"
                                    for m in models),
            "hardware": _hardware(provenance.get("machine") or {}),
            "model provenance": json.dumps(provenance.get("models") or {}, sort_keys=True),
            "command": run.get("command", ""),
            "runner": run.get("runner_version", ""),
        })
    return rows


def model_rows(table: pd.DataFrame) -> list[dict]:
    """What the records themselves say about each model, for files whose runs table is empty."""
    grouped = table.groupby(["model_label", "variant", "provider", "model"])
    return [{"model": label, "variant": variant, "provider": provider, "model name": model,
             "records": len(group), "cells": group[["m", "n"]].drop_duplicates().shape[0],
             "first record": str(group["created_at"].min())[:19].replace("T", " "),
             "last record": str(group["created_at"].max())[:19].replace("T", " ")}
            for (label, variant, provider, model), group in grouped]
