"""Profiles over the API: every endpoint, its defaults and its error paths."""

import base64
import uuid

import pytest
from django.contrib.auth.models import User
from knox.models import AuthToken
from rest_framework.test import APIClient

from profiles import credential_services
from profiles.models import LlmProfile

pytestmark = pytest.mark.django_db

KEY = "sk-test-abcdefghijklmnop"


def create(api: APIClient, **fields) -> dict:
    body = {"name": "Fast", "provider": "open_ai", "model": "gpt-4o-mini"} | fields
    response = api.post("/api/llm/profiles", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


# --- access ------------------------------------------------------------------------------


def test_unauthenticated_is_401_with_basic_challenge():
    response = APIClient().get("/api/llm/profiles")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")
    assert response.json()["detail"]


def test_basic_auth_and_token_work_and_non_staff_is_403(admin_user):
    admin_user.set_password("pw")
    admin_user.save()
    client = APIClient()
    basic = base64.b64encode(f"{admin_user.username}:pw".encode()).decode()
    assert client.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 200
    wrong = base64.b64encode(f"{admin_user.username}:nope".encode()).decode()
    assert client.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Basic {wrong}").status_code == 401
    _, token = AuthToken.objects.create(user=admin_user)
    assert client.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    User.objects.create_user("plain", password="pw")
    plain = base64.b64encode(b"plain:pw").decode()
    assert client.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Basic {plain}").status_code == 403


def test_session_auth_needs_csrf(admin_user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.get("/api/llm/profiles").status_code == 200
    body = {"name": "A", "provider": "open_ai", "model": "m"}
    assert client.post("/api/llm/profiles", body, format="json").status_code == 403
    assert not LlmProfile.objects.exists()
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    response = client.post("/api/llm/profiles", body, format="json", HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201


# --- list, create, read, update, delete ---------------------------------------------------


def test_create_applies_defaults_and_appends(api):
    first = create(api)
    second = create(api, name="Claude", provider="anthropic", model="claude-3-5-haiku-latest")
    assert first["temperature"] == 0.7 and first["presence_penalty"] == 0
    assert first["options"] == {} and first["is_active"] is False
    assert second["temperature"] == 0.7 and second["provider"] == "anthropic"
    assert (first["position"], second["position"]) == (0, 1)
    listed = api.get("/api/llm/profiles").json()
    assert [p["name"] for p in listed] == ["Fast", "Claude"]
    assert set(listed[0]) == {
        "id",
        "name",
        "provider",
        "model",
        "temperature",
        "presence_penalty",
        "options",
        "position",
        "is_active",
        "credential_configured",
        "created_at",
        "updated_at",
    }


def test_alias_is_canonicalised_and_credential_configured_reported(api):
    profile = create(api, provider="openai")
    assert profile["provider"] == "open_ai" and profile["credential_configured"] is False
    credential_services.set_credential("open_ai", api_key=KEY)
    assert api.get(f"/api/llm/profiles/{profile['id']}").json()["credential_configured"] is True
    assert api.get("/api/llm/profiles").json()[0]["credential_configured"] is True


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": "", "provider": "open_ai", "model": "m"}, "name"),
        ({"name": "x" * 101, "provider": "open_ai", "model": "m"}, "name"),
        ({"name": "A", "provider": "nope", "model": "m"}, "provider"),
        ({"name": "A", "provider": "open_ai", "model": " "}, "model"),
        ({"name": "A", "provider": "anthropic", "model": "m", "temperature": 1.5}, "temperature"),
        (
            {"name": "A", "provider": "anthropic", "model": "m", "presence_penalty": 1},
            "presence_penalty",
        ),
        ({"name": "A", "provider": "open_ai", "model": "m", "temperature": True}, "temperature"),
        ({"name": "A", "provider": "open_ai", "model": "m", "temperature": "0.5"}, "temperature"),
        ({"name": "A", "provider": "open_ai", "model": "m", "temperature": 10**400}, "temperature"),
        ({"name": "A", "provider": "open_ai", "model": "m", "options": {"x": 1}}, "options"),
        ({"name": "A", "provider": "open_ai", "model": "m", "options": []}, "options"),
        (
            {"name": "A", "provider": "open_ai", "model": "m", "options": {"max_tokens": 0}},
            "options",
        ),
        ({"name": None, "provider": "open_ai", "model": "m"}, "name"),
        ({"name": 5, "provider": "open_ai", "model": "m"}, "name"),
        ({"provider": "open_ai", "model": "m"}, "name"),
    ],
)
def test_create_rejects_bad_fields_naming_them(api, body, field):
    response = api.post("/api/llm/profiles", body, format="json")
    assert response.status_code == 400
    if field:
        assert field in response.json()
    assert not LlmProfile.objects.exists()


@pytest.mark.parametrize("raw", ["[1, 2]", '"text"', "null", "{", "[" * 50_000, "1e999999"])
def test_non_object_or_broken_bodies_are_400(api, raw):
    response = api.post("/api/llm/profiles", raw, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_lone_surrogates_are_400(api):
    raw = '{"name": "\\ud800", "provider": "open_ai", "model": "m"}'
    response = api.post("/api/llm/profiles", raw, content_type="application/json")
    assert response.status_code == 400 and "name" in response.json()


@pytest.mark.parametrize("number", ["1e999", "NaN", "Infinity", "-1e400"])
def test_non_finite_numbers_are_400(api, number):
    raw = f'{{"name": "A", "provider": "open_ai", "model": "m", "temperature": {number}}}'
    response = api.post("/api/llm/profiles", raw, content_type="application/json")
    assert response.status_code == 400
    assert not LlmProfile.objects.exists()


def test_form_bodies_are_refused_as_unsupported(api):
    response = api.post("/api/llm/profiles", {"name": "A"}, format="multipart")
    assert response.status_code == 415


def test_duplicate_name_is_400_case_insensitive(api):
    create(api, name="Fast")
    response = api.post(
        "/api/llm/profiles", {"name": "FAST", "provider": "open_ai", "model": "m"}, format="json"
    )
    assert response.status_code == 400
    assert "already exists" in response.json()["name"][0]


def test_put_replaces_and_patch_changes_some_fields(api):
    profile = create(api, temperature=1.2, options={"max_tokens": 100})
    url = f"/api/llm/profiles/{profile['id']}"
    patched = api.patch(url, {"temperature": 0.3}, format="json").json()
    assert patched["temperature"] == 0.3 and patched["options"] == {"max_tokens": 100}
    put = api.put(url, {"name": "Renamed", "provider": "ollama", "model": "llama3"}, format="json")
    assert put.status_code == 200
    assert put.json()["name"] == "Renamed" and put.json()["temperature"] == 0.7
    assert put.json()["options"] == {}
    assert api.put(url, {"name": "Only"}, format="json").status_code == 400
    bad = api.patch(url, {"provider": "anthropic", "temperature": 1.9}, format="json")
    assert bad.status_code == 400 and "temperature" in bad.json()
    assert LlmProfile.objects.get().provider == "ollama"


def test_patch_of_active_profile_to_unconfigured_provider_is_400(api):
    credential_services.set_credential("open_ai", api_key=KEY)
    profile = create(api)
    api.post(f"/api/llm/profiles/{profile['id']}/activate")
    response = api.patch(
        f"/api/llm/profiles/{profile['id']}", {"provider": "anthropic"}, format="json"
    )
    assert response.status_code == 400 and "credential" in response.json()
    assert LlmProfile.objects.get().provider == "open_ai"


@pytest.mark.parametrize("profile_id", ["nope", "123", str(uuid.uuid4()), "%20", "a" * 300])
def test_unknown_or_malformed_ids_are_404(api, profile_id):
    for method in ("get", "put", "patch", "delete"):
        response = getattr(api, method)(f"/api/llm/profiles/{profile_id}", {}, format="json")
        assert response.status_code == 404, (method, response.content)
    assert api.post(f"/api/llm/profiles/{profile_id}/duplicate").status_code == 404
    assert api.post(f"/api/llm/profiles/{profile_id}/activate").status_code == 404
    assert (
        api.post("/api/llm/profile/activate", {"id": profile_id}, format="json").status_code == 404
    )


def test_delete_inactive_then_active_is_409(api):
    credential_services.set_credential("open_ai", api_key=KEY)
    keep, drop = create(api), create(api, name="Drop")
    assert api.delete(f"/api/llm/profiles/{drop['id']}").status_code == 204
    api.post(f"/api/llm/profiles/{keep['id']}/activate")
    response = api.delete(f"/api/llm/profiles/{keep['id']}/")
    assert response.status_code == 409
    assert "activate another profile first" in response.json()["detail"]
    assert LlmProfile.objects.filter(pk=keep["id"]).exists()


# --- duplicate, reorder -------------------------------------------------------------------


def test_duplicate_names_copies_and_places_them_after_the_original(api):
    first, last = create(api), create(api, name="Last")
    copy1 = api.post(f"/api/llm/profiles/{first['id']}/duplicate").json()
    response = api.post(f"/api/llm/profiles/{first['id']}/duplicate/")
    assert response.status_code == 201
    copy2 = response.json()
    assert copy1["name"] == "Fast (copy)" and copy2["name"] == "Fast (copy 2)"
    assert copy1["is_active"] is False
    names = [p["name"] for p in api.get("/api/llm/profiles").json()]
    assert names == ["Fast", "Fast (copy 2)", "Fast (copy)", "Last"]
    assert last["name"] == "Last"


def test_reorder_sets_positions(api):
    a, b, c = (create(api, name=n)["id"] for n in "ABC")
    response = api.post("/api/llm/profiles/reorder/", {"order": [c, a, b]}, format="json")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()] == ["C", "A", "B"]
    assert [p["name"] for p in api.get("/api/llm/profiles").json()] == ["C", "A", "B"]


@pytest.mark.parametrize(
    "order, reason",
    [
        (lambda a, b: [a], "missing"),
        (lambda a, b: [a, b, a], "repeated"),
        (lambda a, b: [a, b, "x"], "unknown"),
    ],
)
def test_reorder_names_what_is_missing_repeated_or_unknown(api, order, reason):
    a, b = create(api, name="A")["id"], create(api, name="B")["id"]
    response = api.post("/api/llm/profiles/reorder", {"order": order(a, b)}, format="json")
    assert response.status_code == 400
    assert any(m.startswith(reason) for m in response.json()["order"])
    assert [p["name"] for p in api.get("/api/llm/profiles").json()] == ["A", "B"]


@pytest.mark.parametrize("body", [{}, {"order": "abc"}, {"order": [None]}, {"order": [{}]}, []])
def test_reorder_with_a_malformed_body_is_400(api, body):
    create(api)
    assert api.post("/api/llm/profiles/reorder", body, format="json").status_code == 400


# --- activation ---------------------------------------------------------------------------


def test_activate_refuses_without_credential_and_changes_nothing(api, config_path):
    profile = create(api)
    response = api.post("/api/llm/profile/activate", {"id": profile["id"]}, format="json")
    assert response.status_code == 400
    assert "API key" in response.json()["credential"][0]
    assert not LlmProfile.objects.get().is_active
    assert not config_path.exists() or 'active_llm_profile": "' not in config_path.read_text()


@pytest.mark.django_db(transaction=True)
def test_activate_both_paths_switch_the_active_profile(api, read_config):
    credential_services.set_credential("open_ai", api_key=KEY)
    credential_services.set_credential("ollama", url="http://127.0.0.1:11434")
    first, second = create(api), create(api, name="Local", provider="ollama", model="llama3")
    response = api.post("/api/llm/profile/activate/", {"id": first["id"]}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is True
    assert read_config()["active_llm_profile"] == first["id"]
    response = api.post(f"/api/llm/profiles/{second['id']}/activate")
    assert response.status_code == 200
    assert read_config()["active_llm_profile"] == second["id"]
    assert read_config()["ai_source"] == "ollama"
    assert [p["is_active"] for p in api.get("/api/llm/profiles").json()] == [False, True]


def test_activate_refuses_a_profile_breaking_its_provider_rules(api):
    credential_services.set_credential("anthropic", api_key=KEY)
    profile = create(api, provider="anthropic", model="claude")
    # A rule the database allows but the catalogue refuses: an unknown option.
    LlmProfile.objects.filter(pk=profile["id"]).update(options={"bogus": 1})
    response = api.post(f"/api/llm/profiles/{profile['id']}/activate")
    assert response.status_code == 400 and "options" in response.json()
    assert not LlmProfile.objects.get().is_active


@pytest.mark.parametrize("body", [{}, {"id": None}, {"id": 5}, {"id": []}, [1]])
def test_activate_with_a_malformed_body_is_400(api, body):
    assert api.post("/api/llm/profile/activate", body, format="json").status_code == 400


def test_wrong_method_is_405_json(api):
    response = api.delete("/api/llm/profiles")
    assert response.status_code == 405 and response.json()["detail"]


def test_reorder_with_a_huge_list_is_a_plain_400(api):
    create(api)
    response = api.post("/api/llm/profiles/reorder", {"order": ["x"] * 100_000}, format="json")
    assert response.status_code == 400
    assert "repeated: x" in response.json()["order"]


def test_list_is_what_the_profile_serializer_renders(api):
    """The list is built from plain rows for speed; it must stay the serializer's shape."""
    from profiles.api import ProfileSerializer

    credential_services.set_credential("open_ai", api_key=KEY)
    first = create(api, name="A", options={"max_tokens": 100, "json_mode": True})
    create(api, name="B", provider="anthropic", model="claude", temperature=0.2)
    api.post("/api/llm/profile/activate", {"id": first["id"]}, format="json")
    listed = api.get("/api/llm/profiles").json()
    profiles = LlmProfile.objects.ordered()
    serialized = [dict(row) for row in ProfileSerializer(profiles, many=True).data]
    assert listed == serialized
    assert [p["credential_configured"] for p in listed] == [True, False]
    for profile in serialized:
        assert api.get(f"/api/llm/profiles/{profile['id']}").json() == profile
