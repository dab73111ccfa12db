"""The provider catalogue: the one place that knows providers, their credentials and rules.

Models, serializers, the admin, the page and the commands all read this module; none of them
repeats a provider id, a range or an option name.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from credentials import netguard

OPEN_AI = "open_ai"
OPEN_ROUTER = "open_router"
ANTHROPIC = "anthropic"
OLLAMA = "ollama"
CUSTOM_HTTP = "custom_http"

SECRET_FIELDS = ("api_key", "token")


@dataclass(frozen=True)
class CredentialField:
    name: str
    label: str
    required: bool
    secret: bool = False
    kind: str = "string"  # "string", "url" or "list"


@dataclass(frozen=True)
class Range:
    minimum: float
    maximum: float

    def contains(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class ApiCall:
    """One GET to a provider: the path below its base URL and how the secret travels.

    `auth` is "bearer" (`Authorization: Bearer …`) or "x-api-key" (Anthropic's header);
    `headers` are sent on every call whatever the secret (e.g. Anthropic's API version).
    """

    path: str
    auth: str = "bearer"
    headers: tuple[tuple[str, str], ...] = ()
    # Where the answer lists the models, and the key holding each model's id.
    items_key: str = "data"
    id_key: str = "id"
    # Query parameters sent on every call; `paged`: the answer says `has_more` and `last_id`,
    # and the next page is asked for with `after_id` (Anthropic).
    params: tuple[tuple[str, str | int], ...] = ()
    paged: bool = False

    def request_headers(self, secret: str) -> dict[str, str]:
        headers = dict(self.headers)
        if secret and self.auth == "x-api-key":
            headers["x-api-key"] = secret
        elif secret:
            headers["Authorization"] = f"Bearer {secret}"
        return headers


@dataclass(frozen=True)
class LegacyFields:
    """How a provider appears in the old single-provider fields of config.json (REFERENCE §2b).

    Triplo's own per-provider model keys are not public: when one is known, it is one more
    name in `model_keys`.
    """

    source: str  # the `ai_source` Triplo understands
    enable_flag: str  # the user's switch an export turns on (never off) for an active profile
    key: str = ""  # where its API key is written
    model_keys: tuple[str, ...] = ()  # where the active profile's model is written
    # What a model id of this provider looks like in `openai_model` ("" accepts any), and the
    # vendor prefix a bare OpenAI id gets (OpenRouter names `gpt-4o` `openai/gpt-4o`).
    model_pattern: str = ""
    openai_vendor_prefix: str = ""
    # Which credential fields are Triplo's local-LLM fields (the Ollama server's), as
    # (credential field, config.json key).
    credential_keys: tuple[tuple[str, str], ...] = ()
    # How an active profile of this provider reaches Triplo's local-LLM path: "list" (its
    # model is one of `ollama_models`), "endpoint" (its server root becomes `ollama_url`,
    # its model the only one listed: an OpenAI-compatible server), "" (not at all: hosted).
    local_llm: str = ""


_MODELS = ApiCall("/models")


@dataclass(frozen=True)
class Provider:
    id: str
    label: str
    credential_fields: tuple[CredentialField, ...]
    legacy: LegacyFields
    temperature: Range = Range(0.0, 2.0)
    presence_penalty: Range = Range(-2.0, 2.0)
    default_model: str = ""
    aliases: tuple[str, ...] = field(default=())
    models_call: ApiCall = _MODELS
    # The connection test: a call that fails on a bad credential. None: the model list is one.
    test_call: ApiCall | None = None

    @property
    def connection_test(self) -> ApiCall:
        return self.test_call or self.models_call

    @property
    def supports_presence_penalty(self) -> bool:
        return self.presence_penalty != Range(0.0, 0.0)

    def required_fields(self) -> list[str]:
        return [f.name for f in self.credential_fields if f.required]

    @property
    def endpoint_field(self) -> str:
        """The credential field holding the address; "" for a hosted provider, whose base URL
        is the TRIPLO_PROVIDER_BASE_URLS setting."""
        return next((f.name for f in self.credential_fields if f.kind == "url"), "")

    @property
    def secret_field(self) -> str:
        """The credential field holding what authenticates a call."""
        return next(f.name for f in self.credential_fields if f.secret)


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
