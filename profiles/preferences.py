"""Stored preferences of the page (AppSetting rows), with their defaults."""

from profiles.models import AppSetting, LlmProfile

MULTI_PROVIDER_MODE = "multi_provider_mode"


def multi_provider_mode() -> bool:
    """The stored choice; until someone chooses, on as soon as there is more than one profile."""
    stored = AppSetting.objects.filter(key=MULTI_PROVIDER_MODE).first()
    if stored is not None and isinstance(stored.value, bool):
        return stored.value
    return LlmProfile.objects.count() > 1


def set_multi_provider_mode(enabled: bool) -> bool:
    AppSetting.objects.update_or_create(key=MULTI_PROVIDER_MODE, defaults={"value": enabled})
    return enabled
