"""Template helpers shared by the admin header and the page."""

from django import template

from profiles.models import LlmProfile

register = template.Library()


@register.simple_tag
def active_profile() -> LlmProfile | None:
    """The active profile, for headers that summarise it."""
    return LlmProfile.objects.active()
