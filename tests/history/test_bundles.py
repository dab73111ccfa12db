"""Profile bundles: secrets left out by default, sealed with a passphrase on request."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from credentials.models import ProviderCredential
from profiles import bundles, services
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile

KEY = "sk-proj-bundle-key-abcdefghijklmnop"
TOKEN = "ollama-token-abcdefghijklmnop"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def api(django_user_model):
    client = APIClient()
    client.force_authenticate(
        django_user_model.objects.create_user("dan", is_staff=True, is_superuser=True)
    )
    return client


@pytest.fixture
def stored():
    make_credential("open_ai", api_key=KEY)
    make_credential("ollama", url="http://127.0.0.1:11434", token=TOKEN)
    a = make_profile(name="GPT", provider="open_ai", model="gpt-4o", temperature=0.4)
    b = make_profile(name="Local", provider="ollama", model="llama3")
    services.activate_profile(a.pk)
    return a, b


def wipe() -> None:
    LlmProfile.objects.all().delete()
    ProviderCredential.objects.all().delete()


def state() -> tuple:
    profiles = [
        (str(p.id), p.name, p.provider, p.model, p.temperature, p.is_active)
        for p in LlmProfile.objects.ordered()
    ]
    credentials = {
        c.provider: (c.url, c.api_key, c.token) for c in ProviderCredential.objects.all()
    }
    return profiles, credentials


@pytest.mark.django_db
def test_round_trip_without_secrets_keeps_everything_but_the_secrets(stored, tmp_path, capsys):
    before_profiles, _ = state()
    path = tmp_path / "bundle.json"
    call_command("export_profiles", str(path))
    assert "wrote 2 profiles without secrets" in capsys.readouterr().out
    text = path.read_text()
    assert KEY not in text and TOKEN not in text
    bundle = json.loads(text)
    assert bundle["provider_credentials"] == {
        "ollama": {"url": "http://127.0.0.1:11434", "models": []},
        "open_ai": {},
    }
    assert bundle["active_llm_profile"] == str(stored[0].pk)
    wipe()
    call_command("import_profiles", str(path))
    assert "'GPT' was not made active: credential: OpenAI credential is missing: API key" in (
        capsys.readouterr().out
    )
    profiles, credentials = state()
    # Everything but the secrets, and so nothing active: Triplo is not switched to a profile
    # whose key is missing.
    assert profiles == [(*profile[:-1], False) for profile in before_profiles]
    assert credentials == {"ollama": ("http://127.0.0.1:11434", "", ""), "open_ai": ("", "", "")}


@pytest.mark.django_db
def test_round_trip_with_sealed_secrets_through_the_commands(stored, tmp_path, monkeypatch):
    before = state()
    path = tmp_path / "bundle.json"
    monkeypatch.setenv("TRIPLO_BUNDLE_PASSPHRASE", PASSPHRASE)
    call_command("export_profiles", str(path), "--include-secrets")
    text = path.read_text()
    assert KEY not in text and TOKEN not in text and PASSPHRASE not in text
    assert json.loads(text)["encrypted_secrets"]["kdf"] == "scrypt"
    wipe()
    call_command("import_profiles", str(path))
    assert state() == before

    wipe()
    monkeypatch.setenv("TRIPLO_BUNDLE_PASSPHRASE", "wrong passphrase")
    with pytest.raises(CommandError) as error:
        call_command("import_profiles", str(path))
    assert (
        str(error.value) == "passphrase: wrong passphrase: the bundle's secrets cannot be decrypted"
    )
    assert not LlmProfile.objects.exists()
    monkeypatch.delenv("TRIPLO_BUNDLE_PASSPHRASE")
    with pytest.raises(CommandError, match="set TRIPLO_BUNDLE_PASSPHRASE or run in a terminal"):
        call_command("import_profiles", str(path))
    with pytest.raises(CommandError, match="set TRIPLO_BUNDLE_PASSPHRASE"):
        call_command("export_profiles", str(path), "--include-secrets")


@pytest.mark.django_db
def test_api_export_and_import_with_sealed_secrets(stored, api):
    before = state()
    plain = api.get("/api/llm/export")
    assert plain.status_code == 200 and KEY not in plain.content.decode()
    assert "encrypted_secrets" not in plain.json()
    refused = api.get("/api/llm/export?include_secrets=1")
    assert refused.status_code == 400 and list(refused.json()) == ["passphrase"]
    sealed = api.get("/api/llm/export?include_secrets=1", HTTP_X_BUNDLE_PASSPHRASE=PASSPHRASE)
    assert sealed.status_code == 200
    assert KEY not in sealed.content.decode() and TOKEN not in sealed.content.decode()
    bundle = sealed.json()
    wipe()

    missing = api.post("/api/llm/import", bundle, format="json")
    assert missing.status_code == 400
    assert missing.json() == {
        "passphrase": ["this bundle holds encrypted secrets: its passphrase is needed"]
    }
    wrong = api.post("/api/llm/import", bundle, format="json", HTTP_X_BUNDLE_PASSPHRASE="nope")
    assert wrong.status_code == 400
    assert wrong.json() == {
        "passphrase": ["wrong passphrase: the bundle's secrets cannot be decrypted"]
    }
    assert not LlmProfile.objects.exists()
    done = api.post("/api/llm/import", bundle, format="json", HTTP_X_BUNDLE_PASSPHRASE=PASSPHRASE)
    assert done.status_code == 200
    assert done.json()["added"] == ["GPT", "Local"] and done.json()["dry_run"] is False
    assert state() == before


@pytest.mark.django_db
def test_dry_run_shows_the_merge_and_changes_nothing(stored, api):
    bundle = api.get("/api/llm/export").json()
    bundle["llm_profiles"][1]["model"] = "qwen2.5"
    bundle["llm_profiles"].append(
        {
            "id": "0b9b5a8e-4c53-4f0e-9b7f-6f1f3a8b1c2d",
            "name": "Claude",
            "provider": "anthropic",
            "model": "claude-3-5-haiku-latest",
            "temperature": 0.5,
            "presence_penalty": 0,
            "options": {},
        }
    )
    before = state()
    response = api.post("/api/llm/import?dry_run=1", bundle, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["added"], body["changed"], body["unchanged"]) == (["Claude"], ["Local"], ["GPT"])
    assert body["dry_run"] is True
    assert state() == before
    response = api.post("/api/llm/import", bundle, format="json")
    assert response.json()["added"] == ["Claude"]
    assert LlmProfile.objects.get(name="Local").model == "qwen2.5"


@pytest.mark.django_db
def test_bad_bundles_are_clear_400s(api):
    cases = [
        ([], "the bundle must be a JSON object"),
        ({"profiles": []}, 'no "llm_profiles" list found'),
        ({"llm_profiles": [{"id": "x"}]}, "settings.llm_profiles[0].id is not a UUID: 'x'"),
    ]
    for body, message in cases:
        response = api.post("/api/llm/import", body, format="json")
        assert response.status_code == 400
        assert response.json() == {"bundle": [message]}
    sealed = {
        "llm_profiles": [],
        "encrypted_secrets": {"kdf": "scrypt", "n": 2**30, "r": 8, "p": 1},
    }
    response = api.post("/api/llm/import", sealed, format="json", HTTP_X_BUNDLE_PASSPHRASE="x")
    assert response.json() == {"bundle": ["encrypted_secrets: scrypt parameters out of range"]}
    sealed["encrypted_secrets"].update(n=2**14, salt="!!", token="t")
    response = api.post("/api/llm/import", sealed, format="json", HTTP_X_BUNDLE_PASSPHRASE="x")
    assert response.json() == {"bundle": ["encrypted_secrets: salt or token is damaged"]}


def test_sealing_uses_a_fresh_salt_each_time():
    first = bundles.seal({"open_ai": {"api_key": KEY}}, PASSPHRASE)
    second = bundles.seal({"open_ai": {"api_key": KEY}}, PASSPHRASE)
    assert first["salt"] != second["salt"] and first["token"] != second["token"]
    assert bundles.unseal(first, PASSPHRASE) == {"open_ai": {"api_key": KEY}}


def test_sealed_secrets_that_open_but_are_not_json_are_a_clear_error():
    sealed = bundles.seal({}, "right passphrase")
    key = bundles._key(
        "right passphrase", base64.b64decode(sealed["salt"]), sealed["n"], sealed["r"], sealed["p"]
    )
    sealed["token"] = key.encrypt(b"not json at all").decode()
    with pytest.raises(ValidationError, match="not JSON"):
        bundles.unseal(sealed, "right passphrase")
