"""Profiles and credentials for tests, made through the services so they pass the API's rules.

Tests that need "an active OpenAI profile" as a starting point call these instead of repeating the
service calls; tests *of* those services keep calling them directly.
"""

from typing import Any

from credentials.models import ProviderCredential
from profiles import credential_services, services
from profiles.models import LlmProfile


def make_credential(provider: str, **fields: Any) -> ProviderCredential:
    """Store or update a credential: make_credential("open_ai", api_key=KEY)."""
    return credential_services.set_credential(provider, **fields)


def make_profile(
    name: str = "Profile",
    provider: str = "ollama",
    model: str = "llama3",
    *,
    active: bool = False,
    **fields: Any,
) -> LlmProfile:
    """A profile placed last; active=True activates it afterwards, as the API's two calls would."""
    profile = services.create_profile(name=name, provider=provider, model=model, **fields)
    return services.activate_profile(profile.pk) if active else profile
