"""GET/PATCH /api/triplo/settings: every catalogue field's type and range, unknown keys, the
one config.json writer, the history (and rollback), the restart and the license at rest."""

import json
import re
import shlex
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from rest_framework.test import APIClient

from history.models import Version
from profiles import credential_services
from profiles import services as profile_services
from triplo import configfile, restart_worker
from triplo.export import export
from triplo.triplo_settings import EDITABLE, GROUPS

pytestmark = pytest.mark.django_db(transaction=True)

LICENSE = "TRIPLO-LICENSE-AT-REST-0123456789"
FAKE = Path(__file__).parents[1] / "fixtures" / "fake_restart.py"


@pytest.fixture
def triplo_file(config_path):
    """config.json as Triplo leaves it: its own keys, a key from a future version, a window."""
    document = configfile.stock_document()
    document["settings"] |= {"llm_key": "abcd-efgh-1234-5678", "future_key": {"nested": [1]}}
    document["windowBounds"] = {"x": 10}
    configfile.write_atomic(config_path, configfile.serialize(document))
    export(force=True)  # as after the first start: the LLM state is in the file already
    return config_path


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text())


def patch(api: APIClient, body: dict):
    return api.patch("/api/triplo/settings", body, format="json")


def valid_and_invalid(setting) -> tuple[list, list]:
    """Values the catalogue allows and refuses for one setting, derived from its entry."""
    if setting.kind == "bool":
        return [True, False], ["yes", 1, None]
    if setting.kind == "number":
        low, high = setting.minimum, setting.maximum
        return [low, high, (low + high) / 2], [low - 0.01, high + 0.01, "1", True, None]
    if setting.kind == "list":
        return [[], ["Ctrl+1", "Alt+2"]], ["Ctrl+1", [1], [""], ["x"] * (setting.max_items + 1)]
    if setting.choices:
        return list(setting.choices), ["", "nope", 3, None]
    if setting.key == "llm_key":
        return ["a1b2-c3d4-e5f6-g7h8"], ["ABCD-efgh-1234-5678", "abc-defg", "", 4]
    bad = ["x" * (setting.max_length + 1), 3, None, "bell\x07"]
    if not setting.blank:
        bad.append("")
    good = ["en"] if setting.pattern else ["Alt+Space", ""] if setting.blank else ["Alt+Space"]
    if setting.pattern:
        bad.append("not a code!")
    return good, bad


def test_get_lists_every_group_and_field_with_values_and_masks_secrets(api, triplo_file):
    configfile.write_atomic(
        triplo_file,
        configfile.serialize(
            {**on_disk(triplo_file), "settings": {**on_disk(triplo_file)["settings"],
                                                  "license_key": LICENSE}}
        ),
    )  # fmt: skip
    body = api.get("/api/triplo/settings").json()
    assert [g["title"] for g in body["groups"]] == [title for _id, title in GROUPS]
    fields = {f["key"]: f for g in body["groups"] for f in g["fields"]}
    assert set(fields) == set(EDITABLE)
    speed = fields["voice_tts_speed"]
    assert (speed["kind"], speed["minimum"], speed["maximum"]) == ("number", 0.25, 4)
    assert fields["color_scheme"]["choices"] == ["auto", "light", "dark"]
    assert all(f["label"] for f in fields.values())
    assert body["values"]["color_scheme"] == "auto"
    text = json.dumps(body)
    assert LICENSE not in text and "abcd-efgh-1234-5678" not in text
    assert body["values"]["license_key"].endswith("6789")


@pytest.mark.parametrize("key", sorted(EDITABLE))
def test_every_field_takes_its_allowed_values_and_refuses_the_others(api, triplo_file, key):
    good, bad = valid_and_invalid(EDITABLE[key])
    before = triplo_file.read_bytes()
    for value in bad:
        response = patch(api, {key: value})
        assert response.status_code == 400, (key, value)
        (message,) = response.json()[key]
        assert message[0].isupper(), message
        assert triplo_file.read_bytes() == before, (key, value)
    for value in good:
        response = patch(api, {key: value})
        assert response.status_code == 200, (key, value, response.content)
        assert on_disk(triplo_file)["settings"][key] == value


def test_an_unknown_key_is_refused_and_nothing_is_written(api, triplo_file):
    before = triplo_file.read_bytes()
    response = patch(api, {"color_scheme": "dark", "openai_key": "sk-x", "nonsense": 1})
    assert response.status_code == 400
    assert set(response.json()) == {"openai_key", "nonsense"}
    assert triplo_file.read_bytes() == before
    assert patch(api, {}).status_code == 400
    assert api.patch("/api/triplo/settings", [1], format="json").status_code == 400


def test_a_change_writes_only_its_key_and_is_recorded(api, triplo_file):
    before = on_disk(triplo_file)
    assert patch(api, {"color_scheme": "dark", "voice_tts_speed": 1.5}).status_code == 200
    after = on_disk(triplo_file)
    assert after["settings"] == {**before["settings"], "color_scheme": "dark",
                                 "voice_tts_speed": 1.5}  # fmt: skip
    assert list(after["settings"]) == list(before["settings"])  # Triplo's key order kept
    assert {k: v for k, v in after.items() if k != "settings"} == {
        k: v for k, v in before.items() if k != "settings"
    }
    assert Version.objects.first().summary == "color_scheme: auto → dark; voice_tts_speed: 1 → 1.5"


def test_the_same_values_and_a_secret_sent_back_masked_record_nothing(api, triplo_file):
    values = api.get("/api/triplo/settings").json()["values"]
    assert patch(api, values).status_code == 200
    assert patch(api, {"color_scheme": "auto"}).status_code == 200
    assert not Version.objects.exists()


def test_a_secret_is_recorded_as_changed_and_encrypted_at_rest(api, triplo_file):
    assert patch(api, {"license_key": LICENSE}).status_code == 200
    assert on_disk(triplo_file)["settings"]["license_key"] == LICENSE  # Triplo reads it
    version = Version.objects.first()
    assert version.summary == "license_key changed"
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary, snapshot, secrets FROM history_version")
        rows = cursor.fetchall()
    assert LICENSE not in repr(rows)
    assert LICENSE not in api.get("/api/config/history").content.decode()


def test_regenerate_writes_a_new_key_in_triplos_form(api, triplo_file):
    response = api.post("/api/triplo/settings/llm-key/regenerate")
    assert response.status_code == 200
    key = on_disk(triplo_file)["settings"]["llm_key"]
    assert re.fullmatch(r"[a-z0-9]{4}(-[a-z0-9]{4}){3}", key) and key != "abcd-efgh-1234-5678"
    assert key not in response.content.decode()
    assert Version.objects.first().summary == "llm_key changed"


def test_rollback_restores_the_settings_and_the_license(api, triplo_file):
    patch(api, {"license_key": LICENSE})
    patch(api, {"color_scheme": "dark", "license_key": "OTHER-LICENSE-0000000000"})
    first = Version.objects.order_by("number").first().number
    response = api.post("/api/config/rollback", {"version": first}, format="json")
    assert response.status_code == 200, response.content
    settings = on_disk(triplo_file)["settings"]
    assert (settings["color_scheme"], settings["license_key"]) == ("auto", LICENSE)
    assert settings["future_key"] == {"nested": [1]}


def test_the_switch_the_active_profile_needs_cannot_be_turned_off(api, triplo_file):
    credential_services.set_credential("ollama", url="http://127.0.0.1:11434")
    profile = profile_services.create_profile(name="Local", provider="ollama", model="llama3")
    profile_services.activate_profile(profile.pk)
    assert api.get("/api/triplo/settings").json()["locked"] == {
        "enable_ollama": "The active profile 'Local' needs it on"
    }
    response = patch(api, {"enable_ollama": False})
    assert response.status_code == 400
    assert "needs it on" in response.json()["enable_ollama"][0]


def test_staff_without_permissions_cannot_read_or_change(client, django_user_model, triplo_file):
    user = django_user_model.objects.create_user("bare", password="x", is_staff=True)
    bare = APIClient()
    bare.force_authenticate(user)
    assert bare.get("/api/triplo/settings").status_code == 403
    assert patch(bare, {"color_scheme": "dark"}).status_code == 403


@pytest.mark.slow
def test_a_change_restarts_triplo_once(api, triplo_file, settings, tmp_path):
    seen = tmp_path / "restarts.log"
    command = [sys.executable, str(FAKE), str(triplo_file), str(seen)]
    settings.TRIPLO_RESTART_COMMAND = shlex.join(command)
    settings.TRIPLO_RESTART_DEBOUNCE = 0.3
    patch(api, {"color_scheme": "dark"})
    patch(api, {"pinned": False})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
        restart_worker.last_result(settings.TRIPLO_DATA_DIR) or {}
    ).get("ended_at"):  # noqa: E501
        time.sleep(0.05)
    assert seen.exists() and 1 <= len(seen.read_text().splitlines()) <= 2
