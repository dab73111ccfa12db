"""The shapes of a catalogue entry (credentials.providers holds the entries themselves)."""

from dataclasses import dataclass, field


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
