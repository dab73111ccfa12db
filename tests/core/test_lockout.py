"""Issue 12, point 4: guessing passwords is slow and noisy; weak passwords are refused."""

import base64
import logging

import pytest
from django.contrib.auth.models import User

from tests.cli import Site

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LIMIT = 5  # settings.AXES_FAILURE_LIMIT


def basic(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.fixture
def ops(db) -> User:
    return User.objects.create_superuser("ops", "", PASSWORD)


def test_basic_auth_locks_out_user_and_address_with_a_json_429(client, ops, caplog):
    with caplog.at_level(logging.WARNING):
        codes = [
            client.get("/api/llm/profiles", **basic("ops", f"guess-{n}")).status_code
            for n in range(LIMIT)
        ]
    assert codes == [401] * (LIMIT - 1) + [429]
    locked = client.get("/api/llm/profiles", **basic("ops", PASSWORD))
    assert locked.status_code == 429
    assert "too many failed sign-ins" in locked.json()["detail"]
    assert int(locked["Retry-After"]) == 900
    assert any(
        "Locking out" in r.getMessage()
        and "ops" in r.getMessage()
        and "127.0.0.1" in r.getMessage()
        for r in caplog.records
    )
    assert client.get("/api/health").status_code == 200
    other = client.get("/api/llm/profiles", **basic("ops", PASSWORD), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200  # the same user from another address


@pytest.mark.parametrize(
    ("path", "fields"),
    [("/login/", {}), ("/admin/login/", {"next": "/admin/"})],
)
def test_sign_in_pages_lock_out_with_a_clear_page(client, ops, path, fields):
    codes = [
        client.post(path, {"username": "ops", "password": f"guess-{n}", **fields}).status_code
        for n in range(LIMIT)
    ]
    assert codes == [200] * (LIMIT - 1) + [429]
    locked = client.post(path, {"username": "ops", "password": PASSWORD, **fields})
    assert locked.status_code == 429
    assert "Too many failed sign-ins for ops" in locked.content.decode()
    assert not client.session.get("_auth_user_id")


def test_the_admin_refuses_a_weak_password_with_the_reason(admin_client):
    response = admin_client.post(
        "/admin/auth/user/add/",
        {"username": "weak", "password1": "1", "password2": "1", "usable_password": "true"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("password", "reason"),
    [("1", "too short"), ("password123", "too common"), ("82749163058", "entirely numeric")],
)
def test_bootstrap_refuses_a_weak_webui_password(tmp_path, password, reason):
    site = Site(tmp_path / "site-data", tmp_path / "config" / "config.json")
    result = site.run("bootstrap", WEBUI_USERNAME="ops", WEBUI_PASSWORD=password)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("CommandError: WEBUI_PASSWORD is too weak") and reason in line
    assert not site.config_path.exists()
