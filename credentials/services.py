"""Business operations on provider credentials."""

from typing import Any

from django.core.exceptions import ValidationError

from credentials import providers
from credentials.models import ModelListCache, ProviderCredential, SecretsUnreadable
from profiles.export import record_change, state_change
from profiles.models import LlmProfile
from triplo_config.errors import Conflict, NotFound


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
        list(ProviderCredential.objects.all())
    except SecretsUnreadable:
        return False
    return True


def require_complete(provider_id: str) -> None:
    """ValidationError naming the missing fields unless the credential holds every required one."""
    if missing := ProviderCredential.objects.missing_fields(provider_id):
        label = providers.PROVIDERS[provider_id].label
        raise ValidationError(
            {"credential": [f"{label} credential is missing: {', '.join(missing)}"]}
        )


def _summary(provider: providers.Provider, values: dict[str, Any]) -> str:
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


@state_change
def set_credential(provider_id: Any, **changes: Any) -> ProviderCredential:
    """Store the given fields; a field left out keeps its value, "" clears it (see
    apply_credential_fields for what a new address does)."""
    provider = get_provider(provider_id)
    values = clean_credential_fields(provider, changes)
    credential, created = ProviderCredential.objects.select_for_update().get_or_create(
        provider=provider.id
    )
    if not apply_credential_fields(credential, values) and not created:
        return credential  # the same values (an identical secret too): no version, no export
    active = LlmProfile.objects.filter(is_active=True, provider=provider.id).first()
    if active and (missing := credential.missing_fields()):
        raise ValidationError(
            {name: [f"required while {active.name!r} is the active profile"] for name in missing}
        )
    credential.save()
    record_change(_summary(provider, values))
    return credential


@state_change
def delete_credential(provider_id: Any) -> None:
    provider = get_provider(provider_id)
    if LlmProfile.objects.filter(is_active=True, provider=provider.id).exists():
        raise Conflict(f"the active profile uses the {provider.label} credential")
    deleted, _ = ProviderCredential.objects.filter(provider=provider.id).delete()
    if deleted:
        ModelListCache.objects.filter(provider=provider.id).delete()
        record_change(f"removed {provider.id} credential")
