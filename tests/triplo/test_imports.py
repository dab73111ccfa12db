"""Importing config.json documents into the database, and exporting them back."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from credentials.models import ProviderCredential
from profiles import document, imports, services
from profiles.models import LlmProfile
from tests import legacy_files
from triplo import export, legacy
from triplo.legacy import plan_from_document

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-import-test-0123456789"
OWNED = {
    document.PROFILES_KEY,
    document.ACTIVE_KEY,
    document.CREDENTIALS_KEY,
    "llm_key",
    *legacy.TRIPLO_READS,
}


FIELDS = (
    "id",
    "name",
    "provider",
    "model",
    "temperature",
    "presence_penalty",
    "options",
    "position",
)
FIELDS = (*FIELDS, "is_active")


def import_document(document, dry_run=False):
    return imports.apply_plan(plan_from_document(document), dry_run=dry_run)


def write(path, document):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2))


def snapshot():
    return (
        list(LlmProfile.objects.ordered().values(*FIELDS)),
        [
            (c.provider, c.api_key, c.token, c.url, c.models)
            for c in ProviderCredential.objects.all()
        ],
    )


def test_stock_file_import_and_export(config_path, read_config):
    write(config_path, legacy_files.stock())
    report = import_document(legacy_files.stock())
    assert report.added == ["OpenAI (imported)"]
    written = read_config()
    stock = legacy_files.stock()["settings"]
    for key, value in stock.items():
        if key not in OWNED:
            assert written[key] == value, key
    assert written["llm_key"] == stock["llm_key"]
    assert written["ai_source"] == "open_ai"
    assert written["openai_model"] == "gpt-4o-mini"


def test_full_legacy_file_keeps_every_foreign_key(config_path, read_config):
    original = legacy_files.full_legacy()
    write(config_path, original)
    import_document(original)
    document = json.loads(config_path.read_text())
    for key, value in original.items():
        if key != "settings":
            assert document[key] == value, key
    written = document["settings"]
    for key, value in original["settings"].items():
        if key not in OWNED:
            assert json.dumps(written[key]) == json.dumps(value), key
    assert list(document) == list(original)
    assert written["llm_key"] == "abcd-efgh-ijkl-mnop"
    assert written["ai_source"] == "open_router"
    assert written["openrouter_key"] == legacy_files.OPENROUTER_KEY
    assert written["openai_key"] == legacy_files.OPENAI_KEY
    assert written["anthropic_key"] == legacy_files.ANTHROPIC_KEY
    assert written["ollama_url"] == "http://ollama.lan:11434"
    stored = {c.provider: c for c in ProviderCredential.objects.all()}
    assert set(stored) == {"open_ai", "open_router", "anthropic", "ollama"}
    assert stored["ollama"].models == ["llama3:8b", "qwen2.5"]
    assert LlmProfile.objects.get().is_active


def test_legacy_import_twice_creates_nothing():
    import_document(legacy_files.full_legacy())
    before = snapshot()
    report = import_document(legacy_files.full_legacy())
    assert not report.changes_anything
    assert snapshot() == before


def test_round_trip_keeps_ids_order_active_and_credentials(config_path, tmp_path):
    import_document(legacy_files.full_legacy())
    legacy_profile = LlmProfile.objects.get()
    services.create_profile(name="Claude", provider="anthropic", model="claude-x", temperature=1)
    second = services.create_profile(
        name="Local", provider="ollama", model="qwen2.5", options={"max_tokens": 500}
    )
    services.reorder_profiles(
        [str(second.pk), *[str(p.pk) for p in LlmProfile.objects.ordered()][:2]]
    )
    services.activate_profile(second.pk)
    exported = json.loads(config_path.read_text())
    before = snapshot()

    LlmProfile.objects.all().delete()
    ProviderCredential.objects.all().delete()
    report = import_document(exported)
    assert len(report.added) == 3
    assert snapshot() == before
    assert LlmProfile.objects.active().pk == second.pk
    assert LlmProfile.objects.filter(pk=legacy_profile.pk).exists()
    export.export(force=True)
    assert json.loads(config_path.read_text()) == exported

    again = import_document(copy.deepcopy(exported))
    assert not again.changes_anything
    assert snapshot() == before


def test_dry_run_changes_nothing(config_path):
    report = import_document(legacy_files.full_legacy(), dry_run=True)
    assert report.added == ["OpenRouter (imported)"]
    assert "store open_ai credential" in report.lines()
    assert not LlmProfile.objects.exists()
    assert not ProviderCredential.objects.exists()
    assert not config_path.exists()


def test_new_format_import_updates_existing_profile_by_id():
    document = {
        "settings": {
            "llm_profiles": [
                {
                    "id": "7d4f3c1e-2a9b-4c1d-8e5f-0a1b2c3d4e5f",
                    "name": "Fast",
                    "provider": "open_ai",
                    "model": "gpt-4o",
                    "temperature": 0.7,
                    "presence_penalty": 0,
                    "options": {},
                }
            ]
        }
    }
    import_document(document)
    document["settings"]["llm_profiles"][0]["model"] = "gpt-4.1"
    report = import_document(document)
    assert report.changed == ["Fast"]
    assert LlmProfile.objects.get().model == "gpt-4.1"


def test_invalid_profile_is_refused_with_one_line_and_nothing_stored():
    document = {
        "settings": {
            "llm_profiles": [
                {
                    "id": "7d4f3c1e-2a9b-4c1d-8e5f-0a1b2c3d4e5f",
                    "name": " ",
                    "provider": "open_ai",
                    "model": "m",
                },
            ],
            "provider_credentials": {"open_ai": {"api_key": "sk-abcdefghijklmnop"}},
        }
    }
    with pytest.raises(ValidationError) as caught:
        import_document(document)
    assert "name" in str(caught.value)
    assert not ProviderCredential.objects.exists()


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        ({"ollama": {"url": "http://169.254.169.254/"}}, "url"),
        ({"ollama": {"url": "not a url"}}, "url"),
        ({"ollama": {"url": "http://x", "models": ["a", " "]}}, "models"),
        ({"custom_http": {"base_url": "http://user:pw@host/v1"}}, "base_url"),
    ],
)
def test_imported_credentials_follow_the_same_rules_as_the_services(credentials, reason):
    document = {"settings": {"llm_profiles": [], "provider_credentials": credentials}}
    with pytest.raises(ValidationError) as caught:
        import_document(document)
    assert reason in str(caught.value)
    assert not ProviderCredential.objects.exists()


def test_imported_urls_are_normalised_like_the_services_do():
    document = legacy_files.full_legacy()
    document["settings"]["ollama_url"] = "http://ollama.lan:11434/"
    import_document(document)
    assert ProviderCredential.objects.get(provider="ollama").url == "http://ollama.lan:11434"
    assert not import_document(document).changes_anything


def credentials_document(credentials):
    return {"settings": {"llm_profiles": [], "provider_credentials": credentials}}


def test_a_new_endpoint_in_an_import_drops_the_old_secret():
    import_document(
        credentials_document({"custom_http": {"base_url": "http://a/v1", "api_key": KEY}})
    )
    import_document(credentials_document({"custom_http": {"base_url": "http://evil/v1"}}))
    credential = ProviderCredential.objects.get()
    assert (credential.base_url, credential.api_key) == ("http://evil/v1", "")


def test_a_null_secret_in_an_exported_file_means_none():
    import_document(credentials_document({"ollama": {"url": "http://a", "token": KEY}}))
    import_document(credentials_document({"ollama": {"url": "http://a", "token": None}}))
    assert ProviderCredential.objects.get().token == ""
