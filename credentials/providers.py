"""The provider catalogue: the one place that knows providers, their credentials and rules.

Models, serializers, the admin, the page and the commands all read this module; none of them
repeats a provider id, a range or an option name.
"""

import unicodedata
from typing import Any
from urllib.parse import urlsplit

from credentials import netguard
from credentials.provider_types import (
    ApiCall,
    CredentialField,
    LegacyFields,
    Provider,
    Range,
)

OPEN_AI = "open_ai"
OPEN_ROUTER = "open_router"
ANTHROPIC = "anthropic"
OLLAMA = "ollama"
CUSTOM_HTTP = "custom_http"

SECRET_FIELDS = ("api_key", "token")


_API_KEY = CredentialField("api_key", "API key", required=True, secret=True)
# The old container's one model field, whatever the provider (REFERENCE §2b).
_MODEL_KEYS = ("openai_model",)
# OpenAI's own model ids (gpt-4o, chatgpt-4o-latest, o1, o3-mini, o4-mini…).
OPENAI_MODEL_PATTERN = r"(gpt-|chatgpt-|o[1-9])\S*"
# Local models: Triplo's local-LLM path, switched on by "Enable Local LLMs".
_LOCAL = {"source": OLLAMA, "enable_flag": "enable_ollama"}

PROVIDERS: dict[str, Provider] = {
    p.id: p
    for p in (
        Provider(
            OPEN_AI,
            "OpenAI",
            (_API_KEY,),
            LegacyFields(OPEN_AI, "enable_openai_key", "openai_key", _MODEL_KEYS),
            default_model="gpt-4o-mini",
            aliases=("openai",),
        ),
        Provider(
            OPEN_ROUTER,
            "OpenRouter",
            (_API_KEY,),
            LegacyFields(
                OPEN_ROUTER,
                "enable_openrouter_key",
                "openrouter_key",
                _MODEL_KEYS,
                model_pattern=r"[^/\s]+/\S+",
                openai_vendor_prefix="openai/",
            ),
            default_model="openai/gpt-4o-mini",
            aliases=("openrouter",),
            # GET /models answers 200 without any key; GET /key answers 401 for a bad one.
            test_call=ApiCall("/key"),
        ),
        Provider(
            ANTHROPIC,
            "Anthropic",
            (_API_KEY,),
            LegacyFields(
                ANTHROPIC,
                "enable_anthropic_key",
                "anthropic_key",
                _MODEL_KEYS,
                model_pattern=r"claude\S*",
            ),
            temperature=Range(0.0, 1.0),
            presence_penalty=Range(0.0, 0.0),
            default_model="claude-3-5-haiku-latest",
            models_call=ApiCall(
                "/models",
                auth="x-api-key",
                headers=(("anthropic-version", "2023-06-01"),),
                params=(("limit", 1000),),
                paged=True,
            ),
        ),
        Provider(
            OLLAMA,
            "Ollama",
            (
                CredentialField("url", "Server URL", required=True, kind="url"),
                CredentialField("token", "Bearer token", required=False, secret=True),
                CredentialField("models", "Local models", required=False, kind="list"),
            ),
            LegacyFields(
                **_LOCAL,
                credential_keys=(("url", "ollama_url"), ("models", "ollama_models")),
                local_llm="list",
            ),
            default_model="llama3",
            models_call=ApiCall("/api/tags", items_key="models", id_key="name"),
        ),
        Provider(
            CUSTOM_HTTP,
            "Custom HTTP (OpenAI-compatible)",
            (
                CredentialField("base_url", "Base URL", required=True, kind="url"),
                CredentialField("api_key", "API key", required=False, secret=True),
            ),
            LegacyFields(**_LOCAL, local_llm="endpoint"),
            aliases=("custom",),
        ),
    )
}

PROVIDER_CHOICES = [(p.id, p.label) for p in PROVIDERS.values()]
ALIASES = {alias: p.id for p in PROVIDERS.values() for alias in (p.id, *p.aliases)}

DEFAULT_TEMPERATURE = 0.7
DEFAULT_PRESENCE_PENALTY = 0.0
NAME_MAX_LENGTH = 100
MODEL_MAX_LENGTH = 200
MAX_VALUE_LENGTH = 4096  # any credential field
MAX_TOKENS_RANGE = (1, 1_000_000)
OPTION_KINDS: dict[str, type] = {"max_tokens": int, "json_mode": bool, "stream": bool}
ALL_TEMPERATURES = Range(
    min(p.temperature.minimum for p in PROVIDERS.values()),
    max(p.temperature.maximum for p in PROVIDERS.values()),
)
ALL_PRESENCE_PENALTIES = Range(
    min(p.presence_penalty.minimum for p in PROVIDERS.values()),
    max(p.presence_penalty.maximum for p in PROVIDERS.values()),
)


class UnknownProvider(ValueError):
    pass


def resolve(provider_id: Any) -> Provider:
    """The provider for an id or alias (case-insensitive); UnknownProvider otherwise."""
    if isinstance(provider_id, str):
        canonical = ALIASES.get(provider_id.strip().lower())
        if canonical:
            return PROVIDERS[canonical]
    known = ", ".join(PROVIDERS)
    raise UnknownProvider(f"unknown provider {provider_id!r}; expected one of: {known}")


def canonical_id(provider_id: Any) -> str | None:
    """The canonical id for an id or alias, None when it names no provider."""
    try:
        return resolve(provider_id).id
    except UnknownProvider:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def option_errors(options: Any) -> list[str]:
    """Reasons why `options` is not acceptable; empty when it is."""
    if not isinstance(options, dict):
        return ["must be an object"]
    errors = []
    for key, value in options.items():
        kind = OPTION_KINDS.get(key)
        if kind is None:
            errors.append(f"unknown option {key!r}; allowed: {', '.join(OPTION_KINDS)}")
        elif kind is bool and not isinstance(value, bool):
            errors.append(f"{key} must be true or false")
        elif kind is int:
            low, high = MAX_TOKENS_RANGE
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                errors.append(f"{key} must be a whole number from {low:,} to {high:,}")
    return errors


def profile_errors(
    provider_id: Any, temperature: Any, presence_penalty: Any, options: Any
) -> dict[str, list[str]]:
    """Field -> reasons for a profile that breaks its provider's rules; empty when valid."""
    try:
        provider = resolve(provider_id)
    except UnknownProvider as exc:
        return {"provider": [str(exc)]}
    errors: dict[str, list[str]] = {}
    t = provider.temperature
    if not _is_number(temperature) or not t.contains(temperature):
        errors["temperature"] = [
            f"{provider.label} temperature must be between {t.minimum:g} and {t.maximum:g}"
        ]
    p = provider.presence_penalty
    if not _is_number(presence_penalty) or not p.contains(presence_penalty):
        if provider.supports_presence_penalty:
            message = f"must be between {p.minimum:g} and {p.maximum:g}"
        else:
            message = f"{provider.label} does not support presence penalty; it must be 0"
        errors["presence_penalty"] = [message]
    if reasons := option_errors(options):
        errors["options"] = reasons
    return errors


def name_errors(name: str) -> list[str]:
    """Reasons why a profile name cannot be used; empty when it can.

    Zero-width, bidirectional and other control characters (Unicode categories Cc and Cf) make
    two different names look the same, or a name read backwards, so they are refused.
    """
    if len(name) > NAME_MAX_LENGTH:
        return [f"at most {NAME_MAX_LENGTH} characters"]
    hidden = sorted({f"U+{ord(c):04X}" for c in name if unicodedata.category(c) in ("Cc", "Cf")})
    if hidden:
        return [
            f"must not contain invisible or text-direction control characters ({', '.join(hidden)})"
        ]
    return []


def catalogue() -> list[dict[str, Any]]:
    """The catalogue as plain data, for API clients and the page."""
    low, high = MAX_TOKENS_RANGE
    return [
        {
            "id": p.id,
            "label": p.label,
            "aliases": list(p.aliases),
            "default_model": p.default_model,
            "credential_fields": [
                {
                    "name": f.name,
                    "label": f.label,
                    "required": f.required,
                    "secret": f.secret,
                    "kind": f.kind,
                }
                for f in p.credential_fields
            ],
            "temperature": {"min": p.temperature.minimum, "max": p.temperature.maximum},
            "presence_penalty": {
                "min": p.presence_penalty.minimum,
                "max": p.presence_penalty.maximum,
                "supported": p.supports_presence_penalty,
            },
            "options": {
                "max_tokens": {"type": "integer", "min": low, "max": high},
                "json_mode": {"type": "boolean"},
                "stream": {"type": "boolean"},
            },
        }
        for p in PROVIDERS.values()
    ]


def url_errors(value: Any) -> list[str]:
    """Reasons why a provider URL cannot be used; link-local/metadata hosts are refused
    (credentials.netguard says which and how they are read)."""
    if not isinstance(value, str):
        return ["must be a string"]
    if len(value) > 2000:
        return ["at most 2000 characters"]
    try:
        parsed = urlsplit(value.strip())
        parsed.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        return ["is not a valid URL"]
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return ["must be an http:// or https:// URL with a host"]
    if parsed.username or parsed.password:
        return ["must not contain a user name or password; use the token field"]
    return netguard.host_errors(value.strip())
