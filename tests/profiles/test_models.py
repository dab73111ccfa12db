"""Invariants the database enforces by itself, even when services are bypassed."""

import pytest
from django.db import IntegrityError, transaction

from credentials.models import ProviderCredential
from profiles.models import LlmProfile

pytestmark = pytest.mark.django_db


def make(name="P", provider="open_ai", **fields):
    return LlmProfile.objects.create(name=name, provider=provider, model="m", **fields)


def rejected(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_two_active_profiles_rejected_even_through_update():
    make("A", is_active=True)
    make("B")
    rejected(lambda: make("C", is_active=True))
    rejected(lambda: LlmProfile.objects.update(is_active=True))
    assert list(LlmProfile.objects.filter(is_active=True).values_list("name", flat=True)) == ["A"]


def test_name_unique_case_insensitively():
    make("Claude fast")
    rejected(lambda: make("CLAUDE FAST"))


def test_provider_outside_catalogue_rejected():
    profile = make()
    rejected(lambda: LlmProfile.objects.filter(pk=profile.pk).update(provider="gemini"))
    rejected(lambda: ProviderCredential.objects.create(provider="gemini"))
    credential = ProviderCredential.objects.create(provider="open_ai")
    rejected(lambda: ProviderCredential.objects.filter(pk=credential.pk).update(provider="x"))


def test_one_credential_per_provider():
    ProviderCredential.objects.create(provider="ollama", url="http://a")
    rejected(lambda: ProviderCredential.objects.create(provider="ollama"))


@pytest.mark.parametrize(
    ("provider", "field", "value"),
    [
        ("open_ai", "temperature", 2.5),
        ("open_ai", "temperature", -0.1),
        ("open_router", "presence_penalty", -2.1),
        ("ollama", "presence_penalty", 2.1),
        ("anthropic", "temperature", 1.1),
        ("anthropic", "presence_penalty", 0.5),
    ],
)
def test_out_of_range_values_rejected_by_the_database(provider, field, value):
    profile = make(provider=provider, temperature=0.5)
    rejected(lambda: LlmProfile.objects.filter(pk=profile.pk).update(**{field: value}))
    profile.refresh_from_db()
    assert getattr(profile, field) != value


def test_range_depends_on_the_provider():
    profile = make(provider="open_ai", temperature=1.5)
    rejected(lambda: LlmProfile.objects.filter(pk=profile.pk).update(provider="anthropic"))
    LlmProfile.objects.filter(pk=profile.pk).update(temperature=1.0, provider="anthropic")


def test_empty_name_and_model_rejected():
    rejected(lambda: make(name=""))
    rejected(lambda: LlmProfile.objects.create(name="x", provider="open_ai", model=""))


def test_credential_secret_hints_and_missing_fields():
    credential = ProviderCredential(provider="ollama")
    assert credential.missing_fields() == ["url"]
    credential.url = "http://localhost:11434"
    assert credential.is_configured
    hosted = ProviderCredential(provider="anthropic")
    hosted.set_secret("api_key", "sk-ant-api03-0123456789abcdef")
    assert hosted.api_key_hint.endswith("cdef")
    assert hosted.has_value("api_key")
    hosted.set_secret("api_key", "")
    assert hosted.api_key_hint == ""
    assert hosted.missing_fields() == ["api_key"]


def test_without_secrets_defers_secret_columns():
    ProviderCredential.objects.create(provider="open_ai", api_key="sk-abcdefghijklmnop")
    listed = ProviderCredential.objects.without_secrets().get()
    assert {"api_key", "token"} <= listed.get_deferred_fields()
    assert listed.api_key == "sk-abcdefghijklmnop"  # still loadable on demand


def test_hints_follow_secrets_however_the_row_is_saved():
    credential = ProviderCredential.objects.create(
        provider="open_ai", api_key="sk-0123456789abcdef"
    )
    assert credential.api_key_hint == "sk-…cdef"
    assert credential.is_configured
    listed = ProviderCredential.objects.without_secrets().get()
    listed.url = ""
    listed.save()  # secrets not loaded: hints kept, nothing decrypted
    assert ProviderCredential.objects.get().api_key_hint == "sk-…cdef"
    credential.api_key = ""
    credential.save(update_fields=["api_key"])
    assert ProviderCredential.objects.get().api_key_hint == ""
