"""config.json changed elsewhere: detection with masked secrets, recording, and resolving."""

import json

import httpx
import pytest
from django.core.exceptions import ValidationError

from credentials.models import ProviderCredential
from profiles import credential_services, services
from profiles.models import LlmProfile
from tests import legacy_files
from triplo import configfile, drift, export, overwritten
from triplo.drift import config_drift

OPENAI_KEY = "sk-proj-database-key-00000001"
HAND_KEY = "sk-proj-typed-by-hand-99999999"
ANTHROPIC_KEY = "sk-ant-api03-from-the-file-7777"
AUTH = ("admin", "password")
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def active():
    credential_services.set_credential("open_ai", api_key=OPENAI_KEY)
    profile = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    return services.activate_profile(profile.pk)


def edit_by_hand(config_path, **changes) -> None:
    document = json.loads(config_path.read_text())
    document["settings"].update(changes)
    config_path.write_text(json.dumps(document, indent=2))


def test_in_sync_after_an_export(active):
    assert config_drift() == {}


@pytest.mark.parametrize("reorder", [False, True], ids=["same-order", "keys-moved"])
def test_a_file_triplo_resaved_with_the_same_values_is_in_sync(active, config_path, reorder):
    credential_services.set_credential("ollama", url="http://ollama.lan:11434", models=["qwen"])
    services.update_profile(active.pk, presence_penalty=0.0, options={"max_tokens": 512})
    written = config_path.read_text()
    assert '"presence_penalty": 0.0' in written
    legacy_files.node_resave(config_path, reorder=reorder)
    resaved = config_path.read_text()
    assert '"presence_penalty":0,' in resaved and '"presence_penalty":0.0' not in resaved
    assert json.loads(resaved) == json.loads(written)  # same values, other bytes
    assert config_drift() == {}
    assert export.export().written is False
    assert config_path.read_text() == resaved


def test_a_value_triplo_changed_is_still_drift_after_its_resave(active, config_path):
    edit_by_hand(config_path, temperature=1.0, presence_penalty=0)
    legacy_files.node_resave(config_path, reorder=True)
    assert config_drift() == {"temperature": {"file": 1, "exported": 0.7}}


def test_a_state_file_fingerprinted_byte_wise_judges_nothing_until_the_next_export(
    active, config_path
):
    state_file = configfile.state_path()
    state = json.loads(state_file.read_text())
    del state["fingerprint_format"]
    state_file.write_text(json.dumps(state))
    edit_by_hand(config_path, temperature=1.5)
    assert config_drift() == {}
    services.update_profile(active.pk, temperature=0.8)
    edit_by_hand(config_path, temperature=1.5)
    assert set(config_drift()) == {"temperature"}


def test_a_hand_edit_is_named_with_secrets_masked(active, config_path):
    edit_by_hand(config_path, openai_key=HAND_KEY, temperature=1.5)
    drift = config_drift()
    assert set(drift) == {"openai_key", "temperature"}
    assert drift["openai_key"] == {"file": "sk-proj-…9999", "exported": "sk-proj-…0001"}
    assert drift["temperature"] == {"file": 1.5, "exported": 0.7}
    assert HAND_KEY not in json.dumps(drift) and OPENAI_KEY not in json.dumps(drift)


def test_nested_credentials_are_masked_too(active, config_path):
    credentials = json.loads(config_path.read_text())["settings"]["provider_credentials"]
    credentials["open_ai"]["api_key"] = HAND_KEY
    edit_by_hand(config_path, provider_credentials=credentials)
    assert config_drift()["provider_credentials"]["file"] == {
        "open_ai": {"api_key": "sk-proj-…9999"}
    }


def test_the_next_export_keeps_the_database_and_records_what_it_replaced(
    active, config_path, read_config
):
    edit_by_hand(config_path, openai_key=HAND_KEY, ai_source="anthropic")
    assert overwritten.last() is None
    services.create_profile(name="Spare", provider="open_ai", model="gpt-4o")
    assert read_config()["openai_key"] == OPENAI_KEY
    assert read_config()["ai_source"] == "open_ai"
    assert config_drift() == {}
    replaced = overwritten.last()
    assert replaced["fields"] == {"openai_key": "sk-proj-…9999", "ai_source": "anthropic"}
    assert replaced["at"]


def test_resolve_keep_database_reexports(live_server, admin_user, active, config_path, read_config):
    edit_by_hand(config_path, openai_key=HAND_KEY)
    response = httpx.post(
        f"{live_server.url}/api/config/resolve", json={"keep": "database"}, auth=AUTH
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"config_in_sync": True, "drift": {}}
    assert read_config()["openai_key"] == OPENAI_KEY
    assert overwritten.last()["fields"] == {"openai_key": "sk-proj-…9999"}


def test_resolve_keep_file_imports_into_the_active_profile(
    live_server, admin_user, active, config_path, read_config
):
    edit_by_hand(
        config_path,
        ai_source="anthropic",
        anthropic_key=ANTHROPIC_KEY,
        enable_anthropic_key=True,
        temperature=0.3,
    )
    response = httpx.post(
        f"{live_server.url}/api/config/resolve/", json={"keep": "file"}, auth=AUTH
    )
    assert response.status_code == 200, response.text
    assert response.json()["config_in_sync"] is True
    profile = LlmProfile.objects.get(pk=active.pk)
    assert (profile.provider, profile.temperature, profile.is_active) == ("anthropic", 0.3, True)
    assert profile.model == "claude-3-5-haiku-latest"  # the legacy fields carry no Anthropic model
    assert ProviderCredential.objects.get(provider="anthropic").api_key == ANTHROPIC_KEY
    assert read_config()["anthropic_key"] == ANTHROPIC_KEY
    assert read_config()["ai_source"] == "anthropic"


def test_resolve_keep_file_takes_the_openai_model(
    live_server, admin_user, active, config_path, read_config
):
    edit_by_hand(config_path, openai_model="gpt-4.1", openai_key=HAND_KEY)
    response = httpx.post(f"{live_server.url}/api/config/resolve", json={"keep": "file"}, auth=AUTH)
    assert response.status_code == 200, response.text
    assert LlmProfile.objects.get(pk=active.pk).model == "gpt-4.1"
    assert ProviderCredential.objects.get(provider="open_ai").api_key == HAND_KEY
    assert read_config()["openai_key"] == HAND_KEY


def test_resolve_keep_file_with_an_unusable_file_changes_nothing(
    live_server, admin_user, active, config_path
):
    edit_by_hand(config_path, ai_source="anthropic")  # no Anthropic key anywhere
    response = httpx.post(f"{live_server.url}/api/config/resolve", json={"keep": "file"}, auth=AUTH)
    assert response.status_code == 400
    assert LlmProfile.objects.get(pk=active.pk).provider == "open_ai"
    assert set(config_drift()) == {"ai_source"}


@pytest.mark.parametrize("body", [{"keep": "both"}, {}, ["database"], {"keep": None}])
def test_resolve_names_keep_on_bad_input(live_server, admin_user, active, body):
    response = httpx.post(f"{live_server.url}/api/config/resolve", json=body, auth=AUTH)
    assert response.status_code == 400
    assert "keep" in response.json()


def test_resolve_needs_authentication(live_server):
    response = httpx.post(f"{live_server.url}/api/config/resolve", json={"keep": "database"})
    assert response.status_code == 401


def test_resolve_keep_file_without_a_file_is_a_conflict(
    live_server, admin_user, active, config_path
):
    config_path.unlink()
    response = httpx.post(f"{live_server.url}/api/config/resolve", json={"keep": "file"}, auth=AUTH)
    assert response.status_code == 409
    assert "does not exist" in response.json()["detail"]
    assert not config_path.exists()


def test_a_deleted_file_is_drift_of_every_owned_field(active, config_path):
    config_path.unlink()
    drift = config_drift()
    assert {"ai_source", "openai_key", "llm_profiles"} <= set(drift)
    assert drift["openai_key"] == {"file": None, "exported": "sk-proj-…0001"}


def test_keep_file_for_ollama_takes_the_model_list(config_path, read_config):
    credential_services.set_credential(
        "ollama", url="http://127.0.0.1:11434", models=["llama3", "mistral"]
    )
    local = services.create_profile(name="Local", provider="ollama", model="mistral")
    services.activate_profile(local.pk)
    edit_by_hand(config_path, ollama_models=["qwen2"], temperature=0.2)
    assert drift.resolve("file") == {}
    profile = LlmProfile.objects.get(pk=local.pk)
    assert (profile.provider, profile.model, profile.temperature) == ("ollama", "qwen2", 0.2)
    assert ProviderCredential.objects.get(provider="ollama").models == ["qwen2"]
    assert read_config()["ollama_models"] == ["qwen2"]


def test_keep_file_takes_a_claude_model_from_openai_model(config_path, read_config):
    credential_services.set_credential("anthropic", api_key=ANTHROPIC_KEY)
    claude = services.create_profile(name="Claude", provider="anthropic", model="claude-3-5-haiku")
    services.activate_profile(claude.pk)
    edit_by_hand(config_path, openai_model="claude-opus-4-1")
    assert drift.resolve("file") == {}
    assert LlmProfile.objects.get(pk=claude.pk).model == "claude-opus-4-1"
    edit_by_hand(config_path, openai_model="gpt-4o-mini")  # not a Claude model: kept as it is
    assert drift.resolve("file") == {}
    assert LlmProfile.objects.get(pk=claude.pk).model == "claude-opus-4-1"
    assert read_config()["openai_model"] == "claude-opus-4-1"


def test_keep_file_for_custom_http_reads_ollama_url_as_the_server_root(config_path, read_config):
    credential_services.set_credential("custom_http", base_url="http://lmstudio:1234/v1")
    studio = services.create_profile(name="Studio", provider="custom_http", model="qwen-coder")
    services.activate_profile(studio.pk)
    assert read_config()["ollama_url"] == "http://lmstudio:1234"
    edit_by_hand(config_path, temperature=0.3)
    assert drift.resolve("file") == {}
    custom = ProviderCredential.objects.get(provider="custom_http")
    assert custom.base_url == "http://lmstudio:1234/v1"  # same server: the stored URL stays
    edit_by_hand(config_path, ollama_url="http://studio2:8080/")
    assert drift.resolve("file") == {}
    assert ProviderCredential.objects.get(provider="custom_http").base_url == (
        "http://studio2:8080/v1"
    )
    assert read_config()["ollama_url"] == "http://studio2:8080"


@pytest.mark.parametrize("source", ["gemini", None, "custom_http"])
def test_keep_file_refuses_an_ai_source_triplo_would_not_understand(active, config_path, source):
    edit_by_hand(config_path, ai_source=source, temperature=None)
    with pytest.raises(ValidationError, match="is not a Triplo AI source"):
        drift.resolve("file")
    assert LlmProfile.objects.get(pk=active.pk).provider == "open_ai"


def test_keep_file_takes_a_cleared_temperature_as_triplos_default(active, config_path):
    edit_by_hand(config_path, temperature=None)  # the old web UI's cleared field
    assert drift.resolve("file") == {}
    assert LlmProfile.objects.get(pk=active.pk).temperature == 0.5
