"""TRIPLO_ON_DRIFT: what happens once /api/status sees config.json changed elsewhere."""

import json

import pytest

from history.models import Version
from tests import legacy_files
from tests.support.factories import make_credential, make_profile
from tests.support.processes import manage, project_env
from triplo import overwritten

OPENAI_KEY = "sk-proj-database-key-00000001"
ENV_KEY = "sk-proj-from-the-container-env-42"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def active():
    make_credential("open_ai", api_key=OPENAI_KEY)
    return make_profile(name="Fast", provider="open_ai", model="gpt-4o", active=True)


def container_restart(config_path) -> str:
    """The upstream image's start-up script rewrites config.json from its environment."""
    text = legacy_files.init_config(
        OPENAI_API_KEY=ENV_KEY, TRIPLO_TEMPERATURE="0.2", TRIPLO_COLOR_SCHEME="dark"
    )
    config_path.write_text(text)
    return text


def drift_versions() -> list[Version]:
    return list(Version.objects.filter(summary__startswith="config.json changed elsewhere"))


def test_ask_reports_and_waits_and_records_the_sighting_once(api, active, config_path):
    text = container_restart(config_path)
    for _ in range(3):
        body = api.get("/api/status").json()
        assert body["config_in_sync"] is False
        assert {"openai_key", "temperature", "llm_profiles"} <= set(body["config_drift"])
    assert config_path.read_text() == text
    (version,) = drift_versions()
    assert version.actor == "config.json"
    assert version.summary == (
        "config.json changed elsewhere: active_llm_profile, llm_profiles, openai_key, "
        "openai_model, provider_credentials, temperature; waiting for the user to keep one side"
    )  # presence_penalty: 0 is what was exported (0.0)
    assert ENV_KEY not in version.summary


def test_database_writes_its_values_back_as_soon_as_drift_is_seen(
    api, active, config_path, read_config, settings
):
    settings.TRIPLO_ON_DRIFT = "database"
    container_restart(config_path)
    body = api.get("/api/status").json()
    assert (body["config_in_sync"], body["config_drift"]) == (True, {})
    written = read_config()
    assert (written["openai_key"], written["temperature"]) == (OPENAI_KEY, 0.7)
    assert written["active_llm_profile"] == str(active.pk)
    assert written["color_scheme"] == "dark"  # the container's other settings stay
    assert overwritten.last()["fields"]["openai_key"] == "sk-proj-…v-42"
    (version,) = drift_versions()
    assert version.summary.endswith("; triplo-config's values written back")
    assert version.actor == "config.json"

    api.get("/api/status")
    assert len(drift_versions()) == 1
    container_restart(config_path)  # the next container start: a new sighting
    assert api.get("/api/status").json()["config_in_sync"] is True
    assert len(drift_versions()) == 2


def test_an_unreadable_file_is_never_written_back(api, active, config_path, settings):
    settings.TRIPLO_ON_DRIFT = "database"
    config_path.write_text(legacy_files.init_config(TRIPLO_ENABLE_OLLAMA="yes"))
    before = config_path.read_bytes()
    body = api.get("/api/status").json()
    assert body["config_error"].startswith("config.json unreadable: ")
    assert config_path.read_bytes() == before
    assert drift_versions() == []


def test_a_policy_that_does_not_exist_stops_the_start_with_one_line(tmp_path):
    env = project_env(tmp_path / "data", tmp_path / "config.json", TRIPLO_ON_DRIFT="sometimes")
    done = manage(env, "bootstrap", check=False)
    assert done.returncode == 1
    assert done.stderr.strip() == "TRIPLO_ON_DRIFT='sometimes' is not one of: ask, database"
    assert not (tmp_path / "config.json").exists()


def test_the_policy_is_read_from_the_environment(tmp_path):
    env = project_env(tmp_path / "data", tmp_path / "config.json", TRIPLO_ON_DRIFT=" Database ")
    code = "from django.conf import settings; print(settings.TRIPLO_ON_DRIFT)"
    done = manage(env, "shell", "--no-imports", "-c", code)
    assert json.dumps(done.stdout.strip()) == '"database"'
