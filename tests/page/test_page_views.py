"""The page's server side: who may open it, and its stored multi-provider preference."""

import pytest
from rest_framework.test import APIClient

from profiles import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(django_user_model) -> APIClient:
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_superuser("root", "", "pw"))
    return client


def test_page_needs_a_staff_user(client, django_user_model):
    assert client.get("/").url == "/login/?next=/"
    client.force_login(django_user_model.objects.create_user("bob", "", "pw"))
    assert client.get("/").status_code == 302
    client.force_login(django_user_model.objects.create_superuser("root", "", "pw"))
    response = client.get("/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert b'type="module" src="/static/triplo/manager.js"' in response.content


def test_login_page_renders(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_multi_provider_mode_defaults_on_with_more_than_one_profile(api):
    assert api.get("/api/settings/ui").json() == {"multi_provider_mode": False}
    services.create_profile(name="A", provider="open_ai", model="gpt-4o")
    services.create_profile(name="B", provider="open_ai", model="gpt-4o")
    assert api.get("/api/settings/ui/").json() == {"multi_provider_mode": True}


def test_multi_provider_mode_is_stored(api):
    services.create_profile(name="A", provider="open_ai", model="gpt-4o")
    services.create_profile(name="B", provider="open_ai", model="gpt-4o")
    response = api.put("/api/settings/ui", {"multi_provider_mode": False}, format="json")
    assert response.json() == {"multi_provider_mode": False}
    assert api.get("/api/settings/ui").json() == {"multi_provider_mode": False}


def test_multi_provider_mode_rejects_bad_input_and_anonymous_users(api):
    response = api.put("/api/settings/ui", {"multi_provider_mode": "maybe"}, format="json")
    assert response.status_code == 400
    assert "multi_provider_mode" in response.json()
    assert api.put("/api/settings/ui", {}, format="json").status_code == 400
    assert APIClient().get("/api/settings/ui").status_code == 401
