import base64

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from core.auth import _USER_BY_PK

URL = "/api/restart"  # a staff-only endpoint that does no harm with restarts disabled


def allowed(response) -> bool:
    return response.status_code not in (401, 403)


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user(
        "ops", password="first-password", is_staff=True, is_superuser=True
    )


@pytest.fixture
def password_checks(monkeypatch) -> list[str]:
    """Counts full password verifications (the expensive PBKDF2 path)."""
    calls: list[str] = []
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        calls.append(username)
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return calls


def test_repeated_basic_auth_verifies_the_password_once(client, staff, password_checks):
    for _ in range(3):
        assert allowed(client.post(URL, **basic("ops", "first-password")))
    assert password_checks == ["ops"]


def test_wrong_password_is_401_with_basic_challenge(client, staff):
    client.post(URL, **basic("ops", "first-password"))
    response = client.post(URL, **basic("ops", "wrong-password"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_password_change_takes_effect_at_once(client, staff):
    assert allowed(client.post(URL, **basic("ops", "first-password")))
    staff.set_password("second-password")
    staff.save()
    assert client.post(URL, **basic("ops", "first-password")).status_code == 401
    assert allowed(client.post(URL, **basic("ops", "second-password")))


def test_deactivated_user_is_refused_at_once(client, staff):
    assert allowed(client.post(URL, **basic("ops", "first-password")))
    staff.is_active = False
    staff.save()
    assert client.post(URL, **basic("ops", "first-password")).status_code == 401


def test_a_cache_hit_reads_the_user_as_the_orm_does(client, staff, django_assert_num_queries):
    """The hit path reads the user with one plain statement; every field converts as the ORM's
    would (booleans, times), and the instance is new for each request."""
    staff.last_login = staff.date_joined
    staff.save()
    assert allowed(client.post(URL, **basic("ops", "first-password")))
    with django_assert_num_queries(1):
        first = _USER_BY_PK.first(staff.pk)
    fresh = User.objects.get(pk=staff.pk)
    for field in User._meta.concrete_fields:
        assert getattr(first, field.attname) == getattr(fresh, field.attname), field.name
    assert first is not _USER_BY_PK.first(staff.pk) and _USER_BY_PK.first(-1) is None
