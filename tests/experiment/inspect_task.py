"""A real Inspect AI task that asks multiplications, answered by inspect_ai's built-in ``mockllm/model``
through a function that reads the question, so that inspect_ai itself writes the log the tests import.

The mock answers like a reasoning model: a ``ContentReasoning`` part with its working, then the answer,
with usage that reports reasoning tokens. A question containing "stop early" is cut at the token limit
(stop reason ``max_tokens``, no answer), which is how a real provider reports truncation to Inspect.
"""

from __future__ import annotations

import re
from pathlib import Path

from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.dataset import Sample
from inspect_ai.model import (
    ChatCompletionChoice,
    ChatMessageAssistant,
    ContentReasoning,
    ContentText,
    ModelOutput,
    ModelUsage,
    get_model,
)
from inspect_ai.scorer import includes
from inspect_ai.solver import generate

MAX_TOKENS = 64


def mock_reply(messages, tools, tool_choice, config) -> ModelOutput:
    text = messages[-1].text.replace(",", "")
    a, b = (int(x) for x in re.findall(r"\d+", text)[:2])
    if "stop early" in text:
        message = ChatMessageAssistant(content=[ContentReasoning(reasoning=f"{a} x {b}: first {a} x 1 ="),
                                                ContentText(text="")], model="mockllm/model")
        choice = ChatCompletionChoice(message=message, stop_reason="max_tokens")
        return ModelOutput(model="mockllm/model", choices=[choice],
                           usage=ModelUsage(input_tokens=12, output_tokens=MAX_TOKENS, total_tokens=12 + MAX_TOKENS,
                                            reasoning_tokens=MAX_TOKENS))
    answer = a * b if a != 99 else a * b + 1  # one wrong answer
    message = ChatMessageAssistant(
        content=[ContentReasoning(reasoning=f"Long multiplication: {a} x {b} = {a * b}."),
                 ContentText(text=f"Final Answer: {answer}")], model="mockllm/model")
    return ModelOutput(model="mockllm/model", choices=[ChatCompletionChoice(message=message, stop_reason="stop")],
                       usage=ModelUsage(input_tokens=12, output_tokens=30, total_tokens=42, reasoning_tokens=20))


def multiplication_task(samples: list[Sample]) -> Task:
    return Task(name="multiply", dataset=samples, solver=generate(), scorer=includes())


def default_samples() -> list[Sample]:
    return [
        Sample(id="meta", input="Multiply the two numbers in the metadata: 12 times 34?", target="408",
               metadata={"a": 12, "b": 34}),
        Sample(id="text", input="What is 1,234 x 56?", target="69104"),
        Sample(id="wrong", input="Compute 99 * 99.", target="9801"),
        Sample(id="cut", input="Compute 4321 times 8765, stop early.", target=str(4321 * 8765)),
    ]


def write_log(folder: Path, samples: list[Sample] | None = None, log_format: str = "eval") -> Path:
    """Run the task with inspect_ai and return the path of the log it wrote."""
    model = get_model("mockllm/model", custom_outputs=mock_reply)
    logs = inspect_eval(multiplication_task(samples or default_samples()), model=model, log_dir=str(folder),
                        log_format=log_format, display="none", max_tokens=MAX_TOKENS)
    return Path(logs[0].location)
