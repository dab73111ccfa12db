"""config.json as the API shows and edits it: secrets masked, LLM fields from the database.

PUT /api/config saves only the settings this project does not own (voice, display, license…);
the owned ones always come from the database through the export.
"""

from typing import Any

from django.core.exceptions import ValidationError

from credentials import providers
from credentials.masking import mask, mask_url_password
from profiles import document
from profiles.models import LlmProfile
from profiles.services import activation_errors
from triplo import configfile, legacy

# Every key triplo.export.owned_values() can write, whether or not a profile is active now,
# less the user's `enable_*` switches (see owned_keys).
OWNED_KEYS = frozenset(
    {
        document.PROFILES_KEY,
        document.ACTIVE_KEY,
        document.CREDENTIALS_KEY,
        "llm_key",
        *legacy.TRIPLO_READS,
    }
    - legacy.ENABLE_FLAGS
)
SECRET_KEYS = frozenset(
    {
        "llm_key",
        "license_key",
        *providers.SECRET_FIELDS,
        *legacy.KEY_FIELDS,
    }
)


def owned_keys(active: LlmProfile | None) -> set[str]:
    """The keys a save of the other settings keeps as they are: OWNED_KEYS, and of the user's
    `enable_*` switches the one the active profile needs (the others are the user's to set)."""
    needed = {providers.PROVIDERS[active.provider].legacy.enable_flag} if active else set()
    return set(OWNED_KEYS) | needed


def masked(value: Any, name: str = "") -> Any:
    """The value with every secret (by key, at any depth) masked, and any password written
    into a URL (a legacy `ollama_url` may carry one). Shared by /api/config and the drift report."""
    if isinstance(value, dict):
        return {key: masked(item, key) for key, item in value.items()}
    if isinstance(value, list):
        return [masked(item, name) for item in value]
    if not isinstance(value, str):
        return value
    return mask(value) if name in SECRET_KEYS else mask_url_password(value)


def restore_masked(new: Any, current: Any, name: str = "") -> Any:
    """A secret sent back exactly as GET masked it means "unchanged", not the mask itself:
    at any depth, matched by its place in the stored document (bodies nest at most 64 deep)."""
    if isinstance(new, dict) and isinstance(current, dict):
        return {key: restore_masked(value, current.get(key), key) for key, value in new.items()}
    if isinstance(new, list) and isinstance(current, list):
        padded = current + [None] * (len(new) - len(current))
        return [restore_masked(value, old, name) for value, old in zip(new, padded, strict=False)]
    secret = name in SECRET_KEYS and isinstance(current, str) and current
    return current if secret and new == mask(current) else new


def save_unowned(document: Any) -> None:
    """Replace the settings this project does not own; top-level keys sent are updated.

    Refused (file untouched) while the active profile breaks its provider's rules: the file
    must not be rewritten around an LLM configuration Triplo could not use.
    """
    if not isinstance(document, dict):
        raise ValidationError({"non_field_errors": ["the body must be a JSON object"]})
    settings = document.get("settings")
    if not isinstance(settings, dict):
        raise ValidationError({"settings": ["must be a JSON object"]})
    active = LlmProfile.objects.active()
    if active is not None and (errors := activation_errors(active)):
        reasons = [message for messages in errors.values() for message in messages]
        raise ValidationError(
            {"active_profile": [f"{active.name!r} cannot stay active: {r}" for r in reasons]}
        )
    top_level = {k: v for k, v in document.items() if k not in ("settings", "active_profile")}
    try:
        configfile.serialize({**top_level, "settings": settings}).encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        raise ValidationError({"settings": ["must be valid Unicode JSON text"]}) from None
    configfile.replace_unowned(settings, top_level, owned_keys(active), restore=restore_masked)
