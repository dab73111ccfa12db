"""Credentials and the provider catalogue over the API: masking, keep/clear rules, conflicts."""

import json

import pytest

from credentials import providers
from credentials.models import ProviderCredential
from profiles import services as profile_services

pytestmark = pytest.mark.django_db

KEY = "sk-proj-secretsecretsecret1234"
OTHER_KEY = "sk-proj-anotheranotheranother9876"
TOKEN = "ollama-token-topsecret-5678"


def stored(provider: str) -> ProviderCredential:
    return ProviderCredential.objects.get(provider=provider)


def test_list_has_all_five_providers_with_hints_only(api):
    api.put("/api/llm/credentials/open_ai", {"api_key": KEY}, format="json")
    api.put("/api/llm/credentials/ollama", {"url": "http://h:1", "token": TOKEN}, format="json")
    response = api.get("/api/llm/credentials/")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == list(providers.PROVIDERS)
    for entry in body.values():
        assert {
            "configured",
            "api_key_hint",
            "url",
            "base_url",
            "models",
            "token_hint",
            "used_by",
            "updated_at",
        } <= set(entry)
    assert (
        body["open_ai"]["configured"] is True and body["open_ai"]["api_key_hint"] == "sk-proj-…1234"
    )
    assert body["ollama"]["token_hint"] == "…5678" and body["ollama"]["url"] == "http://h:1"
    assert body["anthropic"] == body["anthropic"] | {"configured": False, "missing": ["api_key"]}
    assert KEY not in response.content.decode() and TOKEN not in response.content.decode()


def test_put_answers_masked_and_omitted_secret_is_kept(api):
    response = api.put("/api/llm/credentials/openai", {"api_key": KEY}, format="json")
    assert response.status_code == 200
    assert response.json()["provider"] == "open_ai" and KEY not in response.content.decode()
    response = api.patch("/api/llm/credentials/open_ai/", {}, format="json")
    assert response.status_code == 200 and response.json()["api_key_hint"] == "sk-proj-…1234"
    assert stored("open_ai").api_key == KEY
    response = api.patch("/api/llm/credentials/open_ai", {"api_key": ""}, format="json")
    assert response.json()["configured"] is False and stored("open_ai").api_key == ""


def test_new_url_without_secret_clears_the_secret(api):
    api.put("/api/llm/credentials/ollama", {"url": "http://a:1", "token": TOKEN}, format="json")
    api.patch("/api/llm/credentials/ollama", {"models": ["llama3", "qwen"]}, format="json")
    assert stored("ollama").token == TOKEN
    response = api.patch("/api/llm/credentials/ollama", {"url": "http://b:2"}, format="json")
    assert response.json()["token_hint"] == "" and stored("ollama").token == ""
    assert response.json()["models"] == ["llama3", "qwen"]
    api.patch("/api/llm/credentials/ollama", {"url": "http://c:3", "token": TOKEN}, format="json")
    assert stored("ollama").token == TOKEN


@pytest.mark.parametrize(
    "provider, body, field",
    [
        ("open_ai", {"url": "http://x"}, "url"),
        ("ollama", {"url": "ftp://x"}, "url"),
        ("ollama", {"url": "http://169.254.169.254"}, "url"),
        ("ollama", {"url": "http://user:pw@host"}, "url"),
        ("ollama", {"models": "llama3"}, "models"),
        ("ollama", {"models": [""]}, "models"),
        ("ollama", {"models": [1]}, "models"),
        ("custom_http", {"base_url": None}, "base_url"),
        ("open_ai", {"api_key": 12345}, "api_key"),
        ("open_ai", {"api_key": "x" * 5000}, "api_key"),
        ("open_ai", {"api_key": ["a"]}, "api_key"),
    ],
)
def test_bad_fields_are_400_naming_them(api, provider, body, field):
    response = api.put(f"/api/llm/credentials/{provider}", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ProviderCredential.objects.exists()


@pytest.mark.parametrize("raw", ["[]", '"x"', "null", "{"])
def test_non_object_bodies_are_400(api, raw):
    response = api.put("/api/llm/credentials/open_ai", raw, content_type="application/json")
    assert response.status_code == 400


def test_single_credential_by_id_or_alias(api):
    api.put("/api/llm/credentials/openrouter", {"api_key": KEY}, format="json")
    body = api.get("/api/llm/credentials/open_router").json()
    assert body["provider"] == "open_router" and body["api_key_hint"] == "sk-proj-…1234"
    assert api.get("/api/llm/credentials/OpenRouter/").json() == body
    assert api.get("/api/llm/credentials/ollama").json()["configured"] is False


def test_unknown_provider_is_404(api):
    assert api.get("/api/llm/credentials/nope").status_code == 404
    assert api.put("/api/llm/credentials/nope", {}, format="json").status_code == 404
    assert api.delete("/api/llm/credentials/nope").status_code == 404
    assert api.post("/api/llm/credentials/nope/test").status_code == 404


def test_used_by_and_delete_conflict_while_active(api):
    api.put("/api/llm/credentials/open_ai", {"api_key": KEY}, format="json")
    profile = profile_services.create_profile(name="P", provider="open_ai", model="m")
    profile_services.activate_profile(profile.pk)
    entry = api.get("/api/llm/credentials").json()["open_ai"]
    assert entry["used_by"] == [str(profile.pk)]
    response = api.delete("/api/llm/credentials/open_ai")
    assert response.status_code == 409 and "active profile" in response.json()["detail"]
    cleared = api.patch("/api/llm/credentials/open_ai", {"api_key": ""}, format="json")
    assert cleared.status_code == 400 and "api_key" in cleared.json()
    assert stored("open_ai").api_key == KEY


def test_delete_removes_and_is_idempotent(api):
    api.put("/api/llm/credentials/anthropic", {"api_key": KEY}, format="json")
    assert api.delete("/api/llm/credentials/anthropic").status_code == 204
    assert not ProviderCredential.objects.exists()
    assert api.delete("/api/llm/credentials/anthropic/").status_code == 204


def test_providers_catalogue(api):
    response = api.get("/api/llm/providers")
    assert response.status_code == 200
    catalogue = {p["id"]: p for p in response.json()}
    assert list(catalogue) == list(providers.PROVIDERS)
    assert catalogue["anthropic"]["temperature"] == {"min": 0.0, "max": 1.0}
    assert catalogue["anthropic"]["presence_penalty"]["supported"] is False
    assert [f["name"] for f in catalogue["ollama"]["credential_fields"]] == [
        "url",
        "token",
        "models",
    ]
    assert json.dumps(response.json()) == json.dumps(providers.catalogue())
