"""Business operations on provider credentials: keep/clear semantics and endpoint changes."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import Conflict, NotFound
from credentials.models import ModelListCache, ProviderCredential
from credentials.services import get_provider
from profiles import credential_services as services
from profiles import services as profiles

pytestmark = pytest.mark.django_db

KEY = "sk-0123456789abcdefgh"


def stored(provider):
    return ProviderCredential.objects.get(provider=provider)


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_get_provider_accepts_aliases_and_refuses_others():
    assert get_provider("openrouter").id == "open_router"
    with pytest.raises(NotFound, match="unknown provider"):
        get_provider("gemini")
    with pytest.raises(NotFound):
        services.set_credential("gemini", api_key=KEY)


def test_omitted_field_keeps_its_value_and_empty_clears():
    services.set_credential("ollama", url="http://localhost:11434", token="tok-0123456789ab")
    services.set_credential("ollama", models=["llama3"])
    credential = stored("ollama")
    assert (credential.url, credential.token, credential.models) == (
        "http://localhost:11434",
        "tok-0123456789ab",
        ["llama3"],
    )
    services.set_credential("ollama", token="")
    credential = stored("ollama")
    assert (credential.token, credential.token_hint) == ("", "")
    assert credential.url == "http://localhost:11434"


def test_secret_is_stored_with_its_hint():
    services.set_credential("open_ai", api_key=f"  {KEY}  ")
    credential = stored("open_ai")
    assert credential.api_key == KEY
    assert credential.api_key_hint == "sk-…efgh"


def test_new_url_without_secret_clears_the_secret():
    services.set_credential("ollama", url="http://a:11434", token="tok-0123456789ab")
    services.set_credential("ollama", url="http://b:11434")
    assert stored("ollama").token == ""
    services.set_credential("ollama", url="http://c:11434", token="tok-new-0123456789")
    assert stored("ollama").token == "tok-new-0123456789"
    services.set_credential("ollama", url="http://c:11434/")  # same address: secret kept
    assert stored("ollama").token == "tok-new-0123456789"


def test_new_base_url_clears_custom_key_and_stale_model_cache():
    services.set_credential("custom_http", base_url="http://a/v1", api_key=KEY)
    ModelListCache.objects.create(
        provider="custom_http", endpoint="http://a/v1", fetched_at=timezone.now(), models=["x"]
    )
    services.set_credential("custom_http", base_url="http://b/v1")
    assert stored("custom_http").api_key == ""
    assert not ModelListCache.objects.exists()


@pytest.mark.parametrize(
    ("provider", "fields", "field"),
    [
        ("open_ai", {"url": "http://x"}, "url"),
        ("open_ai", {"api_key": None}, "api_key"),
        ("open_ai", {"api_key": 5}, "api_key"),
        ("open_ai", {"api_key": "k" * 5000}, "api_key"),
        ("ollama", {"url": "ftp://x"}, "url"),
        ("ollama", {"url": "http://169.254.169.254"}, "url"),
        ("ollama", {"models": "llama3"}, "models"),
        ("ollama", {"models": ["ok", ""]}, "models"),
        ("ollama", {"models": ["ok", "  "]}, "models"),
        ("custom_http", {"base_url": "http://u:p@host/v1"}, "base_url"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_stored(provider, fields, field):
    assert field in errors_of(lambda: services.set_credential(provider, **fields))
    assert not ProviderCredential.objects.exists()


def test_models_are_stripped_and_deduplicated():
    services.set_credential("ollama", url="http://x", models=[" a ", "b", "a"])
    assert stored("ollama").models == ["a", "b"]


def test_active_profiles_credential_cannot_lose_a_required_field():
    services.set_credential("anthropic", api_key=KEY)
    profile = profiles.create_profile(name="Claude", provider="anthropic", model="c")
    profiles.activate_profile(profile.pk)
    errors = errors_of(lambda: services.set_credential("anthropic", api_key=""))
    assert errors == {"api_key": ["required while 'Claude' is the active profile"]}
    assert stored("anthropic").api_key == KEY
    with pytest.raises(Conflict):
        services.delete_credential("anthropic")


def test_delete_credential():
    services.set_credential("open_router", api_key=KEY)
    services.delete_credential("openrouter")
    assert not ProviderCredential.objects.exists()
    services.delete_credential("open_router")  # nothing to delete: no error
