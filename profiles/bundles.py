"""Profile bundles: profiles and credentials in the plan's JSON shape, to move or back up.

Secrets are left out unless a passphrase is given; then they travel sealed with Fernet under
a key derived from the passphrase by scrypt (random salt stored in the bundle).
"""

import base64
import binascii
import json
import os
from typing import Any

from cryptography.exceptions import InvalidKey
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables

from credentials import providers
from profiles import imports
from profiles.document import (
    CREDENTIALS_KEY,
    PROFILES_KEY,
    ConversionError,
    ImportPlan,
    exported_state,
    plan_from_profiles,
)

FORMAT = "triplo-config-bundle"
SECRETS_KEY = "encrypted_secrets"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# Bounds on what a bundle may ask of scrypt, so a crafted file cannot exhaust memory.
MAX_SCRYPT_N, MAX_SCRYPT_R, MAX_SCRYPT_P = 2**17, 16, 4


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> Fernet:
    derived = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


@sensitive_variables("passphrase", "secrets")
def seal(secrets: dict[str, Any], passphrase: str) -> dict[str, Any]:
    salt = os.urandom(16)
    token = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P).encrypt(
        json.dumps(secrets).encode()
    )
    return {
        "cipher": "fernet",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "token": token.decode(),
    }


def _bad(reason: str) -> ValidationError:
    return ValidationError({"bundle": [reason]})


@sensitive_variables("passphrase")
def unseal(sealed: Any, passphrase: str) -> dict[str, Any]:
    """The sealed secrets; ValidationError naming `passphrase` when it does not open them."""
    if not isinstance(sealed, dict) or sealed.get("kdf") != "scrypt":
        raise _bad(f"{SECRETS_KEY} must be an object sealed with scrypt + fernet")
    n, r, p = sealed.get("n"), sealed.get("r"), sealed.get("p")
    numbers = (n, r, p)
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in numbers):
        raise _bad(f"{SECRETS_KEY}: n, r and p must be positive whole numbers")
    if not 2 <= n <= MAX_SCRYPT_N or n & (n - 1) or r > MAX_SCRYPT_R or p > MAX_SCRYPT_P:
        raise _bad(f"{SECRETS_KEY}: scrypt parameters out of range")
    try:
        salt = base64.b64decode(str(sealed.get("salt", "")), validate=True)
        token = str(sealed.get("token", "")).encode()
        plain = _key(passphrase, salt, n, r, p).decrypt(token)
    except (binascii.Error, ValueError):
        raise _bad(f"{SECRETS_KEY}: salt or token is damaged") from None
    except (InvalidToken, InvalidKey):
        raise ValidationError(
            {"passphrase": ["wrong passphrase: the bundle's secrets cannot be decrypted"]}
        ) from None
    try:
        secrets = json.loads(plain)
    except ValueError:
        raise _bad(f"{SECRETS_KEY}: the sealed secrets are not JSON") from None
    if not isinstance(secrets, dict) or not all(isinstance(v, dict) for v in secrets.values()):
        raise _bad(f"{SECRETS_KEY}: the sealed secrets are not provider objects")
    return secrets


@sensitive_variables("passphrase")
def export_bundle(passphrase: str | None = None) -> dict[str, Any]:
    """Profiles, active profile and credentials; secrets only when a passphrase seals them."""
    if passphrase is not None and not passphrase:
        raise ValidationError({"passphrase": ["an empty passphrase would not protect anything"]})
    state = exported_state(secrets="values" if passphrase else "omitted")
    bundle: dict[str, Any] = {
        "format": FORMAT,
        **state,
        CREDENTIALS_KEY: {
            provider_id: {k: v for k, v in fields.items() if k not in providers.SECRET_FIELDS}
            for provider_id, fields in state[CREDENTIALS_KEY].items()
        },
    }
    if passphrase:
        secrets = {
            provider_id: {k: v for k, v in fields.items() if k in providers.SECRET_FIELDS and v}
            for provider_id, fields in state[CREDENTIALS_KEY].items()
        }
        bundle[SECRETS_KEY] = seal(secrets, passphrase)
    return bundle


def is_sealed(document: dict[str, Any]) -> bool:
    return SECRETS_KEY in document.get("settings", document)


@sensitive_variables("passphrase", "secrets")
def plan_from_bundle(document: Any, passphrase: str | None = None) -> ImportPlan:
    """A bundle (or a config.json holding profiles) as an import plan, secrets unsealed."""
    if not isinstance(document, dict):
        raise _bad("the bundle must be a JSON object")
    settings = document.get("settings", document)
    if not isinstance(settings, dict) or PROFILES_KEY not in settings:
        raise _bad(f'no "{PROFILES_KEY}" list found')
    settings = dict(settings)
    sealed = settings.pop(SECRETS_KEY, None)
    if sealed is not None:
        if not passphrase:
            raise ValidationError(
                {"passphrase": ["this bundle holds encrypted secrets: its passphrase is needed"]}
            )
        credentials = settings.get(CREDENTIALS_KEY) or {}
        if not isinstance(credentials, dict):
            raise _bad(f"{CREDENTIALS_KEY} must be an object")
        credentials = {k: dict(v) if isinstance(v, dict) else v for k, v in credentials.items()}
        for provider_id, secrets in unseal(sealed, passphrase).items():
            target = credentials.setdefault(provider_id, {})
            if not isinstance(target, dict):
                raise _bad(f"{CREDENTIALS_KEY}.{provider_id} must be an object")
            target.update(secrets)
        settings[CREDENTIALS_KEY] = credentials
    try:
        return plan_from_profiles(settings)
    except ConversionError as exc:
        raise _bad(str(exc)) from None


def import_bundle(
    document: Any, passphrase: str | None = None, *, dry_run: bool = False
) -> imports.ImportReport:
    """Merge the bundle into the stored profiles and credentials (a dry run changes nothing)."""
    return imports.apply_plan(plan_from_bundle(document, passphrase), dry_run=dry_run)
