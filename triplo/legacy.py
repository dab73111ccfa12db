"""Triplo's config.json vocabulary, and the conversion of a file into an import plan
(the profiles this project writes are read by profiles.document; the old single-provider
fields are read here).

The conversion is a pure function (document in, plan out) so it can be tested on any JSON.
"""

import contextlib
import json
import math
import re
import uuid
from typing import Any

from credentials import providers
from credentials.providers import OLLAMA, OPEN_AI
from profiles.document import (
    PROFILES_KEY,
    ConversionError,
    ImportPlan,
    ProfileSpec,
    plan_from_profiles,
)

# The legacy fields that hold hosted providers' API keys (from the catalogue).
KEY_FIELDS = frozenset(p.legacy.key for p in providers.PROVIDERS.values() if p.legacy.key)
# The user's own switches ("Enable OpenAI", "Enable Local LLMs"…): an export turns on the one
# the active profile needs and never turns one off.
ENABLE_FLAGS = frozenset(p.legacy.enable_flag for p in providers.PROVIDERS.values())
# Fields Triplo reads for its model: a change to any of them needs a Triplo restart.
TRIPLO_READS = (
    "ai_source",
    "openai_key",
    "openrouter_key",
    "anthropic_key",
    "enable_openai_key",
    "enable_openrouter_key",
    "enable_anthropic_key",
    "openai_model",
    "temperature",
    "presence_penalty",
    "enable_ollama",
    "ollama_url",
    "ollama_models",
)


# Triplo's own default for a legacy file without a temperature (its stock config.json).
STOCK_TEMPERATURE = 0.5


def _clamped(value: float, limits: providers.Range, what: str, notes: list[str]) -> float:
    clamped = min(max(value, limits.minimum), limits.maximum)
    if clamped != value:
        notes.append(
            f"{what} {value:g} is outside {limits.minimum:g}..{limits.maximum:g}: using {clamped:g}"
        )
    return clamped


def _shown(value: Any) -> str:
    """A non-secret value as the report quotes it: JSON, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def _legacy_number(settings: dict[str, Any], key: str, default: float, notes: list[str]) -> float:
    """A number however the writers left it: the old web UI saves a cleared field as null,
    a hand edit may quote it. Whatever is not a number becomes the default, with a note."""
    value = settings.get(key, default)
    number = math.nan
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        with contextlib.suppress(ValueError, OverflowError):  # "hot", 10**400
            number = float(value)
    if math.isfinite(number):
        if isinstance(value, str):
            notes.append(f"settings.{key} {_shown(value)} is text: read as {number:g}")
        return number
    notes.append(f"settings.{key} {_shown(value)} is not a number: using {default:g}")
    return default


def source_provider(value: Any) -> providers.Provider | None:
    """The provider an `ai_source` names; None for anything Triplo would not understand
    (a provider of a newer Triplo, a custom HTTP endpoint, which travels as "ollama")."""
    provider_id = providers.canonical_id(value)
    if provider_id is None or providers.PROVIDERS[provider_id].legacy.source != provider_id:
        return None
    return providers.PROVIDERS[provider_id]


def _legacy_source(settings: dict[str, Any], notes: list[str]) -> providers.Provider:
    value = settings.get("ai_source", OPEN_AI)
    if provider := source_provider(value):
        return provider
    notes.append(f"settings.ai_source {_shown(value)} is not a Triplo AI source: using OpenAI")
    return providers.PROVIDERS[OPEN_AI]  # Triplo's default


def _legacy_key(settings: dict[str, Any], provider: providers.Provider, notes: list[str]) -> str:
    value = settings.get(provider.legacy.key, "")
    if isinstance(value, str) and len(value) <= providers.MAX_VALUE_LENGTH:
        return value.strip()
    notes.append(f"settings.{provider.legacy.key} is not a usable key: no {provider.label} key")
    return ""  # the value is a secret: never quoted


def ollama_models_of(settings: dict[str, Any], notes: list[str]) -> list[str]:
    """`ollama_models` as a clean list, however it was left (null, a comma list…)."""
    given = settings.get("ollama_models", [])
    value = given.split(",") if isinstance(given, str) else given  # the old env's comma list
    value = value if isinstance(value, list) else []
    models = list(dict.fromkeys(m.strip() for m in value if isinstance(m, str) and m.strip()))
    if models != given:
        notes.append(f"settings.ollama_models {_shown(given)}: using {_shown(models)}")
    return models


def imported_model(provider_id: str, value: str) -> str | None:
    """The model `openai_model` names for this provider; None when it names another's."""
    legacy = providers.PROVIDERS[provider_id].legacy
    if not legacy.model_pattern or re.fullmatch(legacy.model_pattern, value):
        return value
    if legacy.openai_vendor_prefix and re.fullmatch(providers.OPENAI_MODEL_PATTERN, value):
        return legacy.openai_vendor_prefix + value
    return None


def _legacy_model(
    settings: dict[str, Any], provider: providers.Provider, models: list[str], notes: list[str]
) -> str:
    if provider.legacy.local_llm == "list":
        return models[0] if models else provider.default_model
    if not provider.legacy.model_keys or "openai_model" not in settings:
        return provider.default_model
    value = settings["openai_model"]
    model = imported_model(provider.id, value.strip()) if isinstance(value, str) else None
    if not model:
        notes.append(
            f"settings.openai_model {_shown(value)} names no {provider.label} model: "
            f"using {provider.default_model}"
        )
        return provider.default_model
    return model


def _legacy_format(settings: dict[str, Any], notes: list[str]) -> ImportPlan:
    """The old single-provider fields. Never refused: every value a real writer leaves
    converts, with a default and a note, so a start-up import cannot stop the service."""
    provider = _legacy_source(settings, notes)
    credentials: dict[str, dict[str, Any]] = {}
    for hosted in providers.PROVIDERS.values():
        if hosted.legacy.key and (key := _legacy_key(settings, hosted, notes)):
            credentials[hosted.id] = {"api_key": key}
    ollama_url = settings.get("ollama_url", "")
    ollama_models = ollama_models_of(settings, notes)
    if not isinstance(ollama_url, str):
        notes.append(f"settings.ollama_url {_shown(ollama_url)} is not text: not used")
    elif ollama_url.strip() and (reasons := providers.url_errors(ollama_url)):
        # Triplo may hold a URL this project refuses; an unused leftover must not block the import.
        notes.append(f"settings.ollama_url is not used: it {reasons[0]}")  # never echoed
    elif ollama_url.strip():
        credentials[OLLAMA] = {"url": ollama_url, "models": ollama_models}
    temperature = _legacy_number(settings, "temperature", STOCK_TEMPERATURE, notes)
    presence = _legacy_number(settings, "presence_penalty", 0.0, notes)
    spec = ProfileSpec(
        id=uuid.uuid4(),
        name=f"{provider.label} (imported)",
        provider=provider.id,
        model=_legacy_model(settings, provider, ollama_models, notes)[: providers.MODEL_MAX_LENGTH],
        temperature=_clamped(temperature, provider.temperature, "temperature", notes),
        presence_penalty=_clamped(presence, provider.presence_penalty, "presence_penalty", notes),
    )
    return ImportPlan([spec], credentials, spec.id, legacy=True, notes=notes)


def plan_from_document(document: Any) -> ImportPlan:
    """Profiles, credentials and the active profile described by a config.json document."""
    if not isinstance(document, dict):
        raise ConversionError("the document must be a JSON object")
    notes = [] if "settings" in document else ['no "settings" in the file: Triplo\'s defaults']
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise ConversionError('"settings" must be a JSON object')
    if PROFILES_KEY in settings:
        return plan_from_profiles(settings)
    return _legacy_format(settings, notes)


def legacy_source(provider_id: str) -> str:
    """The `ai_source` Triplo understands; custom HTTP goes through its local-LLM path."""
    return providers.PROVIDERS[provider_id].legacy.source


def server_root(base_url: str) -> str:
    """The URL Triplo's local-LLM path appends its own paths to (`/v1/models`, `/api/tags`):
    an OpenAI-compatible base URL without its `/v1`."""
    url = base_url.rstrip("/")
    return url.removesuffix("/v1")
