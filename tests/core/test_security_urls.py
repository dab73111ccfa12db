"""Issue 12, point 2: provider URLs are judged as httpx reads them and where it connects.

The resolver is replaced for one made-up name only (DNS answers cannot be staged here); every
connection is real, to pytest-httpserver on 127.0.0.1.
"""

import socket

import pytest
from pytest_httpserver import HTTPServer

from credentials import providers
from profiles import credential_services as services

pytestmark = pytest.mark.django_db

TOKEN = "ollama-bearer-token-netguard-77"
NAME = "ollama.rebind.test"


@pytest.fixture
def dns(monkeypatch) -> dict[str, str]:
    """NAME resolves to whatever the test puts in the dict; other names as usual."""
    answers: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return real(answers[host], port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(
    "url",
    [
        "http://169\u3002254\u3002169\u3002254/latest",  # ideographic full stop
        "http://169\uff0e254\uff0e169\uff0e254/",  # fullwidth full stop
        "http://169\uff61254\uff61169\uff61254/",  # halfwidth ideographic full stop
        "http://0.0.0.0:11434",
        "http://0\u30020\u30020\u30020:11434",
        "http://224.0.0.251/",
        "http://[ff02::1]/",
        "http://[fe80::1%25eth0]/",
        "http://metadata.google.internal/computeMetadata/v1",
        "http://METADATA.GOOGLE.INTERNAL./",
        "http://100.100.100.200/",
    ],
)
def test_refused_hosts_however_written(url):
    assert providers.url_errors(url) == [
        "link-local, multicast and cloud metadata addresses are not allowed"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://127\u30020\u30020\u30021:11434",
        "http://localhost:11434",
        "http://192.168.1.20:1234/v1",
        "http://10.0.0.5:11434",
        "http://172.17.0.1:11434",
        "http://[::1]:11434",
        "http://[fd12:3456::1]:11434",
    ],
)
def test_loopback_and_private_addresses_stay_allowed(url):
    assert providers.url_errors(url) == []


def test_a_name_resolving_to_a_refused_address_is_refused(api, dns):
    dns[NAME] = "169.254.169.254"
    response = api.put(
        "/api/llm/credentials/ollama", {"url": f"http://{NAME}:11434"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["url"]


def test_the_address_connected_to_is_checked_again(api, dns, httpserver: HTTPServer):
    """DNS rebinding: the name was fine when saved, resolves to the metadata service later."""
    httpserver.expect_request("/api/tags").respond_with_json({"models": [{"name": "llama3"}]})
    dns[NAME] = "127.0.0.1"
    url = f"http://{NAME}:{httpserver.port}"
    services.set_credential("ollama", url=url, token=TOKEN)
    first = api.get("/api/llm/models", {"provider": "ollama", "refresh": "true"})
    assert first.status_code == 200 and first.json()["models"] == ["llama3"]
    assert len(httpserver.log) == 1

    dns[NAME] = "169.254.169.254"
    again = api.get("/api/llm/models", {"provider": "ollama", "refresh": "true"})
    assert "not allowed" in again.json()["error"]["detail"]
    test = api.post("/api/llm/credentials/ollama/test")
    assert test.json()["ok"] is False and "not allowed" in test.json()["detail"]
    assert len(httpserver.log) == 1  # the token went nowhere


def test_ideographic_loopback_url_reaches_the_loopback_server(api, httpserver: HTTPServer):
    httpserver.expect_request("/api/tags").respond_with_json({"models": [{"name": "m"}]})
    url = f"http://127\u30020\u30020\u30021:{httpserver.port}"
    services.set_credential("ollama", url=url)
    assert api.get("/api/llm/models", {"provider": "ollama"}).json()["models"] == ["m"]
