"""Inspect AI eval logs (the ``.eval`` zip and the ``.json`` log that ``inspect eval`` writes), read with
inspect_ai's own reader (``inspect_ai.log.read_eval_log``), one record per sample and epoch.

Operands: the sample's metadata ``a`` and ``b`` when both are there (what the task put into the prompt);
otherwise the first explicit product in the input text ("A times B", "A x B", "A × B", "A * B",
"product of A and B"; see ``experiment.importers.operands``); a sample with neither is refused. The answer
is the output message's text, the reasoning its ``ContentReasoning`` parts (``redacted`` ones are
``hidden``, summaries ``summary``) or ``<think>`` tags; the stop reason is Inspect's (``stop``,
``max_tokens``, ``model_length``, ...), inferred only when it is ``unknown``; tokens are the output's usage
(``output_tokens`` include reasoning, ``reasoning_tokens`` beside them); the verdict is the first scorer's
value (``C``/``I``, or a number: 1 passes). The variant is a slug of the task's name.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from experiment import __version__
from experiment.importers.base import MAX_UNPACKED_BYTES, ImportFailure, ParsedImport, Provenance
from experiment.importers.building import (
    Built,
    SourceReply,
    build_record,
    digest,
    finish_records,
    imported_item_key,
    occurrences,
    slug,
)
from experiment.importers.operands import OperandError, operand_value, operands_in_text
from experiment.importers.reply_split import Split, split_reply
from experiment.importers.source_provenance import source_provenance
from experiment.importers.summary import ImportSummary
from experiment.importers.truncation import infer_finish
from experiment.results import Run, utc_now


def looks_like_inspect_json(data: object) -> bool:
    return isinstance(data, dict) and isinstance(data.get("eval"), dict) and ("samples" in data or "status" in data)


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ImportFailure(f"{path.name}: a damaged zip archive, not a readable Inspect eval log") from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFailure(f"{path.name}: unpacks to {unpacked / 2**20:,.0f} MB, above the limit of "
                            f"{MAX_UNPACKED_BYTES / 2**20:,.0f} MB")
    if not any(info.filename in ("header.json", "_journal/start.json") for info in infos):
        raise ImportFailure(f"{path.name}: a zip archive but not an Inspect eval log (no header.json in it)")


def read_log(path: Path):
    """The whole log through inspect_ai; any failure of its reader becomes one line."""
    from inspect_ai.log import read_eval_log

    if zipfile.is_zipfile(path):
        _check_archive(path)
    try:
        return read_eval_log(str(path))
    except Exception as error:  # the reader raises zip, JSON, pydantic and key errors alike
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise ImportFailure(f"{path.name}: not a readable Inspect eval log ({type(error).__name__}"
                            f"{': ' + first[:200] if first else ''})") from None


def _text_of(content) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(getattr(part, "text", "") for part in content if getattr(part, "type", "") == "text")


def _input_text(sample) -> str:
    if isinstance(sample.input, str):
        return sample.input
    return "\n\n".join(_text_of(m.content) for m in sample.input if m.role in ("user", "system"))


def _operands(sample, where: str) -> tuple[int, int]:
    metadata = sample.metadata or {}
    if "a" in metadata or "b" in metadata:
        try:
            return operand_value(metadata.get("a"), "metadata a"), operand_value(metadata.get("b"), "metadata b")
        except OperandError as error:
            raise ImportFailure(f"{where}: {error}") from None
    found = operands_in_text(_input_text(sample))
    if found is None:
        raise ImportFailure(f"{where}: no operands: no metadata a and b, and the input names no product "
                            "('A times B', 'A x B', 'A * B')")
    return found


def _split_message(message, model: str, reasoning_tokens: int | None) -> tuple[str, Split]:
    """(the whole output text, its split) from an assistant message with ContentReasoning parts."""
    if isinstance(message.content, str):
        return message.content, split_reply(message.content, model=model, reasoning_tokens=reasoning_tokens)
    answer = _text_of(message.content)
    parts = [p for p in message.content if getattr(p, "type", "") == "reasoning"]
    texts = [p.reasoning for p in parts if not p.redacted and p.reasoning]
    summaries = [p.summary for p in parts if getattr(p, "summary", None)]
    if texts:
        split = Split(answer=answer, reasoning="\n\n".join(texts), visibility="full", source="reasoning")
    elif summaries:
        split = Split(answer=answer, reasoning="\n\n".join(summaries), visibility="summary", source="reasoning")
    elif parts:
        split = Split(answer=answer, reasoning="", visibility="hidden", source="reasoning")
    else:
        return answer, split_reply(answer, model=model, reasoning_tokens=reasoning_tokens)
    return "\n\n".join([*texts, answer]), split


def _verdict(sample) -> str | None:
    for score in (sample.scores or {}).values():
        value = score.value
        if isinstance(value, str):
            return {"C": "pass", "I": "fail", "N": "fail", "P": "fail"}.get(value.upper())
        if isinstance(value, bool):
            return "pass" if value else "fail"
        if isinstance(value, (int, float)):
            return "pass" if value >= 1 else "fail"
        return None
    return None


def _expected(sample) -> int | None:
    target = sample.target[0] if isinstance(sample.target, list) and sample.target else sample.target
    try:
        return operand_value(target, "target")
    except OperandError:
        return None


def _limit(log) -> tuple[int | None, str]:
    for config, where in ((getattr(log.plan, "config", None), "the log's generate config"),
                          (log.eval.model_generate_config, "the model's generate config")):
        if config is not None and config.max_tokens:
            return config.max_tokens, f"max_tokens in {where}"
    return None, ""


def _prompt(sample) -> str:
    """The messages sent before the model's reply (system and user turns), or the input text."""
    sent = [m for m in sample.messages if m.role != "assistant"] if sample.messages else []
    return "\n\n".join(_text_of(m.content) for m in sent) if sent else _input_text(sample)


def _reply(sample, model: str, limit: int | None, limit_source: str) -> SourceReply:
    """The sample's output: split, tokens, and Inspect's stop reason (inferred only when ``unknown``)."""
    output = sample.output
    usage = output.usage if output and output.usage else None
    reasoning_tokens = usage.reasoning_tokens if usage else None
    choice = output.choices[0] if output and output.choices else None
    if choice is not None:
        text, split = _split_message(choice.message, output.model or model, reasoning_tokens)
    else:
        text, split = "", Split(answer="", reasoning="", visibility="none", source=None)
    stop = choice.stop_reason if choice is not None else None
    finish = infer_finish(None if stop in (None, "unknown") else stop, limit=limit, limit_source=limit_source,
                          output_tokens=usage.output_tokens if usage else None,
                          total_tokens=usage.total_tokens if usage else None, text=text)
    error = sample.error.message if sample.error else (None if choice is not None else "no output recorded")
    return SourceReply(output=text, split=split, finish=finish, prompt_tokens=usage.input_tokens if usage else None,
                       completion_tokens=usage.output_tokens if usage else None, reasoning_tokens=reasoning_tokens,
                       latency_s=sample.total_time, raw=output.model_dump_json(exclude_none=True) if output else "",
                       error=error, refused=stop == "content_filter")


def parse_inspect(path: Path, *, command: str, licence: str | None = None,
                  notice: str | None = None) -> ParsedImport:
    """Convert an Inspect log (``.eval`` or ``.json``) into a run and its records."""
    path = Path(path)
    log = read_log(path)
    spec = log.eval
    samples = log.samples or []
    if not samples:
        raise ImportFailure(f"{path.name}: the Inspect log holds no samples")
    operands = [_operands(sample, f"{path.name}: sample {sample.id} (epoch {sample.epoch})") for sample in samples]
    provenance = source_provenance(
        path, tool="inspect_ai", tool_version=(spec.packages or {}).get("inspect_ai"),
        exported_at=(log.stats.completed_at if log.stats else None) or spec.created,
        origin={"eval_id": spec.eval_id, "run_id": spec.run_id, "task": spec.task, "task_version": spec.task_version,
                "status": log.status, "log_format_version": log.version, "model": spec.model,
                "dataset": spec.dataset.name if spec.dataset else None},
        licence=licence, notice=notice)
    run_id = digest("import", "inspect", provenance["source"]["sha256"])
    provider_name, _, model = spec.model.partition("/")
    params = spec.model_generate_config.model_dump(exclude_none=True)
    variant = slug(spec.task_display_name or spec.task)
    limit, limit_source = _limit(log)
    identity = {"tool": "inspect_ai", "model": spec.model, "params": params}
    prompts = [_prompt(sample) for sample in samples]
    built = []
    repeats = occurrences([(prompt, a, b) for prompt, (a, b) in zip(prompts, operands)])
    for sample, (a, b), prompt, occurrence in zip(samples, operands, prompts, repeats):
        reply = _reply(sample, model, limit, limit_source)
        recorded_expected = _expected(sample)
        record, reason = build_record(
            record_id=digest("inspect", sample.uuid or f"{spec.eval_id}/{sample.id}/{sample.epoch}"), run_id=run_id,
            item_key=imported_item_key("inspect", identity, prompt, a, b, occurrence),
            model_label=spec.model, provider=f"inspect:{provider_name}", model=model or spec.model, params=params,
            variant=variant, a=a, b=b, prompt=prompt, reply=reply, recorded_verdict=_verdict(sample),
            recorded_expected=recorded_expected, created_at=str(sample.completed_at or spec.created or utc_now()))
        built.append(Built(record, reason, recorded_expected, reply.split.reasoning_in_output,
                           (str(sample.id), sample.epoch)))
    summary = ImportSummary(source=path.name, format="inspect")
    records = finish_records(built, summary)
    if log.status != "success":
        summary.notes.append(f"note: the log's status is {log.status!r}; its samples were imported as recorded")
    run = Run(name=f"inspect: {spec.task}", fingerprint=provenance["source"]["sha256"], command=command,
              config={"format": "inspect", "task": spec.task, "model": spec.model, "generate_config": params,
                      "token_limit": limit},
              provenance=provenance, runner_version=__version__, run_id=run_id, started_at=str(spec.created))
    return ParsedImport(runs=[run], records=records, summary=summary, source=path.name)


class InspectLogs:
    format = "inspect"

    def parse(self, path: Path, data: object | None, provenance: Provenance) -> ParsedImport:
        return parse_inspect(path, command=provenance.command, licence=provenance.licence, notice=provenance.notice)
