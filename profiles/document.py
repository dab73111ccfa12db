"""The exported state as plain data, built in one place, and read back.

config.json's profile keys (triplo.export) and a bundle (profiles.bundles) are both
`exported_state()`, with secrets in clear or left out; the history (history.snapshot) reads
the same fields and `credential_document` with secrets as hints;
`plan_from_profiles` reads the same shape back into an import plan.
"""

import functools
import json
import math
import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

import orjson
from django.db.models import TextField
from django.db.models.functions import Cast

from core.changes import committed_snapshot
from core.compiled import CompiledQuery
from core.errors import UserError
from credentials import providers
from credentials.models import ProviderCredential
from profiles.models import LlmProfile

PROFILES_KEY = "llm_profiles"
ACTIVE_KEY = "active_llm_profile"
CREDENTIALS_KEY = "provider_credentials"

# The fields a profile is made of (besides its id, position and active flag): the one list.
PROFILE_FIELDS = ("name", "provider", "model", "temperature", "presence_penalty", "options")

Secrets = Literal["values", "hints", "omitted"]


class ConversionError(UserError, ValueError):
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


@functools.lru_cache(maxsize=65536)
def _id_text(stored: str) -> str:
    """A profile id as text in its usual form: SQLite stores the 32 hex digits, PostgreSQL's
    cast gives the dashed form already. Remembered (an id never changes): every export
    converts every id, and formatting them took 1 ms at 1,000 profiles, a lookup a third."""
    if len(stored) != 32:
        return stored
    return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"


def _json(text: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # NaN or Infinity, which Django's json.dumps writes
        return json.loads(text)


# The ordered SELECT of every profile's id, fields and active flag, compiled once
# (core.compiled); id and options come as text and are converted below (Django's UUID and JSON
# converters took twice as long). Through the ORM, compiling it and converting the rows cost an
# activation at 1,000 profiles twice what the statement itself does.
_COLUMNS = ("id", *PROFILE_FIELDS, "is_active")
_PROFILE_ROWS = CompiledQuery(
    lambda: LlmProfile.objects.ordered().values_list(
        *(Cast(n, TextField()) if n in ("id", "options") else n for n in _COLUMNS)
    )
)


def _profiles_and_active() -> tuple[list[dict[str, Any]], str | None]:
    """Every profile in order as `llm_profiles` holds it, and the (first) active one's id,
    from one statement; each document is built as one literal (dict(zip()) took four times
    as long)."""
    documents, active = [], None
    # The columns of _PROFILE_ROWS: id, PROFILE_FIELDS in their order, the active flag.
    rows = _PROFILE_ROWS.rows()
    for pk, name, provider, model, temperature, presence_penalty, options, is_active in rows:
        documents.append(
            {
                "id": _id_text(pk),
                "name": name,
                "provider": provider,
                "model": model,
                "temperature": temperature,
                "presence_penalty": presence_penalty,
                "options": _json(options),
            }
        )
        if is_active and active is None:
            active = documents[-1]["id"]
    return documents, active


def credential_document(credential: ProviderCredential, secrets: Secrets = "values") -> dict:
    """A credential in the shape of `provider_credentials`: each secret in clear ("values"; an
    empty one is null), as its stored hint under `<name>_hint` ("hints"), or left out."""
    document: dict[str, Any] = {}
    for spec in providers.PROVIDERS[credential.provider].credential_fields:
        if not spec.secret:
            document[spec.name] = getattr(credential, spec.name)
        elif secrets == "values":
            document[spec.name] = getattr(credential, spec.name) or None
        elif secrets == "hints":
            document[f"{spec.name}_hint"] = getattr(credential, f"{spec.name}_hint")
    return document


def exported_state(secrets: Secrets = "values") -> dict[str, Any]:
    """Profiles (ordered), the active profile's id and the credentials (in catalogue order),
    from one consistent read (core.changes.committed_snapshot, which waits for no change);
    only "values" decrypts the secrets, each once."""
    with committed_snapshot():
        profiles, active = _profiles_and_active()  # the active flag comes with the rows
        stored = ProviderCredential.objects.stored(secrets == "values")
        credentials = {c.provider: c for c in stored}
    return {
        PROFILES_KEY: profiles,
        ACTIVE_KEY: active,
        CREDENTIALS_KEY: {
            provider_id: credential_document(credentials[provider_id], secrets)
            for provider_id in providers.PROVIDERS
            if provider_id in credentials
        },
    }


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


def plan_from_profiles(settings: dict[str, Any]) -> ImportPlan:
    """The plan a document in this project's own format describes (`settings` of a
    config.json holding profiles, or a bundle); ConversionError names what is wrong."""
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
