"""Hostile bodies over real HTTP: oversized, deeply nested, not UTF-8, wrong content types."""

import httpx
import pytest
from django.contrib.auth.models import User

from profiles.models import LlmProfile

pytestmark = pytest.mark.django_db(transaction=True)

WRITE_ENDPOINTS = [
    ("POST", "/api/llm/profiles"),
    ("POST", "/api/llm/profiles/reorder"),
    ("POST", "/api/llm/profile/activate"),
    ("PUT", "/api/llm/credentials/open_ai"),
    ("PUT", "/api/config"),
    ("POST", "/api/config/resolve"),
]


@pytest.fixture
def api(live_server):
    User.objects.create_user("ops", password="hostile-pw", is_staff=True, is_superuser=True)
    with httpx.Client(base_url=live_server.url, auth=("ops", "hostile-pw"), timeout=30) as client:
        yield client


@pytest.mark.parametrize(("method", "path"), WRITE_ENDPOINTS)
def test_ten_megabyte_body_is_refused(api, method, path):
    body = b'{"name": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    response = api.request(method, path, content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(("method", "path"), WRITE_ENDPOINTS)
@pytest.mark.parametrize("depth", [65, 5_000, 200_000])
def test_deeply_nested_json_is_a_400(api, method, path, depth):
    body = "[" * depth + "]" * depth
    response = api.request(method, path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_nesting_within_the_limit_still_reaches_the_service(api):
    nested: dict = {}
    for _ in range(60):
        nested = {"a": nested}
    response = api.post(
        "/api/llm/profiles",
        json={"name": "n", "provider": "open_ai", "model": "m", "options": nested},
    )
    assert response.status_code == 400
    assert "options" in response.json()


@pytest.mark.parametrize(("method", "path"), WRITE_ENDPOINTS)
def test_non_utf8_body_is_a_400(api, method, path):
    body = b'{"name": "\xff\xfe\xfa"}'
    response = api.request(method, path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
    ],
)
def test_wrong_content_type_is_a_415(api, content_type):
    response = api.post(
        "/api/llm/profiles",
        content=b"name=x&provider=open_ai&model=m",
        headers={"Content-Type": content_type},
    )
    assert response.status_code == 415
    assert LlmProfile.objects.count() == 0
