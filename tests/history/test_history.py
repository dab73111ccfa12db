"""Versions record every change (who, which face, what), diff field by field, roll back exactly."""

import base64
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from rest_framework.test import APIClient

from credentials.models import ProviderCredential
from history import services as history
from history.models import RecordedState, Version
from history.states import state_of
from profiles import bundles, credential_services, services
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile

OWNED = (
    "llm_profiles",
    "active_llm_profile",
    "provider_credentials",
    "ai_source",
    "openai_key",
    "anthropic_key",
    "enable_openai_key",
    "enable_anthropic_key",
    "openai_model",
    "temperature",
    "presence_penalty",
    "enable_ollama",
)
KEY_1 = "sk-proj-first-key-abcdefghijklmnop"
KEY_2 = "sk-proj-second-key-qrstuvwxyz012345"


@pytest.fixture
def api(django_user_model):
    user = django_user_model.objects.create_user(
        "alice", password="pw", is_staff=True, is_superuser=True
    )
    client = APIClient()
    client.force_authenticate(user)
    return client


def owned(settings_block: dict) -> dict:
    return {key: settings_block.get(key) for key in OWNED}


@pytest.mark.django_db
def test_each_change_records_a_numbered_version_from_the_command_line():
    make_credential("open_ai", api_key=KEY_1)
    profile = make_profile(name="Fast", provider="open_ai", model="gpt-4o-mini", active=True)
    listed = list(history.versions().values_list("number", "actor", "face", "summary"))
    assert listed == [
        (3, "cli", "command", "activated 'Fast'"),
        (2, "cli", "command", "created 'Fast'"),
        (1, "cli", "command", "replaced open_ai api_key"),
    ]
    assert Version.objects.get(number=3).snapshot == {"active": [None, str(profile.pk)]}
    snapshot, _secrets = state_of(Version.objects.get(number=3))
    assert snapshot["active"] == str(profile.pk)
    assert snapshot["profiles"][0]["is_active"] is True
    assert snapshot["credentials"]["open_ai"]["api_key_hint"].startswith("sk-proj")


@pytest.mark.django_db
def test_secrets_are_encrypted_in_the_database_and_absent_from_the_snapshot():
    make_credential("open_ai", api_key=KEY_1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT snapshot, secrets FROM history_version")
        snapshot, secrets = cursor.fetchone()
    raw = bytes(secrets) if not isinstance(secrets, str) else secrets.encode()
    assert KEY_1 not in str(snapshot)
    assert KEY_1.encode() not in raw and base64.b64encode(KEY_1.encode()) not in raw
    assert raw  # something is stored: the encrypted secrets


@pytest.mark.django_db
def test_api_changes_record_the_user_and_the_face(api):
    response = api.post("/api/config/rollback", {"version": 1}, format="json")
    assert response.status_code == 400
    assert "no version 1" in response.json()["version"][0]
    make_credential("open_ai", api_key=KEY_1)
    make_profile(name="A", provider="open_ai", model="gpt-4o")
    response = api.post("/api/config/rollback", {"version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "rolled back to 1"
    newest = history.versions().first()
    assert (newest.actor, newest.face) == ("alice", "api")
    assert not LlmProfile.objects.exists()
    page = APIClient()
    page.force_login(api.handler._force_user)  # the page signs in with a session
    page.post("/api/config/rollback", {"version": 2}, format="json")
    newest = history.versions().first()
    assert (newest.actor, newest.face, newest.summary) == ("alice", "page", "rolled back to 2")


@pytest.mark.django_db
def test_the_face_header_is_not_trusted(api):
    """A script cannot pass its changes off as the page's (or the admin's)."""
    make_credential("open_ai", api_key=KEY_1)
    make_profile(name="A", provider="open_ai", model="gpt-4o")
    for claimed in ("page", "admin"):
        liar = APIClient(HTTP_X_TRIPLO_FACE=claimed)
        liar.force_authenticate(api.handler._force_user)
        liar.post("/api/config/rollback", {"version": 1}, format="json")
        assert history.versions().first().face == "api"


@pytest.mark.django_db
def test_admin_changes_record_the_staff_user_and_the_admin_face(client, django_user_model):
    user = django_user_model.objects.create_superuser("bob", "b@example.com", "pw")
    client.force_login(user)
    make_credential("open_ai", api_key=KEY_1)
    profile = make_profile(name="A", provider="open_ai", model="gpt-4o")
    response = client.post(
        "/admin/profiles/llmprofile/", {"action": "activate", "_selected_action": [profile.pk]}
    )
    assert response.status_code == 302
    newest = history.versions().first()
    assert (newest.actor, newest.face, newest.summary) == ("bob", "admin", "activated 'A'")
    assert [v.actor for v in history.versions()] == ["bob", "cli", "cli"]


@pytest.mark.django_db
def test_history_api_lists_newest_first_with_pages_and_shows_one_version(api):
    for index in range(5):
        make_profile(name=f"P{index}", provider="ollama", model="llama3")
    body = api.get("/api/config/history?page_size=2").json()
    assert body["count"] == 5
    assert [v["number"] for v in body["results"]] == [5, 4]
    assert [v["summary"] for v in body["results"]] == ["created 'P4'", "created 'P3'"]
    body = api.get("/api/config/history/?page=3&page_size=2").json()
    assert [v["number"] for v in body["results"]] == [1]
    version = api.get("/api/config/history/2").json()
    assert [p["name"] for p in version["snapshot"]["profiles"]] == ["P0", "P1"]
    assert "secrets" not in version
    assert api.get("/api/config/history/99").status_code == 404
    assert api.get("/api/config/history/abc").status_code == 404
    assert api.get(f"/api/config/history/{10**30}").status_code == 404
    assert api.get("/api/config/history/3/diff/abc").status_code == 404
    assert APIClient().get("/api/config/history").status_code == 401


@pytest.mark.django_db
def test_diff_reports_fields_order_active_and_secrets_only_as_changed(api):
    make_credential("open_ai", api_key=KEY_1)
    a = make_profile(name="A", provider="open_ai", model="gpt-4o")
    b = make_profile(name="B", provider="open_ai", model="gpt-4o")
    services.activate_profile(a.pk)  # version 4
    services.update_profile(a.pk, temperature=0.2, name="A2")
    services.reorder_profiles([str(b.pk), str(a.pk)])
    services.activate_profile(b.pk)
    make_credential("open_ai", api_key=KEY_2)
    make_profile(name="C", provider="ollama", model="llama3")
    services.delete_profile(a.pk)  # version 10
    make_credential("ollama", url="http://127.0.0.1:11434")
    response = api.get("/api/config/history/4/diff/11")
    assert response.status_code == 200
    diff = response.json()
    assert KEY_1 not in response.content.decode() and KEY_2 not in response.content.decode()
    assert [p["name"] for p in diff["profiles"]["added"]] == ["C"]
    assert [p["name"] for p in diff["profiles"]["removed"]] == ["A"]
    assert diff["active"] == {"from": "A", "to": "B"}
    assert "~ active: 'A' -> 'B'" in diff["lines"]
    assert "~ credential open_ai: api_key changed" in diff["lines"]
    assert diff["credentials"]["added"] == ["ollama"]
    assert diff["credentials"]["changed"] == [
        {"provider": "open_ai", "fields": {}, "secrets": {"api_key": "changed"}}
    ]
    diff = history.diff_versions(4, 6)
    assert diff["profiles"]["changed"] == [
        {
            "id": str(a.pk),
            "name": "A2",
            "fields": {"name": {"from": "A", "to": "A2"}, "temperature": {"from": 0.7, "to": 0.2}},
        }
    ]
    assert diff["order"] == {"from": ["A", "B"], "to": ["B", "A2"]}
    assert history.diff_versions(7, 8)["credentials"]["changed"][0]["secrets"] == {
        "api_key": "changed"
    }
    unchanged = history.diff_versions(8, 9)["credentials"]
    assert unchanged == {"added": [], "removed": [], "changed": []}


@pytest.mark.django_db(transaction=True)
def test_rollback_restores_config_json_exactly_with_the_same_ids(read_config):
    make_credential("open_ai", api_key=KEY_1)
    make_credential("anthropic", api_key="sk-ant-abcdefghijklmnopqrstuv")
    a = make_profile(name="A", provider="open_ai", model="gpt-4o", temperature=0.3)
    b = make_profile(name="B", provider="anthropic", model="claude-3-5-haiku-latest")
    services.activate_profile(a.pk)
    target = history.versions().first().number
    exported = owned(read_config())
    # Swap the names, reorder, switch provider and key, delete one, add another.
    services.update_profile(a.pk, name="tmp")
    services.update_profile(b.pk, name="A")
    services.update_profile(a.pk, name="B", model="gpt-4.1")
    services.reorder_profiles([str(b.pk), str(a.pk)])
    make_credential("open_ai", api_key=KEY_2)
    services.activate_profile(b.pk)
    make_profile(name="New", provider="ollama", model="llama3")
    services.update_profile(a.pk, provider="anthropic", model="claude-3-opus-latest")
    credential_services.delete_credential("open_ai")
    assert owned(read_config()) != exported

    version = history.rollback(target)

    assert version.summary == f"rolled back to {target}"
    assert owned(read_config()) == exported
    assert read_config()["openai_key"] == KEY_1
    assert [p.pk for p in LlmProfile.objects.ordered()] == [a.pk, b.pk]
    assert ProviderCredential.objects.get(provider="open_ai").api_key == KEY_1
    assert history.diff_versions(target, version.number)["profiles"] == {
        "added": [],
        "removed": [],
        "changed": [],
    }


@pytest.mark.django_db
def test_rollback_is_refused_when_the_snapshot_secrets_cannot_be_read():
    make_credential("open_ai", api_key=KEY_1)
    make_profile(name="A", provider="open_ai", model="gpt-4o")
    with connection.cursor() as cursor:  # version 1's secrets are the head's, undone
        cursor.execute("UPDATE history_recordedstate SET secrets = %s", [b"garbage"])
    with pytest.raises(ValidationError) as refused:
        history.rollback(1)
    assert "cannot roll back to version 1" in refused.value.messages[0]
    assert "cannot be decrypted" in refused.value.messages[0]
    assert history.diff_versions(1, 2)["credentials"]["changed"] == [
        {"provider": "open_ai", "fields": {}, "secrets": {"api_key": "unknown"}}
    ]
    assert LlmProfile.objects.count() == 1 and history.versions().count() == 2


@pytest.mark.django_db
def test_rollback_is_refused_when_a_needed_secret_is_missing_from_the_snapshot():
    make_credential("open_ai", api_key=KEY_1)
    make_profile(name="A", provider="open_ai", model="gpt-4o", active=True)
    make_profile(name="B", provider="ollama", model="llama3")
    RecordedState.objects.update(secrets=json.dumps({}))  # version 3's secrets come from it
    with pytest.raises(ValidationError, match="open_ai api_key is missing from the snapshot"):
        history.rollback(3)
    assert LlmProfile.objects.count() == 2


@pytest.mark.django_db
def test_only_the_newest_versions_are_kept(settings):
    settings.TRIPLO_HISTORY_KEEP = 3
    for index in range(6):
        make_profile(name=f"P{index}", provider="ollama", model="llama3")
    assert list(Version.objects.values_list("number", flat=True)) == [6, 5, 4]
    with pytest.raises(ValidationError, match=r"no version 2 \(kept: 4\.\.6\)"):
        history.rollback(2)


@pytest.mark.django_db
def test_a_dry_run_import_records_nothing():
    bundles.import_bundle(
        {"llm_profiles": [{"id": "5f0c7d32-8d1c-4d1c-9a53-2bd1c2f1e001", "name": "X",
                           "provider": "ollama", "model": "llama3"}]},
        dry_run=True,
    )  # fmt: skip
    assert not Version.objects.exists()


@pytest.mark.django_db
def test_config_history_command_lists_diffs_and_rolls_back(capsys):
    make_profile(name="A", provider="ollama", model="llama3")
    make_profile(name="B", provider="ollama", model="llama3")
    call_command("config_history")
    out = capsys.readouterr().out.splitlines()
    assert "created 'B'" in out[0] and "cli" in out[0] and out[0].split()[0] == "2"
    call_command("config_history", "--diff", "1", "2")
    assert capsys.readouterr().out.splitlines() == ["+ profile 'B' (ollama llama3)"]
    call_command("config_history", "--diff", "2", "2")
    assert capsys.readouterr().out.splitlines() == ["no differences"]
    call_command("config_history", "--rollback", "1")
    assert "rolled back to 1: recorded as version 3" in capsys.readouterr().out
    assert [p.name for p in LlmProfile.objects.all()] == ["A"]
    with pytest.raises(CommandError, match="no version 42"):
        call_command("config_history", "--rollback", "42")


@pytest.mark.django_db
def test_rollback_is_refused_when_the_active_profile_would_lose_its_credential():
    make_credential("open_ai", api_key=KEY_1)
    make_profile(name="A", provider="open_ai", model="gpt-4o", active=True)
    version = Version.objects.get(number=3)
    state, secrets = state_of(version)
    # Stored whole (as before deltas), without the credential its active profile needs.
    Version.objects.filter(pk=version.pk).update(
        kind="full", snapshot={**state, "credentials": {}}, secrets=json.dumps(secrets)
    )
    make_profile(name="B", provider="ollama", model="llama3")
    with pytest.raises(ValidationError) as refused:
        history.rollback(3)
    assert refused.value.messages == [
        "cannot roll back to version 3: its active profile 'A' is unusable: "
        "credential: OpenAI credential is missing: API key"
    ]
    assert ProviderCredential.objects.get().api_key == KEY_1
    assert LlmProfile.objects.count() == 2
