"""Issue 12, point 5: the API asks for the model permissions the admin asks for."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import get_resolver
from rest_framework.test import APIClient

from core import permissions
from profiles import credential_services, services

pytestmark = pytest.mark.django_db

KEY = "sk-proj-permission-test-abcdef"


def client_for(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def grant(user: User, *names: str) -> User:
    for name in names:
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)  # a fresh object: permissions are cached per object


@pytest.fixture
def profile():
    credential_services.set_credential("open_ai", api_key=KEY)
    return services.create_profile(name="A", provider="open_ai", model="gpt-4o")


@pytest.fixture
def bare_staff() -> User:
    return User.objects.create_user("bare", password="x", is_staff=True)


def test_staff_without_permissions_is_refused_by_the_api_as_by_the_admin(
    client, bare_staff, profile
):
    api = client_for(bare_staff)
    for path in (
        "/api/llm/profiles",
        f"/api/llm/profiles/{profile.pk}",
        "/api/llm/credentials",
        "/api/config",
        "/api/config/history",
    ):
        assert api.get(path).status_code == 403, path
    sealed = api.get("/api/llm/export", {"passphrase": "a long passphrase here"})
    assert sealed.status_code == 403 and KEY not in sealed.content.decode()
    assert api.post(f"/api/llm/profiles/{profile.pk}/activate").status_code == 403
    assert api.delete(f"/api/llm/profiles/{profile.pk}").status_code == 403
    client.force_login(bare_staff)
    assert client.get("/admin/profiles/llmprofile/").status_code == 403


def test_view_permissions_read_but_do_not_write(client, bare_staff, profile):
    viewer = grant(bare_staff, permissions.PROFILE_VIEW, permissions.CREDENTIAL_VIEW)
    api = client_for(viewer)
    assert api.get("/api/llm/profiles").status_code == 200
    assert api.get("/api/llm/credentials").status_code == 200
    assert api.get("/api/config").status_code == 200
    assert api.get("/api/config/history").status_code == 403  # no history.view_version
    body = {"name": "B", "provider": "open_ai", "model": "m"}
    assert api.post("/api/llm/profiles", body, format="json").status_code == 403
    assert (
        api.patch(f"/api/llm/profiles/{profile.pk}", {"model": "x"}, format="json").status_code
        == 403
    )
    client.force_login(viewer)
    assert client.get("/admin/profiles/llmprofile/").status_code == 200
    assert client.get("/admin/profiles/llmprofile/add/").status_code == 403


def test_change_permission_allows_the_change(bare_staff, profile):
    editor = grant(bare_staff, permissions.PROFILE_CHANGE)
    api = client_for(editor)
    response = api.patch(f"/api/llm/profiles/{profile.pk}", {"model": "x"}, format="json")
    assert response.status_code == 200, response.content
    assert api.delete(f"/api/llm/profiles/{profile.pk}").status_code == 403


def test_superuser_keeps_full_access(admin_user, profile):
    api = client_for(admin_user)
    assert api.get("/api/llm/export").status_code == 200
    assert api.post(f"/api/llm/profiles/{profile.pk}/activate").status_code == 200


def test_every_api_route_says_what_it_needs():
    (api,) = [p for p in get_resolver().url_patterns if str(p.pattern) == "api/"]
    api_routes = {route.name for route in api.url_patterns}
    assert api_routes - set(permissions.REQUIRED) == {"health", "schema", "docs"}
