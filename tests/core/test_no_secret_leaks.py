"""A full session with logging at DEBUG: no stored secret in any response body or log line."""

import logging

import pytest
from django.contrib.auth.models import User
from pytest_httpserver import HTTPServer
from rest_framework.test import APIClient

from credentials.models import ProviderCredential
from history.models import Version
from profiles.models import LlmProfile

OPENAI_KEY = "sk-proj-LEAKCHECK-openai-7d1f"
ANTHROPIC_KEY = "sk-ant-LEAKCHECK-anthropic-93ab"
OLLAMA_TOKEN = "LEAKCHECK-ollama-token-55e0"
SECRETS = (OPENAI_KEY, ANTHROPIC_KEY, OLLAMA_TOKEN)


@pytest.fixture
def captured(caplog):
    for name in ("", "django", "django.db.backends", "httpx", "httpcore"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


@pytest.fixture
def providers_here(settings, httpserver: HTTPServer) -> HTTPServer:
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        "open_ai": httpserver.url_for("/v1"),
        "open_router": httpserver.url_for("/or/v1"),
        "anthropic": httpserver.url_for("/anthropic/v1"),
    }
    settings.DEBUG = True  # also logs every SQL statement with its parameters
    httpserver.expect_request(
        "/v1/models", headers={"Authorization": f"Bearer {OPENAI_KEY}"}
    ).respond_with_json({"data": [{"id": "gpt-4o"}]})
    httpserver.expect_request("/anthropic/v1/models").respond_with_json(
        {"error": {"message": f"invalid x-api-key {ANTHROPIC_KEY}"}}, status=401
    )
    httpserver.expect_request("/api/tags").respond_with_json({"models": [{"name": "qwen2"}]})
    return httpserver


@pytest.mark.django_db(transaction=True)
def test_a_whole_session_leaks_no_secret(providers_here, captured, read_config, client):
    staff = User.objects.create_superuser("ops", password="leak-check-pw")
    api = APIClient()
    api.force_authenticate(staff)
    client.force_login(staff)
    bodies: list[bytes] = []

    def call(method: str, path: str, **kwargs) -> dict:
        response = getattr(api, method)(path, format="json", **kwargs)
        documented_502 = path.startswith("/api/llm/models") and response.status_code == 502
        assert response.status_code < 500 or documented_502, (path, response.status_code)
        bodies.append(response.content)
        return response.json() if response.content else {}

    call("put", "/api/llm/credentials/open_ai", data={"api_key": OPENAI_KEY})
    call("put", "/api/llm/credentials/anthropic", data={"api_key": ANTHROPIC_KEY})
    call(
        "put",
        "/api/llm/credentials/ollama",
        data={"url": providers_here.url_for("/").rstrip("/"), "token": OLLAMA_TOKEN},
    )
    openai = call(
        "post", "/api/llm/profiles", data={"name": "A", "provider": "open_ai", "model": "gpt-4o"}
    )
    claude = call(
        "post", "/api/llm/profiles", data={"name": "C", "provider": "anthropic", "model": "c"}
    )
    call("post", "/api/llm/profile/activate", data={"id": openai["id"]})
    call("post", "/api/llm/profile/activate", data={"id": claude["id"]})
    for provider in ("open_ai", "anthropic", "ollama"):
        call("get", f"/api/llm/models?provider={provider}&refresh=1")
        call("post", f"/api/llm/credentials/{provider}/test")
    call("patch", f"/api/llm/profiles/{claude['id']}", data={"temperature": 1.5})  # 400
    call("put", "/api/llm/credentials/open_ai", data={"api_key": 5})  # 400
    call("delete", "/api/llm/credentials/anthropic")  # 409: in use
    for path in (
        "/api/llm/credentials",
        "/api/llm/profiles",
        "/api/config",
        "/api/status",
        "/api/config/history",
        "/api/config/history/1",
        "/api/config/history/1/diff/3",
        "/api/llm/export",
    ):
        call("get", path)
    for path in (
        "/admin/",
        "/admin/profiles/llmprofile/",
        f"/admin/profiles/llmprofile/{claude['id']}/change/",
        "/admin/credentials/providercredential/",
        *(
            f"/admin/credentials/providercredential/{pk}/change/"
            for pk in ProviderCredential.objects.values_list("pk", flat=True)
        ),
        "/admin/history/version/",
        f"/admin/history/version/{Version.objects.earliest('number').pk}/change/",
        "/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        bodies.append(response.content)

    assert LlmProfile.objects.active().name == "C"
    assert read_config()["anthropic_key"] == ANTHROPIC_KEY  # it does reach Triplo's file
    log_lines = [record.getMessage() for record in captured.records]
    assert any(
        "SELECT" in line for line in log_lines
    )  # SQL was logged, so the check means something
    for secret in SECRETS:
        assert not [b for b in bodies if secret.encode() in b], secret
        assert not [line for line in log_lines if secret in line], secret
