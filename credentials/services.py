"""Business rules of provider credentials that need no profile (the rules that do, such as
"the active profile needs this credential", are profiles.credential_services')."""

from typing import Any

from django.core.exceptions import ValidationError

from core.errors import NotFound
from credentials import providers
from credentials.models import ModelListCache, ProviderCredential, SecretsUnreadable


def get_provider(provider_id: Any) -> providers.Provider:
    """The catalogue entry for an id or alias; NotFound for anything else."""
    try:
        return providers.resolve(provider_id)
    except providers.UnknownProvider as exc:
        raise NotFound(str(exc)) from None


def clean_credential_fields(
    provider: providers.Provider, changes: dict[str, Any]
) -> dict[str, Any]:
    """Validated, normalised credential fields; the import applies the same rules."""
    fields = {f.name: f for f in provider.credential_fields}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        spec = fields.get(name)
        if spec is None:
            errors[name] = [f"{provider.label} has no {name!r} field"]
        elif spec.kind == "list":
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                errors[name] = ["must be a list of non-empty strings"]
            else:
                cleaned[name] = list(dict.fromkeys(v.strip() for v in value))
        elif value is None or not isinstance(value, str):
            errors[name] = ["must be a string"]
        elif spec.kind == "url" and value.strip():
            if reasons := providers.url_errors(value):
                errors[name] = reasons
            else:
                cleaned[name] = value.strip().rstrip("/")
        elif len(value) > providers.MAX_VALUE_LENGTH:
            errors[name] = [f"at most {providers.MAX_VALUE_LENGTH} characters"]
        else:
            cleaned[name] = value.strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


def secrets_readable() -> bool:
    """Whether every stored secret decrypts with the current key (the start-up self-test)."""
    try:
        ProviderCredential.objects.stored()
    except SecretsUnreadable:
        return False
    return True


def require_complete(provider_id: str) -> None:
    """ValidationError naming the missing fields unless the credential holds every required one."""
    if missing := ProviderCredential.objects.missing_fields(provider_id):
        provider = providers.PROVIDERS[provider_id]
        labels = {spec.name: spec.label for spec in provider.credential_fields}
        named = ", ".join(labels.get(name, name) for name in missing)  # the words the page shows
        raise ValidationError({"credential": [f"{provider.label} credential is missing: {named}"]})


def change_summary(provider: providers.Provider, values: dict[str, Any]) -> str:
    """E.g. "replaced open_ai api_key", "cleared ollama token, set ollama url"."""
    parts = []
    for name, value in values.items():
        verb = (
            "cleared"
            if value in ("", [])
            else ("replaced" if name in providers.SECRET_FIELDS else "set")
        )
        parts.append(f"{verb} {provider.id} {name}")
    return ", ".join(parts) or f"saved {provider.id} credential"


def apply_credential_fields(credential: ProviderCredential, values: dict[str, Any]) -> bool:
    """Set cleaned fields on a credential (unsaved); True when anything changed.

    A new url/base_url drops the secrets not given with it, so a key is never sent to a host
    it was not given for, and the model lists cached for the old address. That holds when no
    address was stored before too: a token saved alone was not given for the next host set.
    """
    old_endpoint = credential.endpoint
    changed = False
    for name, value in values.items():
        if getattr(credential, name) == value:
            continue
        if name in providers.SECRET_FIELDS:
            credential.set_secret(name, value)
        else:
            setattr(credential, name, value)
        changed = True
    if credential.endpoint != old_endpoint:
        for secret in set(providers.SECRET_FIELDS) - set(values):
            credential.set_secret(secret, "")
        ModelListCache.objects.filter(provider=credential.provider).exclude(
            endpoint=credential.endpoint
        ).delete()
    return changed
