"""Each client over real HTTP against the fake provider: the answer and the reasoning land in the right
fields whatever shape the provider uses, and every failure is classified so the runner can act on it."""

import asyncio

import httpx
import pytest

from experiment.clients import PermanentError, TransientError, make_client
from experiment.clients.base import parse_retry_after
from experiment.clients.openai_chat import OpenAIChatClient
from experiment.clients.reasoning import split_think_tags
from experiment.prompts import render

PROMPT = render("plain", 123, 456)


def ask(provider, kind="openai-chat", model="fake", prompt=PROMPT, key="k-123", timeout=2.0):
    client = make_client(kind, provider.base_url, model, {"max_tokens": 64}, key)

    async def go():
        async with httpx.AsyncClient() as http:
            return await client.ask(http, prompt, timeout)
    return asyncio.run(go())


@pytest.mark.parametrize("style, source", [
    ("reasoning_content", "reasoning_content"),  # DeepSeek, vLLM, llama.cpp
    ("reasoning", "reasoning"),  # OpenRouter, Ollama
    ("reasoning_details", "reasoning_details"),  # OpenRouter structured
    ("think", "think_tags"),  # open models that leave <think> in the content
])
def test_chat_reasoning_is_captured_wherever_the_provider_puts_it(provider, style, source):
    provider.chat_reasoning = style
    reply = ask(provider)
    assert reply.reasoning == "I multiply the numbers step by step."
    assert reply.answer.strip() == "Final Answer: 56088"
    assert (reply.reasoning_visibility, reply.reasoning_source) == ("full", source)
    assert reply.reasoning_tokens == 7
    assert reply.finish_reason == "stop"
    assert '"choices"' in reply.raw and reply.http_status == 200


def test_chat_without_reasoning_and_the_key_goes_in_the_header(provider):
    reply = ask(provider)
    assert (reply.answer, reply.reasoning, reply.reasoning_visibility) == ("Final Answer: 56088", "", "none")
    assert provider.auth_headers == {"Bearer k-123"}


def test_hidden_reasoning_shows_as_a_token_count_only():
    data = {"choices": [{"message": {"content": "Final Answer: 4"}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 5, "completion_tokens": 90,
                      "completion_tokens_details": {"reasoning_tokens": 80}}}
    reply = OpenAIChatClient("http://x/v1", "o3", {}, None).parse(data, PROMPT)
    assert (reply.reasoning_visibility, reply.reasoning_tokens, reply.reasoning) == ("hidden", 80, "")


def test_openrouter_summaries_and_encrypted_reasoning():
    client = OpenAIChatClient("http://x/v1", "m", {}, None)
    summary = {"choices": [{"message": {"content": "Final Answer: 4", "reasoning_details": [
        {"type": "reasoning.summary", "summary": "Multiplied."}]}, "finish_reason": "stop"}]}
    encrypted = {"choices": [{"message": {"content": "Final Answer: 4", "reasoning_details": [
        {"type": "reasoning.encrypted", "data": "xyz"}]}, "finish_reason": "stop"}]}
    assert client.parse(summary, PROMPT).reasoning_visibility == "summary"
    assert client.parse(encrypted, PROMPT).reasoning_visibility == "hidden"


@pytest.mark.parametrize("content, reasoning, answer", [
    ("<think>step 1</think>Final Answer: 4", "step 1", "Final Answer: 4"),
    ("step 1\nstep 2\n</think>\n\nFinal Answer: 4", "step 1\nstep 2", "Final Answer: 4"),  # opening tag eaten
    ("<think>still thinking when the limit hit", "still thinking when the limit hit", ""),
])
def test_think_tags_including_a_missing_opening_tag(content, reasoning, answer):
    assert split_think_tags(content) == (reasoning, answer)


def test_completions_for_a_base_model_keep_the_working_as_reasoning(provider):
    provider.answer = lambda a, b: f"{a} x 6 = {a * 6}\n{a} x 450 = {a * 450}\nFinal Answer: {a * b}"
    reply = ask(provider, "openai-completions", prompt=render("few-shot", 123, 456))
    assert reply.reasoning == "123 x 6 = 738\n123 x 450 = 55350\n"
    assert reply.answer == "Final Answer: 56088"
    assert reply.reasoning_source == "completion"


@pytest.mark.parametrize("model, visibility", [("claude-sonnet-4-5", "summary"), ("claude-3-7-sonnet", "full")])
def test_anthropic_thinking_blocks(provider, model, visibility):
    reply = ask(provider, "anthropic", model=model)
    assert reply.reasoning == "Long multiplication, digit by digit."
    assert reply.answer == "Final Answer: 56088"
    assert reply.reasoning_visibility == visibility
    assert provider.auth_headers == {"k-123"}  # sent as x-api-key


@pytest.mark.parametrize("fault, message", [
    ("429", "HTTP 429"), ("500", "HTTP 500"), ("503", "HTTP 503"), ("drop", "connection failed"),
    ("malformed", "not valid JSON"), ("hang", "timed out"),
])
def test_transient_failures_are_worth_retrying(provider, fault, message):
    provider.faults.append(fault)
    provider.hang_seconds = 0.6
    with pytest.raises(TransientError, match=message) as caught:
        ask(provider, timeout=0.3)
    if fault == "429":
        assert caught.value.retry_after == 1.0


@pytest.mark.parametrize("fault, fatal", [("401", True), ("400", False)])
def test_permanent_failures_and_which_stop_the_run(provider, fault, fatal):
    provider.faults.append(fault)
    with pytest.raises(PermanentError) as caught:
        ask(provider)
    assert caught.value.fatal is fatal


def test_retry_after_as_seconds_or_http_date():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None


def test_the_key_never_shows_in_a_clients_repr():
    client = make_client("openai-chat", "http://x/v1", "m", {}, "sk-very-secret")
    assert "sk-very-secret" not in repr(client)
