"""config.json and status over the API: masking, saving unowned settings, refusals."""

import json

import pytest

from profiles import credential_services
from profiles import services as profile_services
from profiles.models import LlmProfile
from tests import legacy_files
from triplo import configdoc, configfile
from triplo.export import owned_values

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-proj-configsecretconfigsecret-7777"
ROUTER_KEY = "sk-or-v1-routersecretroutersecret-8888"
LICENSE = "TRIPLO-LICENSE-SECRET-123456"
TOKEN = "ollama-token-configsecret-9999"


@pytest.fixture
def existing_file(config_path):
    """A config.json Triplo wrote: a license, its own settings and a key from a future version."""
    document = configfile.stock_document()
    document["settings"] |= {"license_key": LICENSE, "future_key": {"nested": [1, 2]}}
    document["windowBounds"] = {"x": 10}
    configfile.write_atomic(config_path, configfile.serialize(document))
    return config_path


@pytest.fixture
def active(existing_file):
    credential_services.set_credential("open_ai", api_key=KEY)
    credential_services.set_credential("open_router", api_key=ROUTER_KEY)
    credential_services.set_credential("ollama", url="http://127.0.0.1:11434", token=TOKEN)
    profile = profile_services.create_profile(name="Fast", provider="open_ai", model="gpt-4o")
    return profile_services.activate_profile(profile.pk)


def on_disk(path) -> dict:
    return json.loads(path.read_text())


def test_get_masks_every_secret_and_expands_the_active_profile(api, active, existing_file):
    response = api.get("/api/config")
    assert response.status_code == 200
    text = response.content.decode()
    real_llm_key = on_disk(existing_file)["settings"]["llm_key"]
    for secret in (KEY, ROUTER_KEY, LICENSE, TOKEN, real_llm_key):
        assert secret not in text
    settings = response.json()["settings"]
    assert settings["openai_key"] == "sk-proj-…7777"
    assert settings["license_key"] == "…3456"
    assert settings["provider_credentials"]["ollama"]["token"] == "…9999"
    assert settings["provider_credentials"]["ollama"]["url"] == "http://127.0.0.1:11434"
    assert settings["future_key"] == {"nested": [1, 2]}
    assert response.json()["windowBounds"] == {"x": 10}
    expanded = response.json()["active_profile"]
    assert expanded["id"] == str(active.pk) and expanded["model"] == "gpt-4o"


def test_get_before_any_file_shows_stock_defaults(api, config_path):
    body = api.get("/api/config/").json()
    assert body["settings"]["ai_source"] == "open_ai" and body["active_profile"] is None
    assert not config_path.exists()


def test_put_saves_unowned_settings_and_keeps_owned_ones(api, active, existing_file):
    document = api.get("/api/config").json()
    before = on_disk(existing_file)["settings"]
    document["settings"] |= {
        "voice": False,
        "color_scheme": "dark",
        "brand_new": [1],
        "openai_key": "sk-attacker-value-000000",
        "ai_source": "anthropic",
        "llm_profiles": [],
    }
    document["locale"] = "de-DE"
    response = api.put("/api/config", document, format="json")
    assert response.status_code == 200, response.content
    after = on_disk(existing_file)
    assert after["settings"]["voice"] is False and after["settings"]["color_scheme"] == "dark"
    assert after["settings"]["brand_new"] == [1] and after["locale"] == "de-DE"
    assert after["settings"]["future_key"] == {"nested": [1, 2]}
    assert after["windowBounds"] == {"x": 10} and "active_profile" not in after
    for owned in ("openai_key", "ai_source", "llm_profiles", "llm_key", "provider_credentials"):
        assert after["settings"][owned] == before[owned]
    assert after["settings"]["license_key"] == LICENSE  # sent back masked: kept
    assert response.json()["settings"]["voice"] is False


def test_get_then_put_keeps_secrets_masked_at_any_depth(api, active, existing_file):
    """Secrets Triplo keeps outside the owned keys (nested, or at the top level) survive a
    GET -> edit -> PUT round trip: the masks sent back are not written over them."""
    document = on_disk(existing_file)
    document["settings"]["plugins"] = [{"name": "search", "api_key": "sk-plugin-secret-99887766"}]
    document["sync"] = {"token": "sync-token-0123456789"}
    configfile.write_atomic(existing_file, configfile.serialize(document))
    shown = api.get("/api/config").json()
    assert shown["settings"]["plugins"][0]["api_key"] != "sk-plugin-secret-99887766"
    shown["settings"]["sound"] = False
    response = api.put("/api/config", shown, format="json")
    assert response.status_code == 200, response.content
    saved = on_disk(existing_file)
    assert saved["settings"]["plugins"][0]["api_key"] == "sk-plugin-secret-99887766"
    assert saved["sync"]["token"] == "sync-token-0123456789"
    assert saved["settings"]["license_key"] == LICENSE
    assert saved["settings"]["sound"] is False


def test_put_can_replace_the_license_key(api, active, existing_file):
    document = api.get("/api/config").json()
    document["settings"]["license_key"] = "NEW-LICENSE-000000000000"
    assert api.put("/api/config", document, format="json").status_code == 200
    assert on_disk(existing_file)["settings"]["license_key"] == "NEW-LICENSE-000000000000"


def test_put_is_refused_while_the_active_profile_breaks_its_rules(api, active, existing_file):
    LlmProfile.objects.filter(pk=active.pk).update(options={"bogus": True})
    before = existing_file.read_bytes()
    document = api.get("/api/config").json()
    document["settings"]["voice"] = False
    response = api.put("/api/config", document, format="json")
    assert response.status_code == 400
    assert "cannot stay active" in response.json()["active_profile"][0]
    assert existing_file.read_bytes() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ([], "non_field_errors"),
        ({}, "settings"),
        ({"settings": []}, "settings"),
        ({"settings": None}, "settings"),
        ("text", "non_field_errors"),
    ],
)
def test_put_with_a_malformed_body_is_400_and_file_untouched(api, existing_file, body, field):
    before = existing_file.read_bytes()
    response = api.put("/api/config", body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert existing_file.read_bytes() == before


def test_put_with_a_lone_surrogate_is_400(api, existing_file):
    before = existing_file.read_bytes()
    raw = '{"settings": {"voice_stt_lang": "\\ud800"}}'
    response = api.put("/api/config", raw, content_type="application/json")
    assert response.status_code == 400
    assert existing_file.read_bytes() == before


@pytest.mark.parametrize("depth", [65, 800])
def test_put_nested_too_deeply_is_400(api, existing_file, depth):
    before = existing_file.read_bytes()
    raw = '{"settings": {"a": ' + "[" * depth + "]" * depth + "}}"
    response = api.put("/api/config", raw, content_type="application/json")
    assert response.status_code == 400
    assert existing_file.read_bytes() == before


def test_corrupt_file_is_a_409_naming_the_line(api, config_path):
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text('{\n  "settings": {,\n}')
    response = api.get("/api/config")
    assert response.status_code == 409 and "line 2" in response.json()["detail"]
    assert api.put("/api/config", {"settings": {}}, format="json").status_code == 409
    assert api.get("/api/status").status_code == 200


def test_owned_keys_cover_everything_the_export_writes(active, existing_file):
    written = set(owned_values({}).values)
    assert written <= configdoc.owned_keys(active)


def test_the_user_sets_the_switches_the_active_profile_does_not_need(api, active, existing_file):
    document = on_disk(existing_file)
    document["settings"].update(enable_ollama=True, enable_anthropic_key=False)
    document["settings"]["enable_openai_key"] = False  # the active OpenAI profile needs it
    assert api.put("/api/config", document, format="json").status_code == 200
    saved = on_disk(existing_file)["settings"]
    assert (saved["enable_ollama"], saved["enable_anthropic_key"]) == (True, False)
    assert saved["enable_openai_key"] is True
    assert api.get("/api/status").json()["config_in_sync"] is True


def test_status(api, active, existing_file):
    body = api.get("/api/status").json()
    assert body["active_profile"] == {
        "id": str(active.pk),
        "name": "Fast",
        "provider": "open_ai",
        "model": "gpt-4o",
    }
    assert body["profiles"] == 1 and body["config_path"] == str(existing_file)
    assert body["config_exported_at"] == configfile.read_state()["exported_at"]
    assert body["config_in_sync"] is True and body["config_drift"] == {}
    assert set(body["triplo"]) >= {"running", "last_restart"}
    assert body["credentials"] == {"readable": True, "detail": None}
    document = on_disk(existing_file)
    document["settings"]["openai_model"] = "edited-by-hand"
    configfile.write_atomic(existing_file, configfile.serialize(document))
    drifted = api.get("/api/status/").json()
    assert drifted["config_in_sync"] is False and "openai_model" in drifted["config_drift"]


def test_status_without_profiles(api):
    body = api.get("/api/status").json()
    assert body["active_profile"] is None and body["profiles"] == 0
    assert body["config_exported_at"] is None


def test_status_reports_unreadable_credentials_and_lists_keep_working(api, active, monkeypatch):
    """After secret.key was replaced: status says so (it does not fail), lists still answer."""
    from credentials.models import UNDECRYPTABLE_MESSAGE, ProviderCredential
    from credentials.rotation import cipher_for

    other_key = cipher_for("a-different-secret-key-" * 3)
    for name in ("api_key", "token"):
        monkeypatch.setattr(ProviderCredential._meta.get_field(name), "_fernet", other_key)
    body = api.get("/api/status").json()
    assert body["credentials"] == {"readable": False, "detail": UNDECRYPTABLE_MESSAGE}
    assert body["config_in_sync"] is None
    assert body["active_profile"]["name"] == "Fast"
    assert api.get("/api/llm/profiles").status_code == 200
    assert api.get("/api/llm/credentials").status_code == 200


def test_an_unparsable_file_is_reported_never_written_and_profiles_stay_editable(
    api, active, config_path, settings
):
    settings.TRIPLO_RESTART_COMMAND = ""
    assert api.get("/api/status").json()["config_error"] is None
    text = legacy_files.init_config(TRIPLO_ENABLE_OLLAMA="yes")  # pasted in unchecked
    config_path.write_text(text)
    line = text[: text.index('"enable_ollama": yes')].count("\n") + 1
    expected = f"config.json unreadable: {config_path} line {line}: Expecting value"
    assert api.get("/api/status").json()["config_error"] == expected

    body = {"name": "Spare", "provider": "open_ai", "model": "gpt-4.1"}
    created = api.post("/api/llm/profiles", body, format="json")
    assert created.status_code == 201, created.content
    changed = api.patch(f"/api/llm/profiles/{active.pk}", {"temperature": 1.1}, format="json")
    assert changed.status_code == 200, changed.content
    assert config_path.read_text() == text

    config_path.write_text(legacy_files.init_config(TRIPLO_ENABLE_OLLAMA="true"))  # fixed
    api.patch(f"/api/llm/profiles/{active.pk}", {"temperature": 1.2}, format="json")
    assert on_disk(config_path)["settings"]["temperature"] == 1.2
    assert [p["name"] for p in on_disk(config_path)["settings"]["llm_profiles"]] == [
        "Fast",
        "Spare",
    ]
    assert api.get("/api/status").json()["config_error"] is None
