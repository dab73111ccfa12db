"""Triplo's config.json vocabulary, and the conversion of a file into an import plan.

The conversion is a pure function (document in, plan out) so it can be tested on any JSON.
"""

import math
import uuid
from dataclasses import dataclass, field
from typing import Any

from credentials import providers
from credentials.providers import ANTHROPIC, CUSTOM_HTTP, OLLAMA, OPEN_AI, OPEN_ROUTER

PROFILES_KEY = "llm_profiles"
ACTIVE_KEY = "active_llm_profile"
CREDENTIALS_KEY = "provider_credentials"

# Hosted providers' legacy key fields and the flag that enables each.
KEY_FIELDS = {
    OPEN_AI: ("openai_key", "enable_openai_key"),
    OPEN_ROUTER: ("openrouter_key", "enable_openrouter_key"),
    ANTHROPIC: ("anthropic_key", "enable_anthropic_key"),
}
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


class ConversionError(ValueError):
    """The document cannot be turned into profiles; the message is one line for the user."""


@dataclass
class ProfileSpec:
    id: uuid.UUID
    name: str
    provider: str
    model: str
    temperature: float
    presence_penalty: float
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    profiles: list[ProfileSpec]
    credentials: dict[str, dict[str, Any]]
    active_id: uuid.UUID | None
    legacy: bool
    notes: list[str] = field(default_factory=list)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConversionError(f"{where} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):  # Python's json reads NaN/Infinity; SQLite stores NaN as NULL
        raise ConversionError(f"{where} must be a finite number, not {value}")
    return float(value)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConversionError(f"{where} must be a string, not {type(value).__name__}")
    return value


def _provider(value: Any, where: str) -> str:
    try:
        return providers.resolve(value).id
    except providers.UnknownProvider as exc:
        raise ConversionError(f"{where}: {exc}") from None


def _credential(provider: str, raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ConversionError(f"{where} must be an object")
    allowed = {f.name: f for f in providers.PROVIDERS[provider].credential_fields}
    result: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in allowed:
            raise ConversionError(f"{where}.{name}: not a field of {provider}")
        if value is None:
            if allowed[name].secret:  # an export writes an empty secret as null
                result[name] = ""
            continue
        if allowed[name].kind == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConversionError(f"{where}.{name} must be a list of strings")
            result[name] = value
        else:
            result[name] = _text(value, f"{where}.{name}")
    return result


def _profiles_format(settings: dict[str, Any]) -> ImportPlan:
    raw_profiles = settings[PROFILES_KEY]
    if not isinstance(raw_profiles, list):
        raise ConversionError(f"settings.{PROFILES_KEY} must be a list")
    specs = []
    for index, raw in enumerate(raw_profiles):
        where = f"settings.{PROFILES_KEY}[{index}]"
        if not isinstance(raw, dict):
            raise ConversionError(f"{where} must be an object")
        try:
            profile_id = uuid.UUID(str(raw.get("id")))
        except ValueError:
            raise ConversionError(f"{where}.id is not a UUID: {raw.get('id')!r}") from None
        if any(spec.id == profile_id for spec in specs):
            raise ConversionError(f"{where}.id {str(profile_id)!r} repeats an earlier profile's id")
        options = {} if raw.get("options") is None else raw["options"]
        spec = ProfileSpec(
            id=profile_id,
            name=_text(raw.get("name"), f"{where}.name"),
            provider=_provider(raw.get("provider"), f"{where}.provider"),
            model=_text(raw.get("model"), f"{where}.model"),
            temperature=_number(
                raw.get("temperature", providers.DEFAULT_TEMPERATURE), f"{where}.temperature"
            ),
            presence_penalty=_number(raw.get("presence_penalty", 0), f"{where}.presence_penalty"),
            options=options,
        )
        errors = providers.profile_errors(
            spec.provider, spec.temperature, spec.presence_penalty, spec.options
        )
        if errors:
            name, reasons = next(iter(errors.items()))
            raise ConversionError(f"{where}.{name}: {reasons[0]}")
        specs.append(spec)
    active = settings.get(ACTIVE_KEY)
    active_id = None
    if active is not None:
        active_id = next((s.id for s in specs if str(s.id) == str(active)), None)
        if active_id is None:
            raise ConversionError(f"settings.{ACTIVE_KEY} {active!r} is not one of the profiles")
    raw_credentials = settings.get(CREDENTIALS_KEY)
    raw_credentials = {} if raw_credentials is None else raw_credentials
    if not isinstance(raw_credentials, dict):
        raise ConversionError(f"settings.{CREDENTIALS_KEY} must be an object")
    credentials = {}
    for key, raw in raw_credentials.items():
        provider = _provider(key, f"settings.{CREDENTIALS_KEY}")
        credentials[provider] = _credential(provider, raw, f"settings.{CREDENTIALS_KEY}.{key}")
    return ImportPlan(specs, credentials, active_id, legacy=False)


def _clamped(value: float, limits: providers.Range, what: str, notes: list[str]) -> float:
    clamped = min(max(value, limits.minimum), limits.maximum)
    if clamped != value:
        notes.append(
            f"{what} {value:g} is outside {limits.minimum:g}..{limits.maximum:g}: using {clamped:g}"
        )
    return clamped


def _legacy_format(settings: dict[str, Any]) -> ImportPlan:
    provider = providers.PROVIDERS[
        _provider(settings.get("ai_source", OPEN_AI), "settings.ai_source")
    ]
    notes: list[str] = []
    credentials: dict[str, dict[str, Any]] = {}
    for provider_id, (key_field, _flag) in KEY_FIELDS.items():
        key = _text(settings.get(key_field, ""), f"settings.{key_field}")
        if key:
            credentials[provider_id] = {"api_key": key}
    ollama_url = _text(settings.get("ollama_url", ""), "settings.ollama_url")
    ollama_models = settings.get("ollama_models", [])
    if not isinstance(ollama_models, list) or not all(isinstance(m, str) for m in ollama_models):
        raise ConversionError("settings.ollama_models must be a list of strings")
    if ollama_url and (reasons := providers.url_errors(ollama_url)):
        # Triplo may hold a URL this project refuses; an unused leftover must not block the import.
        notes.append(f"settings.ollama_url is not used: it {reasons[0]}")  # never echoed
    elif ollama_url:
        credentials[OLLAMA] = {"url": ollama_url, "models": ollama_models}
    model = provider.default_model
    if provider.id == OPEN_AI:
        model = _text(settings.get("openai_model", model), "settings.openai_model") or model
    elif provider.id == OLLAMA and ollama_models:
        model = ollama_models[0]
    temperature = _number(settings.get("temperature", STOCK_TEMPERATURE), "settings.temperature")
    presence = _number(settings.get("presence_penalty", 0), "settings.presence_penalty")
    spec = ProfileSpec(
        id=uuid.uuid4(),
        name=f"{provider.label} (imported)",
        provider=provider.id,
        model=model[: providers.MODEL_MAX_LENGTH],
        temperature=_clamped(temperature, provider.temperature, "temperature", notes),
        presence_penalty=_clamped(presence, provider.presence_penalty, "presence_penalty", notes),
    )
    return ImportPlan([spec], credentials, spec.id, legacy=True, notes=notes)


def plan_from_document(document: Any) -> ImportPlan:
    """Profiles, credentials and the active profile described by a config.json document."""
    if not isinstance(document, dict):
        raise ConversionError("the document must be a JSON object")
    settings = document.get("settings", {})
    if not isinstance(settings, dict):
        raise ConversionError('"settings" must be a JSON object')
    if PROFILES_KEY in settings:
        return _profiles_format(settings)
    return _legacy_format(settings)


def legacy_source(provider_id: str) -> str:
    """The `ai_source` Triplo understands; custom HTTP goes through its local-LLM path."""
    return OLLAMA if provider_id == CUSTOM_HTTP else provider_id
