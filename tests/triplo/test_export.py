"""What an export writes into config.json, derived from the committed database state."""

import json
import re

import pytest

from profiles import credential_services as credentials
from profiles import services
from profiles.models import LlmProfile
from tests import legacy_files
from triplo import configfile, export

pytestmark = pytest.mark.django_db(transaction=True)

LLM_KEY = re.compile(r"^[a-z0-9]{4}(-[a-z0-9]{4}){3}$")


def active(name, provider, model, **fields):
    profile = services.create_profile(name=name, provider=provider, model=model, **fields)
    return services.activate_profile(profile.pk)


def test_open_ai(read_config):
    credentials.set_credential("open_ai", api_key="sk-openai-0123456789")
    credentials.set_credential("anthropic", api_key="sk-ant-0123456789")
    profile = active("Fast", "open_ai", "gpt-4o", temperature=1.3, presence_penalty=-0.5)
    written = read_config()
    assert written["ai_source"] == "open_ai"
    assert written["openai_model"] == "gpt-4o"
    assert written["openai_key"] == "sk-openai-0123456789"
    assert written["anthropic_key"] == "sk-ant-0123456789"
    assert written["openrouter_key"] == ""
    assert written["enable_openai_key"] is True
    assert (written["temperature"], written["presence_penalty"]) == (1.3, -0.5)
    assert written["enable_ollama"] is False
    assert written["active_llm_profile"] == str(profile.pk)
    assert written["llm_profiles"] == [
        {
            "id": str(profile.pk),
            "name": "Fast",
            "provider": "open_ai",
            "model": "gpt-4o",
            "temperature": 1.3,
            "presence_penalty": -0.5,
            "options": {},
        }
    ]
    assert written["provider_credentials"] == {
        "open_ai": {"api_key": "sk-openai-0123456789"},
        "anthropic": {"api_key": "sk-ant-0123456789"},
    }


def test_open_router(read_config):
    credentials.set_credential("openrouter", api_key="sk-or-v1-0123456789")
    active("Router", "openrouter", "meta/llama")
    written = read_config()
    assert written["ai_source"] == "open_router"
    assert written["openrouter_key"] == "sk-or-v1-0123456789"
    assert written["enable_openrouter_key"] is True
    assert written["openai_model"] == "meta/llama"  # Triplo's one model field


def test_anthropic(read_config):
    credentials.set_credential("anthropic", api_key="sk-ant-0123456789")
    active("Claude", "anthropic", "claude-3-5-haiku-latest", temperature=1.0)
    written = read_config()
    assert written["ai_source"] == "anthropic"
    assert written["enable_anthropic_key"] is True
    assert written["openai_model"] == "claude-3-5-haiku-latest"
    assert (written["temperature"], written["presence_penalty"]) == (1.0, 0.0)


def test_switching_between_two_claude_profiles_changes_what_triplo_reads(read_config):
    credentials.set_credential("anthropic", api_key="sk-ant-0123456789")
    active("Haiku", "anthropic", "claude-3-5-haiku-latest")
    active("Sonnet", "anthropic", "claude-sonnet-4-5")
    assert read_config()["openai_model"] == "claude-sonnet-4-5"


def test_ollama_models_include_the_active_model(read_config):
    credentials.set_credential(
        "ollama", url="http://ollama.lan:11434/", models=["qwen2.5"], token="tok-0123456789"
    )
    active("Local", "ollama", "llama3:8b")
    written = read_config()
    assert written["ai_source"] == "ollama"
    assert written["enable_ollama"] is True
    assert written["ollama_url"] == "http://ollama.lan:11434"
    assert written["ollama_models"] == ["qwen2.5", "llama3:8b"]
    assert written["provider_credentials"]["ollama"] == {
        "url": "http://ollama.lan:11434",
        "token": "tok-0123456789",
        "models": ["qwen2.5"],
    }


def test_custom_http_goes_through_the_local_llm_path(read_config):
    credentials.set_credential("custom_http", base_url="http://lmstudio:1234/v1")
    active("Studio", "custom_http", "qwen-coder")
    written = read_config()
    assert written["ai_source"] == "ollama"
    assert written["enable_ollama"] is True
    assert written["ollama_url"] == "http://lmstudio:1234"  # Triplo appends /v1/models itself
    assert "qwen-coder" in written["ollama_models"]
    assert written["provider_credentials"]["custom_http"] == {
        "base_url": "http://lmstudio:1234/v1",
        "api_key": None,
    }


def test_switching_back_from_local_keeps_the_local_models_on(read_config):
    credentials.set_credential("ollama", url="http://localhost:11434")
    credentials.set_credential("open_ai", api_key="sk-openai-0123456789")
    active("Local", "ollama", "llama3")
    assert read_config()["enable_ollama"] is True
    active("Hosted", "open_ai", "gpt-4o")
    written = read_config()
    assert (written["ai_source"], written["enable_ollama"]) == ("open_ai", True)


def test_an_export_turns_on_what_it_needs_and_never_turns_a_switch_off(config_path, read_config):
    """The user's switches as init-config.sh writes them from TRIPLO_ENABLE_*."""
    config_path.parent.mkdir(parents=True)
    config_path.write_text(
        legacy_files.init_config(
            TRIPLO_ENABLE_OPENAI="false",
            TRIPLO_ENABLE_ANTHROPIC="true",
            TRIPLO_ENABLE_OPENROUTER="false",
            TRIPLO_ENABLE_OLLAMA="true",
        )
    )
    credentials.set_credential("open_ai", api_key="sk-openai-0123456789")
    active("Hosted", "open_ai", "gpt-4o")
    written = read_config()
    assert written["enable_openai_key"] is True
    assert (written["enable_anthropic_key"], written["enable_openrouter_key"]) == (True, False)
    assert written["enable_ollama"] is True


def test_existing_llm_key_is_kept(config_path, read_config):
    config_path.parent.mkdir(parents=True)
    config_path.write_text(json.dumps({"settings": {"llm_key": "abcd-efgh-ijkl-mnop"}}))
    export.export()
    assert read_config()["llm_key"] == "abcd-efgh-ijkl-mnop"


@pytest.mark.parametrize("document", [{"settings": {"llm_key": ""}}, {"settings": {}}])
def test_missing_llm_key_is_generated_once(config_path, read_config, document):
    config_path.parent.mkdir(parents=True)
    config_path.write_text(json.dumps(document))
    export.export()
    key = read_config()["llm_key"]
    assert LLM_KEY.match(key)
    export.export(force=True)
    assert read_config()["llm_key"] == key


def test_missing_config_gets_its_own_llm_key(config_path, read_config):
    services.create_profile(name="One", provider="open_ai", model="m")
    key = read_config()["llm_key"]
    assert LLM_KEY.match(key)
    assert key != json.loads(configfile.STOCK_TEMPLATE.read_text())["settings"]["llm_key"]


def test_llm_key_from_the_old_environment_seeds_only_a_missing_key(
    config_path, read_config, settings
):
    settings.TRIPLO_LLM_KEY = "envk-0000-1111-2222"
    config_path.parent.mkdir(parents=True)
    config_path.write_text(json.dumps({"settings": {"llm_key": ""}}))
    export.export()
    assert read_config()["llm_key"] == "envk-0000-1111-2222"
    settings.TRIPLO_LLM_KEY = "envk-changed-later"
    export.export(force=True)
    assert read_config()["llm_key"] == "envk-0000-1111-2222"


def test_generated_keys_differ():
    assert len({export.generate_llm_key() for _ in range(20)}) == 20


def test_profiles_in_position_order_and_one_export_per_transaction(read_config):
    names = ["B", "A", "C"]
    for name in names:
        services.create_profile(name=name, provider="open_ai", model="m")
    assert [p["name"] for p in read_config()["llm_profiles"]] == names
    ids = [str(p.pk) for p in LlmProfile.objects.ordered()]
    services.reorder_profiles(ids[::-1])
    assert [p["name"] for p in read_config()["llm_profiles"]] == names[::-1]
    assert read_config()["active_llm_profile"] is None


def test_bulk_update_through_a_service_exports(read_config):
    first = services.create_profile(name="One", provider="open_ai", model="m")
    services.duplicate_profile(first.pk)  # moves later profiles with update()
    assert [p["name"] for p in read_config()["llm_profiles"]] == ["One", "One (copy)"]


def test_a_change_outside_services_exports_through_the_signal(read_config):
    profile = services.create_profile(name="One", provider="open_ai", model="m")
    profile.model = "changed-in-shell"
    profile.save()
    assert read_config()["llm_profiles"][0]["model"] == "changed-in-shell"


def test_rollback_writes_nothing(config_path):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.create_profile(name="Gone", provider="open_ai", model="m")
        raise RuntimeError
    assert not config_path.exists()


def test_export_to_another_path_leaves_config_alone(tmp_path, config_path):
    services.create_profile(name="One", provider="open_ai", model="m")
    before = config_path.read_bytes()
    other = tmp_path / "elsewhere" / "config.json"
    result = export.export(force=True, path=other)
    assert result.written
    assert json.loads(other.read_text())["settings"]["llm_profiles"][0]["name"] == "One"
    assert config_path.read_bytes() == before
