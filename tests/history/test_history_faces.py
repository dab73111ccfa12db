"""Who and which face, over real HTTP (Basic auth is resolved inside DRF's view) and commands."""

import httpx
import pytest
from django.core.management import call_command

from history import services as history
from profiles import services
from tests.support.factories import make_credential, make_profile

KEY = "sk-proj-first-key-abcdefghijklmnop"


@pytest.mark.django_db(transaction=True)
def test_basic_auth_api_call_records_that_user(live_server, django_user_model):
    django_user_model.objects.create_user(
        "carol", password="pw-carol", is_staff=True, is_superuser=True
    )
    make_profile(name="A", provider="ollama", model="llama3")
    make_profile(name="B", provider="ollama", model="llama3")
    with httpx.Client(base_url=live_server.url, auth=("carol", "pw-carol")) as http:
        response = http.post("/api/config/rollback/", json={"version": 1})
        assert response.status_code == 200, response.text
        assert response.json()["actor"] == "carol"
        listed = http.get("/api/config/history").json()["results"]
    assert [(v["actor"], v["face"], v["summary"]) for v in listed] == [
        ("carol", "api", "rolled back to 1"),
        ("cli", "command", "created 'B'"),
        ("cli", "command", "created 'A'"),
    ]
    anonymous = httpx.post(f"{live_server.url}/api/config/rollback", json={"version": 1})
    assert anonymous.status_code == 401
    assert history.versions().count() == 3


@pytest.mark.django_db
def test_rollback_body_errors_name_the_field(admin_client):
    for body in ({}, {"version": "x"}, {"version": 0}, {"version": 10**30}):
        response = admin_client.post("/api/config/rollback", body, content_type="application/json")
        assert response.status_code == 400
        assert list(response.json()) == ["version"]


@pytest.mark.django_db
def test_seeding_and_importing_commands_record_env_and_import(monkeypatch, tmp_path):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    call_command("seed_from_env")
    assert {(v.actor, v.face) for v in history.versions()} == {("env", "command")}
    bundle = tmp_path / "bundle.json"
    call_command("export_profiles", str(bundle))
    services.delete_profile(make_profile(name="X", provider="ollama", model="m").pk)
    assert history.versions().count() == 3
    call_command("import_profiles", str(bundle))
    assert history.versions().count() == 3  # nothing changed: no version
    make_credential("open_ai", api_key="sk-proj-other-key-abcdefghijkl")
    text = bundle.read_text().replace('"temperature": 0.5', '"temperature": 0.9')
    bundle.write_text(text)
    call_command("import_profiles", str(bundle))
    newest = history.versions().first()
    assert (newest.actor, newest.face) == ("import", "command")
    assert newest.summary == "imported 0 new, 1 changed profiles"


@pytest.mark.django_db
def test_versions_are_read_only_in_the_admin(admin_client):
    make_profile(name="A", provider="ollama", model="llama3")
    page = admin_client.get("/admin/history/version/")
    assert page.status_code == 200 and "created &#x27;A&#x27;" in page.content.decode()
    version_id = history.versions().get().pk
    detail = admin_client.get(f"/admin/history/version/{version_id}/change/")
    assert detail.status_code == 200 and "llama3" in detail.content.decode()
    assert admin_client.get("/admin/history/version/add/").status_code == 403
    response = admin_client.post(f"/admin/history/version/{version_id}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert history.versions().count() == 1
