"""The exported LLM state as plain data, in the two forms the history uses.

The *recorded* form is what the head (models.RecordedState) keeps and what deltas compare,
section by section: "profiles" {id: fields and position}, "order" [ids], "active",
"credentials" (secrets as hints) and Triplo's own settings. A profile's active flag is left
out (it follows from "active"), so an activation changes one small section only.

The *full* form is what a version shows, diffs and restores: profiles as an ordered list with
their position and active flag, as versions recorded before deltas still store it.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import connection

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
    "order": [],
    "active": None,
    "credentials": {},
    SETTINGS_KEY: None,
}
_RANK = {provider_id: rank for rank, provider_id in enumerate(providers.PROVIDERS)}


@dataclass
class Current:
    """The live state, read once per recorded change."""

    digest: str  # of the profile rows: equal digests spare reading and comparing profiles
    rest: State  # active, credentials, triplo_settings
    secrets: Secrets | None  # None when the stored credentials cannot be decrypted

    def profile_sections(self) -> State:
        """Profiles and order, read again as Python values: only when the digest changed (the
        caller runs inside the change's transaction, so this is the same state)."""
        rows = LlmProfile.objects.ordered().values_list(*PROFILE_COLUMNS)
        profiles = {
            str(pk): dict(zip(PROFILE_COLUMNS[1:], rest, strict=True)) for pk, *rest in rows
        }
        return {"profiles": profiles, "order": list(profiles)}


def profiles_digest() -> str:
    """A digest of every profile column the history keeps, in order, from the database's own
    values: no UUID or JSON conversion per row, which was most of recording's time at 1,000
    profiles. A digest that differs without a real change only costs a comparison."""
    query = LlmProfile.objects.ordered().values_list(*PROFILE_COLUMNS).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def read_current() -> Current:
    """This runs inside every change, at any number of profiles: the profiles are digested
    as plain database rows. The credentials (a few rows) are read once, decrypted when the key
    reads them."""
    active = LlmProfile.objects.filter(is_active=True).values_list("id", flat=True).first()
    try:
        stored, readable = list(ProviderCredential.objects.all()), True
    except SecretsUnreadable:
        stored, readable = list(ProviderCredential.objects.without_secrets()), False
    values, triplo_secrets = triplo_settings.snapshot()
    credentials = {c.provider: credential_document(c, "hints") for c in stored}
    secrets = None
    if readable:
        secrets = {
            **{c.provider: _secret_values(c) for c in stored},
            triplo_settings.SECRETS_KEY: triplo_secrets,
        }
    return Current(
        digest=profiles_digest(),
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


def full_state(recorded: State) -> State:
    """The recorded form as a version shows it (the shape versions have always had)."""
    active = recorded["active"]
    profiles = recorded["profiles"]
    return {
        "profiles": [
            {"id": pk, **profiles[pk], "is_active": pk == active} for pk in recorded["order"]
        ],
        "active": active,
        "credentials": in_catalogue_order(recorded["credentials"]),
        SETTINGS_KEY: recorded[SETTINGS_KEY],
    }
