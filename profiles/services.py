"""Business operations on profiles. The API, admin, page and commands only call these."""

import uuid
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max

from core.changes import record_change, state_change
from core.errors import Conflict, NotFound
from credentials import providers
from credentials import services as credential_services
from profiles.document import PROFILE_FIELDS
from profiles.models import LlmProfile


def get_profile(profile_id: Any) -> LlmProfile:
    """The profile with this id; NotFound for an unknown or malformed id."""
    try:
        profile = LlmProfile.objects.by_id(profile_id)
    except ValueError:
        profile = None
    if profile is None:
        raise NotFound(f"no profile with id {str(profile_id)[:64]!r}")
    return profile


def profile_named(name: str, exclude_id: uuid.UUID | None = None) -> LlmProfile | None:
    """The profile with this name in any case (casefolded in Python: SQLite's LOWER folds
    only ASCII), by its stored key."""
    others = LlmProfile.objects.exclude(pk=exclude_id) if exclude_id else LlmProfile.objects
    return others.filter(name_key=LlmProfile.key_of(name)).first()


def find_profile(name_or_id: str) -> LlmProfile:
    """A profile by id or by name (case-insensitive), for the command line."""
    try:
        return get_profile(name_or_id)
    except NotFound:
        profile = profile_named(name_or_id)
        if profile is None:
            raise NotFound(f"no profile named or with id {name_or_id!r}") from None
        return profile


def clean_profile_fields(
    values: dict[str, Any], exclude_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Normalise and validate a full set of profile fields against the catalogue."""
    errors: dict[str, list[str]] = {}
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = ["a name is required"]
    else:
        name = name.strip()
        if reasons := providers.name_errors(name):
            errors["name"] = reasons
        elif profile_named(name, exclude_id) is not None:
            errors["name"] = [f"a profile named {name!r} already exists"]
    model = values.get("model")
    if not isinstance(model, str) or not model.strip():
        errors["model"] = ["a model is required"]
    elif len(model.strip()) > providers.MODEL_MAX_LENGTH:
        errors["model"] = [f"at most {providers.MODEL_MAX_LENGTH} characters"]
    provider = providers.canonical_id(values.get("provider")) or values.get("provider")
    errors.update(
        providers.profile_errors(
            provider,
            values.get("temperature"),
            values.get("presence_penalty"),
            values.get("options"),
        )
    )
    if errors:
        raise ValidationError(errors)
    return {
        **values,
        "name": name,
        "model": model.strip(),
        "provider": provider,
        "temperature": float(values["temperature"]),
        "presence_penalty": float(values["presence_penalty"]),
    }


def _save(profile: LlmProfile) -> LlmProfile:
    """Save, turning a lost race on the unique name into the same error as the check."""
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        if profile_named(profile.name, profile.pk) is None:
            raise
        raise ValidationError(
            {"name": [f"a profile named {profile.name!r} already exists"]}
        ) from None
    return profile


def next_position() -> int:
    highest = LlmProfile.objects.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


@state_change
def create_profile(
    *,
    name: str,
    provider: str,
    model: str,
    temperature: float = providers.DEFAULT_TEMPERATURE,
    presence_penalty: float = providers.DEFAULT_PRESENCE_PENALTY,
    options: dict[str, Any] | None = None,
) -> LlmProfile:
    """A new inactive profile, placed last."""
    values = clean_profile_fields(
        {
            "name": name,
            "provider": provider,
            "model": model,
            "temperature": temperature,
            "presence_penalty": presence_penalty,
            "options": {} if options is None else options,
        }
    )
    profile = _save(LlmProfile(**values, position=next_position()))
    record_change(f"created {profile.name!r}")
    return profile


@state_change
def update_profile(profile_id: Any, **changes: Any) -> LlmProfile:
    """Change some fields of a profile; the result must still satisfy its provider's rules."""
    profile = get_profile(profile_id)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({field: ["not a profile field"] for field in sorted(unknown)})
    merged = {field: getattr(profile, field) for field in PROFILE_FIELDS} | changes
    values = clean_profile_fields(merged, exclude_id=profile.pk)
    if profile.is_active:
        credential_services.require_complete(values["provider"])
    if all(getattr(profile, field) == value for field, value in values.items()):
        return profile  # nothing changed: no version, no export, no restart
    for field, value in values.items():
        setattr(profile, field, value)
    _save(profile)
    record_change(f"updated {profile.name!r}")
    return profile


@state_change
def delete_profile(profile_id: Any) -> None:
    profile = get_profile(profile_id)
    if profile.is_active:
        raise Conflict("this is the active profile: activate another profile first")
    profile.delete()
    record_change(f"deleted {profile.name!r}")


def _copy_name(name: str) -> str:
    """'NAME (copy)', then 'NAME (copy 2)', … , the first that is free."""
    base = name[: providers.NAME_MAX_LENGTH - len(" (copy 999)")]
    taken = {n.casefold() for n in LlmProfile.objects.values_list("name", flat=True)}
    candidate, number = f"{base} (copy)", 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base} (copy {number})"
    return candidate


@state_change
def duplicate_profile(profile_id: Any) -> LlmProfile:
    """An inactive copy placed right after the original."""
    original = get_profile(profile_id)
    LlmProfile.objects.filter(position__gt=original.position).update(position=F("position") + 1)
    copy = LlmProfile(
        name=_copy_name(original.name),
        provider=original.provider,
        model=original.model,
        temperature=original.temperature,
        presence_penalty=original.presence_penalty,
        options=dict(original.options),
        position=original.position + 1,
    )
    _save(copy)
    record_change(f"duplicated {original.name!r} as {copy.name!r}")
    return copy


@state_change
def reorder_profiles(order: Any) -> list[LlmProfile]:
    """Set the order; `order` must list every profile id exactly once."""
    if not isinstance(order, list):
        raise ValidationError({"order": ["must be a list of profile ids"]})
    profiles = {str(p.pk): p for p in LlmProfile.objects.select_for_update()}
    given = [str(item) for item in order]
    repeated = sorted(i for i, n in Counter(given).items() if n > 1)  # linear: bodies can be huge
    unknown = sorted(set(given) - set(profiles))
    missing = sorted(set(profiles) - set(given))
    reasons = []
    if missing:
        reasons.append(f"missing: {', '.join(missing)}")
    if repeated:
        reasons.append(f"repeated: {', '.join(repeated)}")
    if unknown:
        reasons.append(f"unknown: {', '.join(i[:64] for i in unknown)}")
    if reasons:
        raise ValidationError({"order": reasons})
    ordered = [profiles[i] for i in given]
    for position, profile in enumerate(ordered):
        profile.position = position
    LlmProfile.objects.bulk_update(ordered, ["position"])
    record_change("reordered profiles")
    return ordered


def activation_errors(profile: LlmProfile) -> dict[str, list[str]]:
    """Why this profile cannot be the active one; empty when it can."""
    errors = providers.profile_errors(
        profile.provider, profile.temperature, profile.presence_penalty, profile.options
    )
    try:
        credential_services.require_complete(profile.provider)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    return errors


@state_change
def activate_profile(profile_id: Any) -> LlmProfile:
    """Make this the one profile Triplo uses, if its provider's rules and credential allow."""
    profile = get_profile(profile_id)
    if errors := activation_errors(profile):
        raise ValidationError(errors)
    if not profile.is_active:
        profile.updated_at = LlmProfile.objects.switch_active(profile.pk)
        profile.is_active = True
        record_change(f"activated {profile.name!r}")
    return profile
