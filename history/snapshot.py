"""The exported LLM state as plain data: what a version stores and what a rollback restores."""

import json
from typing import Any

from credentials import providers
from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from profiles.services import PROFILE_FIELDS
from triplo_config import triplo_settings_service as triplo_settings

Secrets = dict[str, dict[str, str]]


def profile_state(profile: LlmProfile) -> dict[str, Any]:
    return {
        "id": str(profile.id),
        **{name: getattr(profile, name) for name in PROFILE_FIELDS},
        "position": profile.position,
        "is_active": profile.is_active,
    }


def credential_state(credential: ProviderCredential) -> dict[str, Any]:
    """Non-secret fields in clear; for each secret only its stored hint (a mask)."""
    state: dict[str, Any] = {}
    for spec in providers.PROVIDERS[credential.provider].credential_fields:
        if spec.secret:
            state[f"{spec.name}_hint"] = getattr(credential, f"{spec.name}_hint")
        else:
            state[spec.name] = getattr(credential, spec.name)
    return state


def current_state() -> dict[str, Any]:
    """Profiles (ordered, with ids, positions, active flag) and credentials without secrets."""
    profiles = [profile_state(p) for p in LlmProfile.objects.ordered()]
    credentials = ProviderCredential.objects.without_secrets()
    return {
        "profiles": profiles,
        "active": next((p["id"] for p in profiles if p["is_active"]), None),
        "credentials": {c.provider: credential_state(c) for c in credentials},
        triplo_settings.SNAPSHOT_KEY: triplo_settings.snapshot_values(),
    }


def current_secrets() -> Secrets:
    """Every stored secret, decrypted (and Triplo's own secret settings from config.json);
    SecretsUnreadable under a wrong key."""
    return {
        **{
            c.provider: {
                spec.name: getattr(c, spec.name)
                for spec in providers.PROVIDERS[c.provider].credential_fields
                if spec.secret
            }
            for c in ProviderCredential.objects.all()
        },
        triplo_settings.SECRETS_KEY: triplo_settings.snapshot_secrets(),
    }


def dump_secrets(secrets: Secrets) -> str:
    return json.dumps(secrets, sort_keys=True)


def load_secrets(text: str) -> Secrets:
    return json.loads(text) if text else {}
