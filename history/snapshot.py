"""The exported LLM state as plain data, in the two forms the history uses.

The *recorded* form is what the head (history.head) keeps and what deltas compare,
section by section: "profiles" {id: fields, position and creation time}, "active",
"credentials" (secrets as hints) and Triplo's own settings. A profile's active flag is left
out (it follows from "active"), so an activation changes one small section only.

The *full* form is what a version shows, diffs and restores: profiles as an ordered list with
their position and active flag, as versions recorded before deltas still store it.
"""

from dataclasses import dataclass
from typing import Any

from credentials import providers
from credentials.models import ProviderCredential, SecretsUnreadable
from profiles.document import PROFILE_FIELDS, credential_document
from profiles.models import LlmProfile
from triplo import triplo_settings_service as triplo_settings

Secrets = dict[str, dict[str, str]]
State = dict[str, Any]

PROFILE_COLUMNS = ("id", *PROFILE_FIELDS, "position")
SETTINGS_KEY = triplo_settings.SNAPSHOT_KEY
EMPTY: State = {
    "profiles": {},
    "active": None,
    "credentials": {},
    SETTINGS_KEY: None,
}
_RANK = {provider_id: rank for rank, provider_id in enumerate(providers.PROVIDERS)}


@dataclass
class Current:
    """The live state but the profiles (history.head compares those in the database)."""

    rest: State  # active, credentials, triplo_settings
    secrets: Secrets | None  # None when the stored credentials cannot be decrypted


def read_current() -> Current:
    """Read inside every change: the credentials (a few rows) once, decrypted when the key
    reads them, and Triplo's own settings from config.json."""
    active = LlmProfile.objects.active_id()
    try:
        stored, readable = ProviderCredential.objects.stored(), True
    except SecretsUnreadable:
        stored, readable = ProviderCredential.objects.stored(secrets=False), False
    values, triplo_secrets = triplo_settings.snapshot()
    credentials = {c.provider: credential_document(c, "hints") for c in stored}
    secrets = None
    if readable:
        secrets = {
            **{c.provider: _secret_values(c) for c in stored},
            triplo_settings.SECRETS_KEY: triplo_secrets,
        }
    return Current(
        rest={
            "active": str(active) if active else None,
            "credentials": in_catalogue_order(credentials),
            SETTINGS_KEY: values,
        },
        secrets=secrets,
    )


def _secret_values(credential: ProviderCredential) -> dict[str, str]:
    specs = providers.PROVIDERS[credential.provider].credential_fields
    return {spec.name: getattr(credential, spec.name) for spec in specs if spec.secret}


def in_catalogue_order(credentials: dict[str, Any]) -> dict[str, Any]:
    return dict(sorted(credentials.items(), key=lambda item: _RANK.get(item[0], len(_RANK))))


def _shown(profile: dict[str, Any]) -> dict[str, Any]:
    """A recorded profile as versions show it: the creation time only orders it."""
    return {name: value for name, value in profile.items() if name != "created_at"}


def full_state(recorded: State) -> State:
    """The recorded form as a version shows it (the shape versions have always had)."""
    active = recorded["active"]
    ordered = sorted(
        recorded["profiles"].items(),
        key=lambda item: (item[1]["position"], item[1]["created_at"], item[0]),
    )
    return {
        "profiles": [
            {"id": pk, **_shown(profile), "is_active": pk == active} for pk, profile in ordered
        ],
        "active": active,
        "credentials": in_catalogue_order(recorded["credentials"]),
        SETTINGS_KEY: recorded[SETTINGS_KEY],
    }
