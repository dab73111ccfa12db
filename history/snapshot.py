"""The exported LLM state as plain data: what a version stores and what a rollback restores."""

import json
from typing import Any

from credentials import providers
from credentials.models import ProviderCredential
from profiles import document
from triplo import triplo_settings_service as triplo_settings

Secrets = dict[str, dict[str, str]]


def current_state() -> dict[str, Any]:
    """Profiles (ordered, with ids, positions, active flag) and credentials without secrets
    (each secret as its stored hint)."""
    state = document.exported_state(secrets="hints", extra=("position", "is_active"))
    return {
        "profiles": state[document.PROFILES_KEY],
        "active": state[document.ACTIVE_KEY],
        "credentials": state[document.CREDENTIALS_KEY],
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
