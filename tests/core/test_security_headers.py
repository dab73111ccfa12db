"""Issue 12, point 6: what the logs keep out and what the answers look like."""

import logging

import httpx
import pytest
from django.contrib.auth.models import User
from pytest_httpserver import HTTPServer
from rest_framework.test import APIClient

from profiles import credential_services

SECRET_PATH = "/private-path-9f3c"


@pytest.mark.django_db
def test_provider_urls_are_not_logged(admin_user, httpserver: HTTPServer, caplog):
    httpserver.expect_request(f"{SECRET_PATH}/api/tags").respond_with_json({"models": []})
    credential_services.set_credential("ollama", url=httpserver.url_for(SECRET_PATH))
    api = APIClient()
    api.force_authenticate(admin_user)
    with caplog.at_level(logging.DEBUG):
        assert api.get("/api/llm/models", {"provider": "ollama"}).status_code == 200
    assert len(httpserver.log) == 1
    ours = [r for r in caplog.records if r.name != "werkzeug"]  # werkzeug: the test's server
    assert not [r for r in ours if SECRET_PATH in r.getMessage()]
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert logging.getLogger("httpcore").getEffectiveLevel() == logging.WARNING


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/api/llm/profiles"), ("POST", "/api/llm/import"), ("PUT", "/api/config")],
)
def test_oversized_body_is_a_json_400(live_server, method, path):
    User.objects.create_user("ops", password="headers-test-pw-1", is_staff=True, is_superuser=True)
    body = b'{"name": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = httpx.request(
        method,
        live_server.url + path,
        content=body,
        headers={"Content-Type": "application/json"},
        auth=("ops", "headers-test-pw-1"),
        timeout=30,
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "the request body is larger than 1,048,576 bytes"}


@pytest.mark.django_db
def test_oversized_form_outside_the_api_is_still_an_html_400(client):
    response = client.post("/login/", {"username": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
