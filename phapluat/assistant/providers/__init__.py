"""Answer providers: the extractive default, and any OpenAI-compatible chat-completions endpoint."""
from django.conf import settings

from .extractive import ExtractiveProvider
from .openai_compatible import OpenAICompatibleProvider


def configured_provider():
    config = settings.PHAPLUAT_ASSISTANT
    if config.get("provider") == "openai" and config.get("url"):
        return OpenAICompatibleProvider(url=config["url"], api_key=config.get("api_key", ""),
                                        model=config.get("model", ""), timeout=float(config.get("timeout", 8)))
    return ExtractiveProvider()
