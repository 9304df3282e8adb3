"""How llmmath-excerpt.promptfoo.json was made from the full export (../shared/data/llmmath), kept so that it
can be made again: the records of seven models, reasoning and not, on the problems the tests look at.

    .venv/bin/python tests/experiment/data/llmmath-excerpt/make_excerpt.py \
        ../shared/data/llmmath/multiplication-2025-04-27.promptfoo.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEEP = {  # provider id: the first operands (a) kept; None: all seven problems
    "deepseek/deepseek-r1": None,  # its working in the output; six answers cut at 1,024 tokens
    "x-ai/grok-3-mini-beta": {12, 12345, 987654321},  # reasoning tokens counted; cut at the limit
    "openai:o3": {12, 987654321},  # hidden reasoning, from the provider's body; right, recorded as failed
    "openrouter:openai/o3-mini": {12},  # hidden reasoning, no count
    "openai/gpt-4o": {12, 1234567, 987654321},  # a chat model: a bare number, right and wrong
    "anthropic/claude-3.5-haiku": {12, 123456},
    "deepseek/deepseek-chat-v3-0324": {1234},  # wrong, yet passed promptfoo's lenient `contains` check
}


def kept(provider: dict | str) -> bool:
    """A provider of the config is named as in the records, or with its router's prefix."""
    name = provider["id"] if isinstance(provider, dict) else provider
    return name in KEEP or name.removeprefix("openrouter:") in KEEP


def excerpt(full: dict) -> dict:
    block = full["results"]
    results = [r for r in block["results"] if r["provider"]["id"] in KEEP
               and (KEEP[r["provider"]["id"]] is None or r["vars"]["a"] in KEEP[r["provider"]["id"]])]
    successes = sum(1 for r in results if r["success"])
    config = dict(full["config"], providers=[p for p in full["config"]["providers"] if kept(p)])
    return {"evalId": full["evalId"], "config": config,
            "results": {"version": block["version"], "timestamp": block["timestamp"],
                        "prompts": [p for p in block["prompts"] if kept(p["provider"])], "results": results,
                        "stats": {"successes": successes, "failures": len(results) - successes, "errors": 0}}}


if __name__ == "__main__":
    data = excerpt(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
    (HERE / "llmmath-excerpt.promptfoo.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
