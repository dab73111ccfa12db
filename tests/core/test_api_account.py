"""/api/account/…: one's own password (Django's validators), API tokens, other sessions."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "an-old-but-long-password-1"
NEW = "a-brand-new-long-password-2"


@pytest.fixture
def ada(django_user_model):
    return django_user_model.objects.create_user("ada", password=PASSWORD, is_staff=True)


def signed_in(ada) -> Client:
    client = Client()
    client.force_login(ada)
    return client


def test_password_change_keeps_this_session_and_ends_the_others(ada):
    mine, other = signed_in(ada), signed_in(ada)
    response = mine.post(
        "/api/account/password",
        {"current_password": PASSWORD, "new_password": NEW},
        content_type="application/json",
    )
    assert response.status_code == 204
    ada.refresh_from_db()
    assert ada.check_password(NEW)
    assert mine.get("/api/account/tokens").status_code == 200
    assert other.get("/api/account/tokens").status_code in (401, 403)


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"current_password": "wrong", "new_password": NEW}, "current_password", "not correct"),
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password", "too short"),
        ({"current_password": PASSWORD, "new_password": "password"}, "new_password", "common"),
        ({"current_password": PASSWORD}, "new_password", "Type a new password"),
    ],
)
def test_a_refused_password_names_the_field_and_why(ada, body, field, words):
    response = signed_in(ada).post("/api/account/password", body, content_type="application/json")
    assert response.status_code == 400
    assert words in " ".join(response.json()[field])
    ada.refresh_from_db()
    assert ada.check_password(PASSWORD)


def test_a_token_is_shown_once_listed_by_its_start_and_revoked(ada):
    client = signed_in(ada)
    created = client.post("/api/account/tokens").json()
    token = created["token"]
    assert token.startswith(created["id"])
    listed = client.get("/api/account/tokens").json()
    assert [t["id"] for t in listed] == [created["id"]] and "token" not in listed[0]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/account/tokens").status_code == 200
    assert client.delete(f"/api/account/tokens/{created['id']}").status_code == 204
    assert api.get("/api/account/tokens").status_code == 401
    assert client.delete(f"/api/account/tokens/{created['id']}").status_code == 404


def test_tokens_of_others_are_neither_listed_nor_revocable(ada, django_user_model):
    bob = django_user_model.objects.create_user("bob", password=PASSWORD, is_staff=True)
    bob_client = signed_in(bob)
    theirs = bob_client.post("/api/account/tokens").json()
    client = signed_in(ada)
    assert client.get("/api/account/tokens").json() == []
    assert client.delete(f"/api/account/tokens/{theirs['id']}").status_code == 404
    assert bob.auth_token_set.count() == 1


def test_sign_out_of_other_sessions_keeps_this_one(ada):
    mine, other = signed_in(ada), signed_in(ada)
    response = mine.post("/api/account/sessions/sign-out-others")
    assert response.json() == {"ended": 1}
    assert mine.get("/api/account/tokens").status_code == 200
    assert other.get("/api/account/tokens").status_code in (401, 403)
    assert Session.objects.count() == 1
