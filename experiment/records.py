"""Building the stored record of one item from what happened to its request."""

from __future__ import annotations

from experiment.grading import error_grade, grade
from experiment.plan import Item
from experiment.results import Record, new_id, utc_now
from experiment.retrying import Exchange


def make_record(item: Item, exchange: Exchange, run_id: str) -> Record:
    """A self-describing record: the question, the verbatim prompt, the reply split into answer and
    reasoning, the grade, and the raw response, so a later version can re-grade without asking again."""
    problem, model, reply = item.problem, item.model, exchange.reply
    result = (grade(reply.answer, reply.finish_reason, reply.refused, problem.a, problem.b)
              if reply is not None else error_grade())
    scores = result.scores
    return Record(
        record_id=new_id(),
        run_id=run_id,
        item_key=item.key,
        model_label=model.label,
        provider=model.provider,
        model=model.model,
        params=model.params,
        variant=item.prompt.variant,
        m=problem.m,
        n=problem.n,
        sample=problem.sample,
        a=problem.a,
        b=problem.b,
        product=problem.product,
        prompt=item.prompt.text,
        answer=reply.answer if reply else "",
        reasoning=reply.reasoning if reply else "",
        reasoning_visibility=reply.reasoning_visibility if reply else "none",
        reasoning_source=reply.reasoning_source if reply else None,
        outcome=result.outcome,
        extracted=result.extraction.text,
        extracted_value=result.extraction.value,
        extraction_rule=result.extraction.rule,
        digit_accuracy=scores.digit_accuracy if scores else None,
        length_correct=scores.length_correct if scores else None,
        leading_digits_correct=scores.leading_digits_correct if scores else None,
        trailing_digits_correct=scores.trailing_digits_correct if scores else None,
        relative_error=scores.relative_error if scores else None,
        finish_reason=reply.finish_reason if reply else None,
        prompt_tokens=reply.prompt_tokens if reply else None,
        completion_tokens=reply.completion_tokens if reply else None,
        reasoning_tokens=reply.reasoning_tokens if reply else None,
        latency_s=reply.latency_s if reply else None,
        retries=exchange.retries,
        http_status=reply.http_status if reply else exchange.error_status,
        error=None if reply else exchange.error,
        raw_response=reply.raw if reply else exchange.error_body,
        created_at=utc_now(),
    )
