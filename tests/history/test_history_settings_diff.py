"""The history's diff lists Triplo's own settings like profile fields; secrets only as changed."""

import json

import pytest
from rest_framework.test import APIClient

from history.models import Version
from history.states import state_of
from triplo import configfile
from triplo.export import export

pytestmark = pytest.mark.django_db(transaction=True)

LICENSE = "TRIPLO-LICENSE-IN-A-DIFF-0123456789"


@pytest.fixture
def api(admin_user, config_path) -> APIClient:
    configfile.write_atomic(config_path, configfile.serialize(configfile.stock_document()))
    export(force=True)
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def change(api: APIClient, body: dict) -> int:
    assert api.patch("/api/triplo/settings", body, format="json").status_code == 200
    return Version.objects.order_by("-number").first().number


def diff(api: APIClient, a: int, b: int) -> dict:
    response = api.get(f"/api/config/history/{a}/diff/{b}")
    assert response.status_code == 200
    return response.json()


def test_changed_settings_are_listed_and_a_secret_only_as_changed(api):
    first = change(api, {"sound": False})
    second = change(api, {"color_scheme": "dark", "voice_tts_speed": 1.5, "license_key": LICENSE})
    answer = diff(api, first, second)
    assert answer["triplo_settings"] == {
        "fields": {
            "color_scheme": {"from": "auto", "to": "dark"},
            "voice_tts_speed": {"from": 1, "to": 1.5},
        },
        "secrets": {"license_key": "changed"},
    }
    assert answer["lines"] == [
        "~ setting color_scheme: 'auto' -> 'dark'",
        "~ setting voice_tts_speed: 1 -> 1.5",
        "~ setting license_key changed",
    ]
    assert LICENSE not in str(answer)
    back = diff(api, second, first)["lines"]
    assert "~ setting color_scheme: 'dark' -> 'auto'" in back


def test_a_version_without_recorded_settings_claims_nothing_about_them(api):
    first = change(api, {"sound": False})
    second = change(api, {"color_scheme": "dark"})
    old = Version.objects.get(number=first)
    state, secrets = state_of(old)
    # As a version recorded before the settings were: stored whole, without them.
    old.kind = "full"
    old.snapshot = {k: v for k, v in state.items() if k != "triplo_settings"}
    old.secrets = json.dumps(secrets)
    old.save()
    answer = diff(api, first, second)
    assert answer["triplo_settings"] == {"fields": {}, "secrets": {}}
    assert answer["lines"] == ["no differences"]
