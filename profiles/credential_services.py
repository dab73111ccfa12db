"""Saving and deleting a provider credential, with the rule profiles put on it: the active
profile's credential must stay complete and cannot be removed. Every face (API, admin, the
drift resolution) saves credentials here, never through credentials alone."""

from typing import Any

from django.core.exceptions import ValidationError

from core.changes import record_change, state_change
from core.errors import Conflict
from credentials import services as credential_services
from credentials.models import ModelListCache, ProviderCredential
from profiles.models import LlmProfile


def needed_by_active_profile(provider_id: str) -> bool:
    return LlmProfile.objects.filter(is_active=True, provider=provider_id).exists()


@state_change
def set_credential(provider_id: Any, **changes: Any) -> ProviderCredential:
    """Store the given fields; a field left out keeps its value, "" clears it (see
    apply_credential_fields for what a new address does)."""
    provider = credential_services.get_provider(provider_id)
    values = credential_services.clean_credential_fields(provider, changes)
    credential, created = ProviderCredential.objects.select_for_update().get_or_create(
        provider=provider.id
    )
    if not credential_services.apply_credential_fields(credential, values) and not created:
        return credential  # the same values (an identical secret too): no version, no export
    active = LlmProfile.objects.active()
    if active and active.provider == provider.id and (missing := credential.missing_fields()):
        raise ValidationError(
            {name: [f"required while {active.name!r} is the active profile"] for name in missing}
        )
    credential.save()
    record_change(credential_services.change_summary(provider, values))
    return credential


@state_change
def delete_credential(provider_id: Any) -> None:
    provider = credential_services.get_provider(provider_id)
    if needed_by_active_profile(provider.id):
        raise Conflict(f"the active profile uses the {provider.label} credential")
    deleted, _ = ProviderCredential.objects.filter(provider=provider.id).delete()
    if deleted:
        ModelListCache.objects.filter(provider=provider.id).delete()
        record_change(f"removed {provider.id} credential")
