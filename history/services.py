"""Reading versions, comparing them, and rolling the configuration back to one of them."""

from typing import Any

from django.core.exceptions import ValidationError

from core.changes import record_change, state_change
from core.errors import NotFound, one_line
from credentials import providers
from credentials.models import ModelListCache, ProviderCredential, SecretsUnreadable
from history import snapshot
from history.diff import diff_states
from history.models import Version
from history.states import state_of
from profiles.document import PROFILE_FIELDS
from profiles.models import LlmProfile
from profiles.services import activation_errors, clean_profile_fields
from triplo import triplo_settings_service

MAX_NUMBER = 2**31 - 1  # PositiveIntegerField's limit on every database


def versions() -> Any:
    """Newest first, secrets left encrypted in the database."""
    return Version.objects.without_secrets().order_by("-number")


def _number(value: Any) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_NUMBER:
        raise NotFound(f"no version {str(value)[:32]!r}: versions are positive whole numbers")
    return number


def get_version(number: Any) -> Version:
    found = versions().filter(number=_number(number)).first()
    if found is None:
        raise NotFound(f"no version {number}{_kept()}")
    return found


def _kept() -> str:
    numbers = versions().values_list("number", flat=True)
    if not numbers:
        return ": nothing has been recorded yet"
    return f" (kept: {numbers.last()}..{numbers.first()})"


def diff_versions(a: Any, b: Any) -> dict[str, Any]:
    """What changed from version a to version b."""
    old, new = get_version(a), get_version(b)
    (old_state, old_secrets), (new_state, new_secrets) = state_of(old), state_of(new)
    return {
        "from": old.number,
        "to": new.number,
        **diff_states(old_state, new_state, old_secrets, new_secrets),
    }


def _refuse(number: int, reason: str) -> ValidationError:
    return ValidationError({"version": [f"cannot roll back to version {number}: {reason}"]})


def _restore_profiles(number: int, state: dict[str, Any]) -> None:
    wanted = {p["id"]: p for p in state["profiles"]}
    LlmProfile.objects.exclude(id__in=list(wanted)).delete()
    existing = {str(p.id): p for p in LlmProfile.objects.select_for_update()}
    # Free every name and the active slot first, so swapped names cannot collide midway.
    LlmProfile.objects.update(is_active=False)
    for profile_id in existing:
        LlmProfile.objects.filter(pk=profile_id).update(name=profile_id, name_key=profile_id)
    for profile_id, saved in wanted.items():
        fields = {name: saved[name] for name in PROFILE_FIELDS}
        try:
            values = clean_profile_fields(fields, exclude_id=profile_id)
        except ValidationError as exc:
            raise _refuse(number, f"profile {saved['name']!r}: {one_line(exc)}") from None
        profile = existing.get(profile_id) or LlmProfile(id=profile_id)
        for name, value in values.items():
            setattr(profile, name, value)
        profile.position = saved["position"]
        profile.is_active = False
        profile.save()
    if state["active"] is not None:
        LlmProfile.objects.filter(pk=state["active"]).update(is_active=True)


def _restore_credentials(number: int, state: dict[str, Any], secrets: snapshot.Secrets) -> None:
    gone = ProviderCredential.objects.exclude(provider__in=list(state["credentials"]))
    ModelListCache.objects.filter(provider__in=gone.values("provider")).delete()
    gone.delete()
    for provider_id, saved in state["credentials"].items():
        # Deferred secrets: the current ones are replaced, never decrypted.
        credential = ProviderCredential.objects.without_secrets().filter(
            provider=provider_id
        ).first() or ProviderCredential(provider=provider_id)
        for spec in providers.PROVIDERS[provider_id].credential_fields:
            if not spec.secret:
                setattr(
                    credential, spec.name, saved.get(spec.name, [] if spec.kind == "list" else "")
                )
                continue
            value = secrets.get(provider_id, {}).get(spec.name, "")
            if saved.get(f"{spec.name}_hint") and not value:
                raise _refuse(number, f"its {provider_id} {spec.name} is missing from the snapshot")
            credential.set_secret(spec.name, value)
        credential.save()


@state_change
def rollback(number: Any) -> Version:
    """Restore profiles (same ids), order, active profile and credentials as a new version."""
    try:
        version = get_version(number)
    except NotFound as exc:
        raise ValidationError({"version": [str(exc)]}) from None
    if not version.secrets_recorded:
        raise _refuse(
            version.number, "its credentials were unreadable when it was recorded, so they are gone"
        )
    state, secrets = state_of(version)
    if secrets is None:
        raise _refuse(version.number, SecretsUnreadable().args[0])
    _restore_profiles(version.number, state)
    _restore_credentials(version.number, state, secrets)
    active = LlmProfile.objects.active()
    if active is not None and (errors := activation_errors(active)):
        reason = one_line(ValidationError(errors))
        raise _refuse(version.number, f"its active profile {active.name!r} is unusable: {reason}")
    triplo_settings_service.restore(state, secrets)
    record_change(f"rolled back to {version.number}")
    return versions().first()
