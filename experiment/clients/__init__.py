"""Model clients: one small interface (``Client.ask``) over each provider's HTTP API.

``make_client`` picks the class for a configured provider; ``PROVIDERS`` lists the names a configuration
file may use.
"""

from __future__ import annotations

from experiment.clients.anthropic_messages import AnthropicMessagesClient
from experiment.clients.base import Client, PermanentError, Reply, TransientError
from experiment.clients.openai_chat import OpenAIChatClient
from experiment.clients.openai_completions import OpenAICompletionsClient

CLIENT_CLASSES: dict[str, type[Client]] = {
    "openai-chat": OpenAIChatClient,
    "openai-completions": OpenAICompletionsClient,
    "anthropic": AnthropicMessagesClient,
}
PROVIDERS: tuple[str, ...] = tuple(CLIENT_CLASSES)


def make_client(provider: str, base_url: str, model: str, params: dict, api_key: str | None) -> Client:
    return CLIENT_CLASSES[provider](base_url=base_url, model=model, params=params, api_key=api_key)


__all__ = ["Client", "PermanentError", "Reply", "TransientError", "PROVIDERS", "make_client"]
