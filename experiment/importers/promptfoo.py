"""promptfoo exports (``promptfoo eval -o out.json``): one record per result.

Read from each result: the model from ``provider.id`` (matched to the export's ``config.providers`` for
its parameters and token limit), the operands from ``vars.a``/``vars.b`` (the product is recomputed;
``vars.expected`` is kept only to count where it was wrong), the prompt from ``prompt.raw``, the variant
from a slug of the template (``prompt.label``), the output, token usage (``tokenUsage``, with
``completionDetails.reasoning``, or the provider's ``raw`` body when promptfoo kept only cached totals),
``latencyMs``, and the verdict (``success``, else ``gradingResult.pass``) as ``recorded_verdict``.

promptfoo records no finish reason unless the provider body (``raw``) or ``response.finishReason`` has one;
then truncation is inferred (``experiment.importers.truncation``) from the limit: the provider's
``config.max_tokens`` (or ``max_completion_tokens``/``max_output_tokens``), else promptfoo's default of
1,024 for chat providers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from experiment import __version__
from experiment.importers.base import ImportFailure, ParsedImport, Provenance, load_json
from experiment.importers.building import (
    Built,
    SourceReply,
    build_record,
    digest,
    finish_records,
    imported_item_key,
    occurrences,
    redact,
    slug,
)
from experiment.importers.operands import OperandError, operand_value
from experiment.importers.reply_split import split_reply
from experiment.importers.source_provenance import source_provenance
from experiment.importers.summary import ImportSummary
from experiment.importers.truncation import infer_finish
from experiment.results import Run, utc_now

DEFAULT_MAX_TOKENS = 1024  # promptfoo's OpenAI-compatible and Anthropic providers send this when unset
LIMIT_KEYS = ("max_tokens", "max_completion_tokens", "max_output_tokens", "maxTokens", "maxOutputTokens")
FAILURE_ERROR = 2  # promptfoo's ResultFailureReason.ERROR: the provider call failed


def _object(value: object) -> dict:
    """A JSON object where one is expected, else an empty one: a crafted export cannot make `.get` fail."""
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    """A string where one is expected (ids, timestamps, versions), else None, so it can never be a list."""
    return value if isinstance(value, str) and value else None


def looks_like_promptfoo(data: object) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("results"), dict)
            and isinstance(data["results"].get("results"), list))


def _provider_entries(config: dict) -> list[dict]:
    """``config.providers`` as a list of {id, label, config}: it may hold strings, objects or a map."""
    providers = config.get("providers") or []
    if isinstance(providers, (str, dict)):
        providers = [providers]
    entries = []
    for entry in providers if isinstance(providers, list) else []:
        if isinstance(entry, str):
            entries.append({"id": entry, "label": None, "config": {}})
        elif isinstance(entry, dict) and "id" in entry:
            entries.append({"id": str(entry["id"]), "label": entry.get("label"),
                            "config": entry.get("config") or {}})
        elif isinstance(entry, dict) and len(entry) == 1:  # {"openai:gpt-4o": {config: ...}}
            (pid, body), = entry.items()
            body = body if isinstance(body, dict) else {}
            entries.append({"id": pid, "label": body.get("label"), "config": body.get("config") or {}})
    return entries


def _match_provider(entries: list[dict], provider_id: str, label: str | None) -> dict | None:
    """The config entry of a result's provider: same label, same id, or same id once the config's
    ``openrouter:``-style prefix is dropped (promptfoo records OpenRouter models without it)."""
    if label:
        for entry in entries:
            if entry["label"] == label:
                return entry
    for entry in entries:
        if entry["id"] == provider_id:
            return entry
    for entry in entries:
        if ":" in entry["id"] and entry["id"].split(":", 1)[1] == provider_id:
            return entry
    return None


def _token_limit(entry: dict | None) -> tuple[int | None, str]:
    config = (entry or {}).get("config") or {}
    for key in LIMIT_KEYS:
        if isinstance(config.get(key), int):
            return config[key], f"the provider's {key} in the export's config"
    if entry is None:
        return DEFAULT_MAX_TOKENS, "promptfoo's default; provider not found in the export's config"
    return DEFAULT_MAX_TOKENS, "promptfoo's default, no max_tokens in the export's config"


def _as_int(value: object) -> int | None:
    """A count (tokens, an index) where one is expected: a whole number from 0 to 2**62, else unknown."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2**62:
        return value
    return None


def _raw_body(response: dict) -> dict:
    raw = response.get("raw")
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return {}
    return raw if isinstance(raw, dict) else {}


def _recorded_finish(response: dict, raw: dict) -> str | None:
    """A finish reason the provider itself recorded (chat ``finish_reason``, Responses ``status``,
    Anthropic ``stop_reason``), or promptfoo's own ``finishReason``."""
    if response.get("finishReason"):
        return str(response["finishReason"])
    choices = raw.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict) and choices[0].get("finish_reason"):
        return str(choices[0]["finish_reason"])
    if raw.get("stop_reason"):
        return str(raw["stop_reason"])
    if raw.get("status") == "incomplete":
        return str((raw.get("incomplete_details") or {}).get("reason") or "incomplete")
    if raw.get("status") == "completed":
        return "completed"
    return None


def _reasoning_field(response: dict, raw: dict) -> str | None:
    for value in (response.get("reasoning"), response.get("thinking")):
        if isinstance(value, str) and value.strip():
            return value
    choices = raw.get("choices")
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        message = choices[0].get("message") or {}
        for key in ("reasoning_content", "reasoning"):
            if isinstance(message.get(key), str) and message[key].strip():
                return message[key]
    summaries = [s.get("text", "") for item in raw.get("output") or [] if isinstance(item, dict)
                 and item.get("type") == "reasoning" for s in item.get("summary") or [] if isinstance(s, dict)]
    return "\n".join(summaries) if any(summaries) else None


def _tokens(usage: dict, raw: dict) -> dict:
    """prompt, completion (reasoning included), reasoning, answer-only, total; None where unknown."""
    prompt, completion = _as_int(usage.get("prompt")), _as_int(usage.get("completion"))
    total = _as_int(usage.get("total"))
    reasoning = _as_int((usage.get("completionDetails") or {}).get("reasoning"))
    raw_usage = raw.get("usage") if isinstance(raw.get("usage"), dict) else {}
    if (prompt is None or completion is None) and raw_usage:  # cached: promptfoo kept totals, raw has more
        prompt = _as_int(raw_usage.get("prompt_tokens", raw_usage.get("input_tokens")))
        completion = _as_int(raw_usage.get("completion_tokens", raw_usage.get("output_tokens")))
        details = raw_usage.get("completion_tokens_details") or raw_usage.get("output_tokens_details") or {}
        reasoning = _as_int(details.get("reasoning_tokens"))
        total = _as_int(raw_usage.get("total_tokens")) or total
        separate = False  # OpenAI bodies count reasoning inside completion/output tokens
    else:
        # promptfoo's completion excludes reasoning when prompt + completion + reasoning = total
        known = None not in (prompt, completion, total)
        separate = bool(reasoning) and known and prompt + completion + reasoning == total
    if completion is None:
        return {"prompt": prompt, "completion": None, "reasoning": reasoning, "answer": None, "total": total}
    output = completion + (reasoning or 0) if separate else completion
    answer = completion if separate else (completion - reasoning if reasoning is not None else None)
    return {"prompt": prompt, "completion": output, "reasoning": reasoning, "answer": answer, "total": total}


def _recorded_verdict(result: dict) -> str | None:
    if isinstance(result.get("success"), bool):
        return "pass" if result["success"] else "fail"
    grading = result.get("gradingResult") or {}
    if isinstance(grading.get("pass"), bool):
        return "pass" if grading["pass"] else "fail"
    return None


def _recorded_expected(result: dict, variables: dict) -> int | None:
    """The number the recorded check looked for: ``vars.expected``, else a literal ``contains``/``equals``."""
    candidates = [variables.get("expected")]
    for assertion in (result.get("testCase") or {}).get("assert") or []:
        if isinstance(assertion, dict) and assertion.get("type") in ("contains", "icontains", "equals"):
            candidates.append(assertion.get("value"))
    for value in candidates:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return operand_value(value, "expected")
        except OperandError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class _Question:
    """What one result asked, of whom: everything that identifies it, read and checked before any reply."""

    index: int
    result: dict
    a: int
    b: int
    prompt: str
    variant: str
    entry: dict | None
    model_label: str
    provider: str
    model: str
    params: dict


def _question(index: int, result: object, path: Path, entries: list[dict]) -> _Question:
    """The result's question, or ImportFailure naming the result and what it lacks."""
    where = f"{path.name}: result {index}"
    if not isinstance(result, dict):
        raise ImportFailure(f"{where}: not a JSON object")
    provider = result.get("provider") or {}
    provider_id = provider.get("id") if isinstance(provider, dict) else provider
    if not provider_id:
        raise ImportFailure(f"{where}: no provider.id")
    where += f" (id {result.get('id', '?')}, provider {provider_id})"
    variables = result.get("vars") or (result.get("testCase") or {}).get("vars")
    if not isinstance(variables, dict):
        raise ImportFailure(f"{where}: no vars, so no operands")
    for name in ("a", "b"):
        if name not in variables:
            raise ImportFailure(f"{where}: no vars.{name}, so no operand to multiply")
    try:
        a, b = operand_value(variables["a"], "vars.a"), operand_value(variables["b"], "vars.b")
    except OperandError as error:
        raise ImportFailure(f"{where}: {error}") from None
    prompt_block = result.get("prompt") if isinstance(result.get("prompt"), dict) else {}
    prompt = prompt_block.get("raw")
    if not isinstance(prompt, str):
        raise ImportFailure(f"{where}: no prompt.raw")
    label = _text(provider.get("label")) if isinstance(provider, dict) else None
    entry = _match_provider(entries, str(provider_id), label)
    full_id = entry["id"] if entry else str(provider_id)
    prefixed = ":" in full_id.split("/", 1)[0]  # openrouter:openai/o3-mini, not anthropic/claude-3.7-sonnet:thinking
    prefix, model = full_id.split(":", 1) if prefixed else ("", full_id)
    return _Question(index=index, result=result, a=a, b=b, prompt=prompt,
                     variant=slug(prompt_block.get("label") or prompt), entry=entry,
                     model_label=label or str(provider_id), provider=f"promptfoo:{prefix}" if prefix else "promptfoo",
                     model=model, params=redact(dict((entry or {}).get("config") or {})))


def _reply(question: _Question) -> SourceReply:
    """The recorded reply: split into reasoning and answer, tokens, and the finish reason, recorded or
    inferred against the provider's token limit."""
    result = question.result
    response = result.get("response") if isinstance(result.get("response"), dict) else {}
    raw = _raw_body(response)
    output = response.get("output")
    if output is not None and not isinstance(output, str):
        output = json.dumps(output, ensure_ascii=False)
    error = None
    if result.get("failureReason") == FAILURE_ERROR or response.get("error") or output is None:
        error = str(response.get("error") or result.get("error") or "no output recorded")
    output = output or ""
    tokens = _tokens(response.get("tokenUsage") or {}, raw)
    split = split_reply(output, model=question.model, reasoning_field=_reasoning_field(response, raw),
                        reasoning_tokens=tokens["reasoning"], answer_tokens=tokens["answer"])
    limit, limit_source = _token_limit(question.entry)
    finish = infer_finish(_recorded_finish(response, raw), limit=limit, limit_source=limit_source,
                          output_tokens=tokens["completion"], total_tokens=tokens["total"],
                          text=split.reasoning if split.reasoning_in_output else output)
    latency = result.get("latencyMs")
    return SourceReply(output=output, split=split, finish=finish, prompt_tokens=tokens["prompt"],
                       completion_tokens=tokens["completion"], reasoning_tokens=tokens["reasoning"],
                       latency_s=latency / 1000 if isinstance(latency, (int, float)) else None,
                       raw=json.dumps(redact(result), ensure_ascii=False), error=error)


def parse_promptfoo(path: Path, data: dict, *, command: str, licence: str | None = None,
                    notice: str | None = None) -> ParsedImport:
    """Convert a promptfoo export (already parsed as JSON) into a run and its records."""
    path = Path(path)
    if not looks_like_promptfoo(data):
        raise ImportFailure(f"{path.name}: not a promptfoo export (no results.results list)")
    block = data["results"]
    config = data.get("config") if isinstance(data.get("config"), dict) else {}
    entries = _provider_entries(config)
    questions = [_question(index, result, path, entries) for index, result in enumerate(block["results"])]
    if not questions:
        raise ImportFailure(f"{path.name}: the promptfoo export holds no results")
    eval_id = _text(data.get("evalId")) or _text(data.get("id"))
    exported_at = _text(block.get("timestamp")) or _text(data.get("createdAt")) or utc_now()
    provenance = source_provenance(
        path, tool="promptfoo",
        tool_version=(_text(_object(data.get("metadata")).get("promptfooVersion"))
                      or _text(block.get("promptfooVersion"))),
        exported_at=exported_at,
        origin={"evalId": eval_id, "shareableUrl": data.get("shareableUrl"),
                "results_format_version": block.get("version"), "description": config.get("description")},
        licence=licence, notice=notice)
    run_id = digest("import", "promptfoo", provenance["source"]["sha256"])
    built = []
    repeats = occurrences([(q.model_label, q.prompt, q.a, q.b) for q in questions])
    for question, occurrence in zip(questions, repeats):
        result = question.result
        reply = _reply(question)
        recorded_expected = _recorded_expected(result, result.get("vars") or result["testCase"]["vars"])
        identity = {"tool": "promptfoo", "provider_id": question.model_label, "params": question.params}
        source_id = (result.get("id")
                     or f"{result.get('promptIdx')}/{result.get('testIdx')}/{question.model_label}/{occurrence}")
        record, reason = build_record(
            record_id=digest("promptfoo", eval_id or provenance["source"]["sha256"], source_id), run_id=run_id,
            item_key=imported_item_key("promptfoo", identity, question.prompt, question.a, question.b, occurrence),
            model_label=question.model_label, provider=question.provider, model=question.model,
            params=question.params, variant=question.variant, a=question.a, b=question.b, prompt=question.prompt,
            reply=reply, recorded_verdict=_recorded_verdict(result), recorded_expected=recorded_expected,
            created_at=exported_at)
        test_index = _as_int(result.get("testIdx"))
        built.append(Built(record, reason, recorded_expected, reply.split.reasoning_in_output,
                           (question.index if test_index is None else test_index, occurrence, question.index)))
    summary = ImportSummary(source=path.name, format="promptfoo")
    records = finish_records(built, summary)
    limits = {q.model_label: _token_limit(q.entry)[0] for q in questions}
    run = Run(name=f"promptfoo: {config.get('description') or path.stem}",
              fingerprint=provenance["source"]["sha256"], command=command,
              config={"format": "promptfoo", "source_config": redact(config), "token_limits": limits},
              provenance=provenance, runner_version=__version__, run_id=run_id, started_at=exported_at)
    return ParsedImport(runs=[run], records=records, summary=summary, source=path.name)


class Promptfoo:
    format = "promptfoo"

    def parse(self, path: Path, data: object | None, provenance: Provenance) -> ParsedImport:
        return parse_promptfoo(path, data if data is not None else load_json(path), command=provenance.command,
                               licence=provenance.licence, notice=provenance.notice)
