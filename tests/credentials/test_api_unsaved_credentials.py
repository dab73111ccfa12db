""" "Test connection" and "Refresh list" with fields typed but not saved (issue 13): the typed
key is used for the call and stored nowhere (database, config.json, history, model cache)."""

import pytest
from pytest_httpserver import HTTPServer

from credentials.models import ModelListCache, ProviderCredential
from history.models import Version
from profiles import credential_services

pytestmark = pytest.mark.django_db

STORED = "sk-proj-stored-key-0000000000000000"
TYPED = "sk-proj-typed-but-unsaved-1111111111"


@pytest.fixture(autouse=True)
def openai_here(settings, httpserver: HTTPServer) -> HTTPServer:
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        "open_ai": httpserver.url_for("/v1"),
        "open_router": httpserver.url_for("/v1"),
        "anthropic": httpserver.url_for("/v1"),
    }
    httpserver.expect_request(
        "/v1/models", headers={"Authorization": f"Bearer {TYPED}"}
    ).respond_with_json({"data": [{"id": "gpt-typed"}]})
    httpserver.expect_request("/v1/models").respond_with_json({"error": "bad key"}, status=401)
    return httpserver


def test_test_connection_uses_the_typed_key_and_stores_nothing(api, config_path):
    credential_services.set_credential("open_ai", api_key=STORED)
    versions = Version.objects.count()
    file_before = config_path.read_bytes() if config_path.exists() else None
    stored_only = api.post("/api/llm/credentials/open_ai/test").json()
    assert stored_only["ok"] is False
    typed = api.post("/api/llm/credentials/open_ai/test", {"api_key": TYPED}, format="json")
    assert typed.json()["ok"] is True, typed.json()
    assert ProviderCredential.objects.get(provider="open_ai").api_key == STORED
    assert Version.objects.count() == versions
    assert (config_path.read_bytes() if config_path.exists() else None) == file_before


def test_refresh_list_uses_the_typed_key_without_a_stored_credential(api):
    response = api.post(
        "/api/llm/models", {"provider": "open_ai", "fields": {"api_key": TYPED}}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["models"] == ["gpt-typed"]
    assert not ProviderCredential.objects.exists()
    assert not ModelListCache.objects.exists()
    assert not Version.objects.exists()


def test_typed_fields_are_checked_like_a_save(api):
    response = api.post(
        "/api/llm/models", {"provider": "open_ai", "fields": {"api_key": 5}}, format="json"
    )
    assert response.status_code == 400 and "api_key" in response.json()
    assert api.post("/api/llm/models", {"provider": "nope"}, format="json").status_code == 400


def test_a_typed_address_does_not_get_the_stored_token(api, httpserver: HTTPServer):
    credential_services.set_credential(
        "ollama", url="http://127.0.0.1:9", token="stored-token-1234"
    )
    httpserver.expect_request("/api/tags").respond_with_json({"models": [{"name": "llama3"}]})
    other = httpserver.url_for("/").rstrip("/")
    response = api.post(
        "/api/llm/models", {"provider": "ollama", "fields": {"url": other}}, format="json"
    )
    assert response.json()["models"] == ["llama3"]
    sent = [request for request, _ in httpserver.log if request.path == "/api/tags"]
    assert sent and all("Authorization" not in request.headers for request in sent)
