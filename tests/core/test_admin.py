"""The admin goes through the services: same rules, same export, secrets only as hints."""

import json

import pytest

from credentials.models import ProviderCredential
from history.models import Version
from profiles import credential_services, services
from profiles.models import LlmProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(user)
    return client


def profile_form(**changes):
    data = {
        "name": "Claude",
        "provider": "anthropic",
        "model": "claude-3-5-haiku-latest",
        "temperature": "0.5",
        "presence_penalty": "0",
        "max_tokens": "",
    }
    return data | changes


def test_changelist_shows_active_provider_and_credential_state(staff):
    credential_services.set_credential("open_ai", api_key="sk-proj-abcdefghijklmnop")
    profile = services.create_profile(name="GPT", provider="open_ai", model="gpt-4o")
    services.activate_profile(profile.pk)
    services.create_profile(name="Local", provider="ollama", model="llama3")
    page = staff.get("/admin/profiles/llmprofile/").content.decode()
    assert "configured" in page and "missing url" in page
    assert "Active profile: <strong>GPT</strong>" in page


@pytest.mark.django_db(transaction=True)
def test_add_profile_uses_the_service_rules(staff, read_config):
    response = staff.post("/admin/profiles/llmprofile/add/", profile_form(temperature="1.5"))
    assert response.status_code == 200
    assert "Anthropic temperature must be between 0 and 1" in response.content.decode()
    assert not LlmProfile.objects.exists()
    response = staff.post(
        "/admin/profiles/llmprofile/add/", profile_form(max_tokens="256", json_mode="on")
    )
    assert response.status_code == 302
    profile = LlmProfile.objects.get()
    assert profile.options == {"max_tokens": 256, "json_mode": True}
    assert read_config()["llm_profiles"][0]["name"] == "Claude"


def test_activate_action_needs_exactly_one_and_reports_reasons(staff):
    a = services.create_profile(name="A", provider="open_ai", model="gpt-4o")
    b = services.create_profile(name="B", provider="open_ai", model="gpt-4o")
    url = "/admin/profiles/llmprofile/"
    response = staff.post(
        url, {"action": "activate", "_selected_action": [a.pk, b.pk]}, follow=True
    )
    assert "Select exactly one profile" in response.content.decode()
    response = staff.post(url, {"action": "activate", "_selected_action": [a.pk]}, follow=True)
    assert "OpenAI credential is missing: API key" in response.content.decode()
    credential_services.set_credential("open_ai", api_key="sk-proj-abcdefghijklmnop")
    staff.post(url, {"action": "activate", "_selected_action": [a.pk]})
    assert LlmProfile.objects.get(is_active=True) == a


@pytest.mark.django_db(transaction=True)
def test_duplicate_action_and_drag_reorder_export(staff, read_config):
    a = services.create_profile(name="A", provider="open_ai", model="gpt-4o")
    b = services.create_profile(name="B", provider="open_ai", model="gpt-4o")
    staff.post("/admin/profiles/llmprofile/", {"action": "duplicate", "_selected_action": [a.pk]})
    assert [p.name for p in LlmProfile.objects.ordered()] == ["A", "A (copy)", "B"]
    response = staff.post(
        "/admin/profiles/llmprofile/adminsortable2_update/",
        json.dumps({"updatedItems": [[str(b.pk), 0], [str(a.pk), 1]]}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [p.name for p in LlmProfile.objects.ordered()] == ["B", "A", "A (copy)"]
    assert [p["name"] for p in read_config()["llm_profiles"]] == ["B", "A", "A (copy)"]


def test_credential_secret_is_kept_when_blank_replaced_and_cleared(staff):
    credential = credential_services.set_credential("open_ai", api_key="sk-proj-abcdefghijklmnop")
    url = f"/admin/credentials/providercredential/{credential.pk}/change/"
    page = staff.get(url).content.decode()
    assert "sk-proj-…mnop" in page and "abcdefghijklmnop" not in page
    assert 'type="password"' in page
    staff.post(url, {"new_api_key": ""})
    assert ProviderCredential.objects.get().api_key == "sk-proj-abcdefghijklmnop"
    staff.post(url, {"new_api_key": "sk-proj-zzzzzzzzzzzzzzzz"})
    assert ProviderCredential.objects.get().api_key == "sk-proj-zzzzzzzzzzzzzzzz"
    staff.post(url, {"clear_api_key": "on"})
    assert ProviderCredential.objects.get().api_key == ""


def test_credential_errors_are_form_errors_and_used_by_is_listed(staff):
    credential = credential_services.set_credential("ollama", url="http://ollama:11434")
    services.create_profile(name="Local", provider="ollama", model="llama3")
    url = f"/admin/credentials/providercredential/{credential.pk}/change/"
    assert "Local" in staff.get(url).content.decode()
    response = staff.post(url, {"url": "ftp://nowhere", "models": ""})
    assert "must be an http:// or https:// URL" in response.content.decode()
    assert ProviderCredential.objects.get().url == "http://ollama:11434"


@pytest.mark.django_db(transaction=True)
def test_delete_goes_through_the_service_and_spares_the_active_profile(staff, read_config):
    credential_services.set_credential("open_ai", api_key="sk-proj-abcdefghijklmnop")
    active = services.create_profile(name="Main", provider="open_ai", model="gpt-4o")
    services.activate_profile(active.pk)
    spare = services.create_profile(name="Spare", provider="open_ai", model="gpt-4o")
    assert staff.get(f"/admin/profiles/llmprofile/{active.pk}/delete/").status_code == 403
    response = staff.post(f"/admin/profiles/llmprofile/{spare.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert [p.name for p in LlmProfile.objects.all()] == ["Main"]
    assert [p["name"] for p in read_config()["llm_profiles"]] == ["Main"]


def test_add_credential_offers_only_missing_providers(staff):
    credential_services.set_credential("open_ai", api_key="sk-proj-abcdefghijklmnop")
    page = staff.get("/admin/credentials/providercredential/add/").content.decode()
    assert 'value="ollama"' in page and 'value="open_ai"' not in page
    response = staff.post(
        "/admin/credentials/providercredential/add/",
        {"provider": "ollama", "url": "http://ollama:11434/", "models": "llama3\nqwen2.5"},
    )
    assert response.status_code == 302
    ollama = ProviderCredential.objects.get(provider="ollama")
    assert (ollama.url, ollama.models) == ("http://ollama:11434", ["llama3", "qwen2.5"])
    response = staff.post(
        "/admin/credentials/providercredential/add/", {"provider": "anthropic", "url": "http://x"}
    )
    assert "Anthropic has no &#x27;url&#x27; field" in response.content.decode()


def test_admin_trial_runs_leave_no_trace_in_the_history(staff):
    before = Version.objects.count()
    staff.post("/admin/profiles/llmprofile/add/", profile_form(temperature="1.5"))
    assert Version.objects.count() == before
    staff.post("/admin/profiles/llmprofile/add/", profile_form())
    assert Version.objects.count() == before + 1
    assert Version.objects.order_by("-number").first().face == "admin"
