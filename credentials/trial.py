"""A credential as typed on the page but not saved: "Test connection" and "Refresh list" try
it without storing it (no database row, no config.json write, no version).

The typed fields go through the same cleaning as a save, and the same rule on addresses: a
secret is only sent to the host it was given with, so a new address without its secret drops
the stored one for the trial too.
"""

from typing import Any

from django.core.exceptions import ValidationError

from credentials import providers
from credentials.models import ProviderCredential
from credentials.services import clean_credential_fields, get_provider


def unsaved_credential(provider_id: Any, typed: Any) -> ProviderCredential:
    """The stored credential (or a new one) with the typed fields over it, never saved."""
    provider = get_provider(provider_id)
    if not isinstance(typed, dict):
        raise ValidationError({"non_field_errors": ["the typed fields must be a JSON object"]})
    values = clean_credential_fields(provider, typed)
    credential = ProviderCredential.objects.filter(
        provider=provider.id
    ).first() or ProviderCredential(provider=provider.id)
    old_endpoint = credential.endpoint
    for name, value in values.items():
        if name in providers.SECRET_FIELDS:
            credential.set_secret(name, value)
        else:
            setattr(credential, name, value)
    if credential.endpoint != old_endpoint:
        for secret in set(providers.SECRET_FIELDS) - set(values):
            credential.set_secret(secret, "")
    if missing := credential.missing_fields():
        labels = {spec.name: spec.label for spec in provider.credential_fields}
        raise ValidationError({name: [f"{labels[name]} is required"] for name in missing})
    return credential
