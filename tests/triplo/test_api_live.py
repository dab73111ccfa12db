"""The real server over real HTTP: Basic auth, create → credential → activate → config.json."""

import json
import re

import httpx
import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-proj-livetestlivetestlive-4321"


@pytest.fixture
def client(live_server) -> httpx.Client:
    User.objects.create_user("admin", password="s3cret-pass", is_staff=True, is_superuser=True)
    with httpx.Client(
        base_url=live_server.url, auth=("admin", "s3cret-pass"), timeout=10
    ) as client:
        yield client


def test_create_set_credential_activate_writes_config_json(client, config_path):
    anonymous = httpx.get(f"{client.base_url}/api/llm/profiles", timeout=10)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"].startswith("Basic")

    created = client.post(
        "/api/llm/profiles/", json={"name": "Live", "provider": "openai", "model": "gpt-4o"}
    )
    assert created.status_code == 201
    profile_id = created.json()["id"]
    refused = client.post("/api/llm/profile/activate", json={"id": profile_id})
    assert refused.status_code == 400 and "credential" in refused.json()
    first_write = json.loads(config_path.read_text())["settings"]
    assert first_write["active_llm_profile"] is None

    saved = client.put("/api/llm/credentials/open_ai", json={"api_key": KEY})
    assert saved.status_code == 200 and KEY not in saved.text
    activated = client.post("/api/llm/profile/activate", json={"id": profile_id})
    assert activated.status_code == 200 and activated.json()["is_active"] is True

    settings = json.loads(config_path.read_text())["settings"]
    assert settings["active_llm_profile"] == profile_id
    assert settings["openai_key"] == KEY and settings["openai_model"] == "gpt-4o"
    assert settings["llm_profiles"][0]["name"] == "Live"
    status = client.get("/api/status").json()
    assert status["active_profile"]["id"] == profile_id and status["config_in_sync"] is True
    assert KEY not in client.get("/api/config").text


def test_docs_and_schema_are_served_locally(client):
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    # Swagger UI's start-up script is served by the docs view itself (no inline script: CSP).
    assert assets and all(a.startswith(("/static/", "/api/docs/?script=")) for a in assets)
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    schema = client.get("/api/schema", headers={"Accept": "application/vnd.oai.openapi+json"})
    assert schema.status_code == 200
    assert "/api/llm/profiles/{profile_id}" in schema.json()["paths"]
    anonymous = httpx.get(f"{client.base_url}/api/schema/", timeout=10)
    assert anonymous.status_code == 401
