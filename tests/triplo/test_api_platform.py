"""/api/triplo/platform: the drop-in image's noVNC switch in platform-settings.json."""

import json
import stat
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from history.models import Version

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_file(config_path: Path) -> Path:
    """As the upstream entrypoint leaves it on start (printf … > file; chmod 600)."""
    config_path.parent.mkdir(parents=True, exist_ok=True)
    path = config_path.parent / "platform-settings.json"
    path.write_text('{"novnc_enabled": false}\n')
    path.chmod(0o600)
    return path


def test_without_the_file_the_switch_is_unavailable_and_not_written(api, config_path):
    assert api.get("/api/triplo/platform").json()["available"] is False
    response = api.patch("/api/triplo/platform", {"novnc_enabled": True}, format="json")
    assert response.status_code == 409
    assert "platform-settings.json" in response.json()["detail"]
    assert not (config_path.parent / "platform-settings.json").exists()
    assert not Version.objects.exists()


def test_switching_on_writes_the_file_atomically_and_records_it(api, platform_file):
    answer = api.get("/api/triplo/platform").json()
    assert answer == {
        "available": True,
        "novnc_enabled": False,
        "takes_effect": "at the next container start",
    }
    platform_file.write_text('{"novnc_enabled": false, "other": 1}\n')
    response = api.patch("/api/triplo/platform", {"novnc_enabled": True}, format="json")
    assert response.status_code == 200
    assert response.json()["novnc_enabled"] is True
    assert json.loads(platform_file.read_text()) == {"novnc_enabled": True, "other": 1}
    assert stat.S_IMODE(platform_file.stat().st_mode) == 0o600
    assert [p.name for p in platform_file.parent.iterdir() if p.name.endswith(".tmp")] == []
    summary = Version.objects.get().summary
    assert "remote desktop (noVNC): off → on" in summary
    assert "next container start" in summary


def test_sending_the_same_value_records_nothing(api, platform_file):
    response = api.patch("/api/triplo/platform", {"novnc_enabled": False}, format="json")
    assert response.status_code == 200
    assert not Version.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"novnc_enabled": "yes"}, "novnc_enabled"),
        ({"novnc_enabled": None}, "novnc_enabled"),
        ({}, "novnc_enabled"),
        ({"novnc_enabled": True, "vnc_port": 1}, "vnc_port"),
        ([True], "novnc_enabled"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, platform_file, body, field):
    response = api.patch("/api/triplo/platform", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert json.loads(platform_file.read_text()) == {"novnc_enabled": False}


def test_a_file_without_a_boolean_means_the_entrypoints_fallback(api, platform_file, monkeypatch):
    """The entrypoint then uses ENABLE_NOVNC; the page shows what the next start will do."""
    platform_file.write_text("not json")
    monkeypatch.setenv("ENABLE_NOVNC", "TRUE")
    assert api.get("/api/triplo/platform").json()["novnc_enabled"] is True
    response = api.patch("/api/triplo/platform", {"novnc_enabled": False}, format="json")
    assert response.status_code == 200
    assert json.loads(platform_file.read_text()) == {"novnc_enabled": False}


def test_reading_needs_a_staff_user_with_view_permission(django_user_model, platform_file):
    client = APIClient()
    client.force_authenticate(django_user_model.objects.create_user("bob", is_staff=True))
    assert client.get("/api/triplo/platform").status_code == 403
    assert (
        client.patch("/api/triplo/platform", {"novnc_enabled": True}, format="json").status_code
        == 403
    )
