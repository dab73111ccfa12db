"""Model lists and connection tests against a local server answering in each provider's shape."""

import json
import logging
import socket
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_httpserver import HTTPServer
from rest_framework.test import APIClient

from credentials.models import ModelListCache
from profiles import credential_services

pytestmark = pytest.mark.django_db

KEY = "sk-ant-api03-verysecretkeyverysecret-XYZW"
TOKEN = "bearer-token-secret-0042"


@pytest.fixture(autouse=True)
def hosted_at_local_server(settings, httpserver: HTTPServer) -> HTTPServer:
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        "open_ai": httpserver.url_for("/openai/v1"),
        "open_router": httpserver.url_for("/openrouter/api/v1/"),
        "anthropic": httpserver.url_for("/anthropic/v1"),
    }
    settings.TRIPLO_MODELS_TIMEOUT = 2.0
    return httpserver


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def no_secret_in_requests(httpserver: HTTPServer, *secrets: str) -> None:
    for request, _ in httpserver.log:
        for secret in secrets:
            assert secret not in request.url


def models(api: APIClient, provider: str, **query) -> tuple[int, dict]:
    response = api.get("/api/llm/models", {"provider": provider, **query})
    return response.status_code, response.json()


# --- each provider's shape ----------------------------------------------------------------


@pytest.mark.parametrize(
    "provider, path",
    [("open_ai", "/openai/v1/models"), ("open_router", "/openrouter/api/v1/models")],
)
def test_openai_shaped_hosted_providers(api, httpserver, provider, path):
    credential_services.set_credential(provider, api_key=KEY)
    httpserver.expect_request(path, headers={"Authorization": f"Bearer {KEY}"}).respond_with_json(
        {"data": [{"id": "gpt-4o"}, {"id": "gpt-4o-mini", "name": "Mini"}, {"object": "x"}]}
    )
    status, body = models(api, provider)
    assert status == 200
    assert body["provider"] == provider and body["models"] == ["gpt-4o", "gpt-4o-mini"]
    assert body["cached"] is False and body["error"] is None and body["fetched_at"]
    no_secret_in_requests(httpserver, KEY)


def test_anthropic_paginates_with_after_id(api, httpserver):
    credential_services.set_credential("anthropic", api_key=KEY)
    headers = {"x-api-key": KEY, "anthropic-version": "2023-06-01"}
    httpserver.expect_ordered_request(
        "/anthropic/v1/models", query_string={"limit": "1000"}, headers=headers
    ).respond_with_json(
        {
            "data": [{"id": "claude-b", "display_name": "B"}, {"id": "claude-a"}],
            "has_more": True,
            "last_id": "claude-a",
        }
    )
    httpserver.expect_ordered_request(
        "/anthropic/v1/models",
        query_string={"limit": "1000", "after_id": "claude-a"},
        headers=headers,
    ).respond_with_json({"data": [{"id": "claude-c"}], "has_more": False, "last_id": "claude-c"})
    status, body = models(api, "anthropic")
    assert status == 200 and body["models"] == ["claude-a", "claude-b", "claude-c"]
    assert len(httpserver.log) == 2
    assert "Authorization" not in httpserver.log[0][0].headers
    no_secret_in_requests(httpserver, KEY)


def test_ollama_lists_tags_with_its_bearer_token(api, httpserver):
    credential_services.set_credential("ollama", url=httpserver.url_for("/"), token=TOKEN)
    httpserver.expect_request(
        "/api/tags", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_json({"models": [{"name": "llama3:latest", "model": "llama3:latest"}]})
    status, body = models(api, "ollama")
    assert status == 200 and body["models"] == ["llama3:latest"]
    no_secret_in_requests(httpserver, TOKEN)


def test_custom_http_lists_base_url_models(api, httpserver):
    credential_services.set_credential("custom", base_url=httpserver.url_for("/v1"))
    httpserver.expect_request("/v1/models").respond_with_json({"data": [{"id": "local-model"}]})
    status, body = models(api, "custom_http")
    assert status == 200 and body["models"] == ["local-model"]
    assert "Authorization" not in httpserver.log[0][0].headers


# --- failures -----------------------------------------------------------------------------


def test_provider_answering_401(api, httpserver, caplog):
    caplog.set_level(logging.DEBUG)
    credential_services.set_credential("open_ai", api_key=KEY)
    httpserver.expect_request("/openai/v1/models").respond_with_json(
        {"error": {"message": f"Incorrect API key provided: {KEY}"}}, status=401
    )
    status, body = models(api, "open_ai")
    assert status == 502
    assert body["status"] == 401 and "refused the credential" in body["detail"]
    tested = api.post("/api/llm/credentials/open_ai/test")
    assert tested.status_code == 200
    assert tested.json()["ok"] is False and tested.json()["status"] == 401
    assert isinstance(tested.json()["latency_ms"], int)
    for text in (json.dumps(body), tested.content.decode(), caplog.text):
        assert KEY not in text


def test_provider_that_never_answers_times_out(api, settings, silent_port, caplog):
    caplog.set_level(logging.DEBUG)
    settings.TRIPLO_MODELS_TIMEOUT = 0.3
    settings.TRIPLO_PROVIDER_BASE_URLS = {
        **settings.TRIPLO_PROVIDER_BASE_URLS,
        "open_ai": f"http://127.0.0.1:{silent_port}/v1",
    }
    credential_services.set_credential("open_ai", api_key=KEY)
    status, body = models(api, "open_ai")
    assert status == 502 and body["status"] is None and "0.3 s" in body["detail"]
    tested = api.post("/api/llm/credentials/open_ai/test/").json()
    assert tested["ok"] is False and tested["status"] is None and "0.3 s" in tested["detail"]
    assert KEY not in caplog.text


def test_dead_host_is_ok_false(api, closed_port):
    credential_services.set_credential("ollama", url=f"http://127.0.0.1:{closed_port}")
    tested = api.post("/api/llm/credentials/ollama/test").json()
    assert tested["ok"] is False and "cannot connect" in tested["detail"]
    status, body = models(api, "ollama")
    assert status == 502 and "cannot connect" in body["detail"]


@pytest.mark.parametrize(
    "respond, detail",
    [
        (lambda r: r.respond_with_data("not json", content_type="text/plain"), "not JSON"),
        (lambda r: r.respond_with_json({"unexpected": True}), "not a model list"),
        (lambda r: r.respond_with_json([1, 2]), "not a model list"),
        (lambda r: r.respond_with_data("[" * 100_000 + "]" * 100_000), "not JSON"),
        (lambda r: r.respond_with_data("x" * (1024 * 1024 + 10)), "larger than 1 MB"),
        (
            lambda r: r.respond_with_data("", status=302, headers={"Location": "http://x/"}),
            "redirects are not followed",
        ),
        (lambda r: r.respond_with_data("oops", status=500), "HTTP 500"),
    ],
)
def test_unusable_answers_are_reported_not_raised(api, httpserver, respond, detail):
    credential_services.set_credential("custom_http", base_url=httpserver.url_for("/v1"))
    respond(httpserver.expect_request("/v1/models"))
    status, body = models(api, "custom_http")
    assert status == 502 and detail in body["detail"]
    tested = api.post("/api/llm/credentials/custom_http/test").json()
    assert tested["ok"] is False and detail in tested["detail"]


def test_connection_test_success(api, httpserver):
    credential_services.set_credential("open_ai", api_key=KEY)
    httpserver.expect_request("/openai/v1/models").respond_with_json(
        {"data": [{"id": "a"}, {"id": "b"}]}
    )
    tested = api.post("/api/llm/credentials/openai/test").json()
    assert tested["ok"] is True and tested["status"] == 200 and "2 models" in tested["detail"]


# OpenRouter lists its models to anyone (REFERENCE §2b); only its key endpoint judges the key.
def openrouter(httpserver: HTTPServer, key_status: int) -> None:
    httpserver.expect_request("/openrouter/api/v1/models").respond_with_json(
        {"data": [{"id": "openai/gpt-4o", "name": "GPT-4o"}]}
    )
    key = httpserver.expect_request(
        "/openrouter/api/v1/key", method="GET", headers={"Authorization": f"Bearer {KEY}"}
    )
    if key_status == 200:
        key.respond_with_json({"data": {"label": "sk-or-v1-abc...XYZW", "usage": 0, "limit": None}})
    else:
        key.respond_with_json({"error": {"message": "User not found.", "code": 401}}, status=401)


def test_openrouter_tests_the_key_itself(api, httpserver):
    credential_services.set_credential("open_router", api_key=KEY)
    openrouter(httpserver, 200)
    tested = api.post("/api/llm/credentials/openrouter/test").json()
    assert tested["ok"] is True and tested["status"] == 200 and "accepted" in tested["detail"]
    assert [request.path for request, _ in httpserver.log] == ["/openrouter/api/v1/key"]


def test_openrouter_wrong_key_fails_although_its_models_answer(api, httpserver):
    credential_services.set_credential("open_router", api_key=KEY)
    openrouter(httpserver, 401)
    assert models(api, "open_router")[0] == 200  # the list needs no key at all
    tested = api.post("/api/llm/credentials/open_router/test").json()
    assert tested["ok"] is False and tested["status"] == 401
    assert tested["detail"] == (
        "HTTP 401: the provider refused the credential. OpenRouter says: User not found."
    )


def test_openai_own_message_is_shown_with_the_key_masked(api, httpserver):
    credential_services.set_credential("open_ai", api_key="sk-abc1234567890defghijklmnop")
    httpserver.expect_request("/openai/v1/models").respond_with_json(
        {
            "error": {
                "message": "Incorrect API key provided: sk-abc***********************mnop. "
                "You can find your API key at https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error",
                "param": None,
                "code": "invalid_api_key",
            }
        },
        status=401,
    )
    tested = api.post("/api/llm/credentials/open_ai/test").json()
    assert tested["ok"] is False and tested["status"] == 401
    assert "OpenAI says: Incorrect API key provided: sk-…mnop. You can find" in tested["detail"]
    assert "sk-abc" not in tested["detail"]


def test_anthropic_own_message_is_shown(api, httpserver):
    credential_services.set_credential("anthropic", api_key=KEY)
    httpserver.expect_request(
        "/anthropic/v1/models", headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"}
    ).respond_with_json(
        {
            "type": "error",
            "error": {"type": "authentication_error", "message": "invalid x-api-key"},
        },
        status=401,
    )
    tested = api.post("/api/llm/credentials/anthropic/test").json()
    assert tested["ok"] is False
    assert tested["detail"].endswith("Anthropic says: invalid x-api-key")


def test_a_message_quoting_the_whole_key_is_masked(api, httpserver):
    credential_services.set_credential("ollama", url=httpserver.url_for("/"), token=TOKEN)
    httpserver.expect_request("/api/tags").respond_with_json(
        {"error": f"token {TOKEN} is not allowed"}, status=403
    )
    tested = api.post("/api/llm/credentials/ollama/test").json()
    assert tested["ok"] is False and TOKEN not in tested["detail"]
    assert tested["detail"].endswith("Ollama says: token …0042 is not allowed")


def test_missing_credential(api):
    status, body = models(api, "anthropic")
    assert status == 400 and "API key" in body["credential"][0]
    tested = api.post("/api/llm/credentials/anthropic/test").json()
    assert tested["ok"] is False and "API key" in tested["detail"]


@pytest.mark.parametrize(
    "query", [{}, {"provider": "nope"}, {"provider": "ollama", "refresh": "x"}]
)
def test_bad_query_is_400(api, query):
    response = api.get("/api/llm/models", query)
    assert response.status_code == 400


# --- the cache ----------------------------------------------------------------------------


def test_fresh_cache_is_served_without_asking(api, httpserver):
    credential_services.set_credential("open_ai", api_key=KEY)
    httpserver.expect_request("/openai/v1/models").respond_with_json({"data": [{"id": "m1"}]})
    assert models(api, "open_ai")[1]["cached"] is False
    status, body = models(api, "open_ai")
    assert status == 200 and body["cached"] is True and body["models"] == ["m1"]
    assert len(httpserver.log) == 1
    assert models(api, "open_ai", refresh="1")[1]["cached"] is False
    assert len(httpserver.log) == 2


def test_cached_list_is_served_while_the_provider_is_down(api, httpserver, settings):
    settings.TRIPLO_MODELS_CACHE_SECONDS = 0
    credential_services.set_credential("open_ai", api_key=KEY)
    httpserver.expect_oneshot_request("/openai/v1/models").respond_with_json(
        {"data": [{"id": "m1"}, {"id": "m2"}]}
    )
    first = models(api, "open_ai")[1]
    httpserver.expect_request("/openai/v1/models").respond_with_data("down", status=503)
    status, body = models(api, "open_ai")
    assert status == 200 and body["cached"] is True and body["models"] == ["m1", "m2"]
    assert body["fetched_at"] == first["fetched_at"]
    assert body["error"]["status"] == 503 and "HTTP 503" in body["error"]["detail"]


def test_stale_cache_is_refreshed(api, httpserver):
    credential_services.set_credential("open_ai", api_key=KEY)
    ModelListCache.objects.create(
        provider="open_ai",
        endpoint=httpserver.url_for("/openai/v1").rstrip("/"),
        models=["old"],
        fetched_at=timezone.now() - timedelta(days=1),
    )
    httpserver.expect_request("/openai/v1/models").respond_with_json({"data": [{"id": "new"}]})
    status, body = models(api, "open_ai")
    assert status == 200 and body["models"] == ["new"] and body["cached"] is False
    assert list(ModelListCache.objects.values_list("models", flat=True)) == [["new"]]


def test_new_url_discards_the_cached_list(api, httpserver, closed_port):
    credential_services.set_credential("ollama", url=httpserver.url_for("/"))
    httpserver.expect_request("/api/tags").respond_with_json({"models": [{"name": "llama3"}]})
    assert models(api, "ollama")[1]["models"] == ["llama3"]
    credential_services.set_credential("ollama", url=f"http://127.0.0.1:{closed_port}")
    status, body = models(api, "ollama", refresh="true")
    assert status == 502
    assert not ModelListCache.objects.exists()


@pytest.mark.parametrize("key", ["sk-ключ-secret-0123456789", "sk-abc\r\nX-Injected: 1"])
def test_a_key_no_header_can_carry_is_reported_not_raised(api, httpserver, key):
    credential_services.set_credential("open_ai", api_key=key)
    tested = api.post("/api/llm/credentials/open_ai/test")
    assert tested.status_code == 200 and tested.json()["ok"] is False
    assert key not in tested.content.decode()
    assert models(api, "open_ai")[0] == 502
    assert not httpserver.log
