"""A client generated from /api/schema/ by openapi-python-client works for errors too.

The schema is fetched from the live server as a client author would, the client is generated
into a temporary directory (offline, without ruff's post-hooks) and imported, and a create →
activate → error flow goes through it over real HTTP. raise_on_unexpected_status is on, so
an answer the schema does not document fails the test as UnexpectedStatus.
"""

import base64
import importlib
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from django.conf import settings
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-proj-clienttestclienttest-8765"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def server(live_server) -> SimpleNamespace:
    User.objects.create_user("admin", password="s3cret-pass", is_staff=True, is_superuser=True)
    basic = base64.b64encode(b"admin:s3cret-pass").decode()
    return SimpleNamespace(url=live_server.url, basic=basic)


@pytest.fixture
def generated(server, tmp_path: Path, monkeypatch) -> SimpleNamespace:
    """The generated package `triplo_client` and its modules, imported from tmp_path."""
    schema = httpx.get(
        f"{server.url}/api/schema/",
        params={"format": "json"},
        headers={"Authorization": f"Basic {server.basic}"},
        timeout=30,
    )
    assert schema.status_code == 200
    (tmp_path / "schema.json").write_bytes(schema.content)
    (tmp_path / "config.yaml").write_text("package_name_override: triplo_client\npost_hooks: []\n")
    result = subprocess.run(
        [GENERATOR, "generate", "--path", "schema.json", "--config", "config.yaml"]
        + ["--meta", "none", "--output-path", "triplo_client"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [n for n in sys.modules if n.split(".")[0] == "triplo_client"]:
        del sys.modules[name]
    module = importlib.import_module
    return SimpleNamespace(
        client=module("triplo_client"),
        models=module("triplo_client.models"),
        llm=SimpleNamespace(
            **{
                name: module(f"triplo_client.api.llm.{name}")
                for name in [
                    "llm_profiles_create",
                    "llm_profiles_retrieve",
                    "llm_profiles_destroy",
                    "llm_activate_profile",
                    "llm_profiles_activate",
                    "llm_profiles_reorder_create",
                    "llm_credentials_update",
                ]
            }
        ),
        health=module("triplo_client.api.health.health"),
    )


def test_create_activate_and_errors_through_a_generated_client(server, generated):
    models, llm = generated.models, generated.llm
    api = generated.client.AuthenticatedClient(
        base_url=server.url, token=server.basic, prefix="Basic", raise_on_unexpected_status=True
    )

    created = llm.llm_profiles_create.sync_detailed(
        client=api,
        body=models.ProfileInputRequest(
            name="Client", provider=models.ProfileInputProviderEnum.OPENAI, model="gpt-4o"
        ),
    )
    assert created.status_code == 201
    profile = created.parsed
    assert isinstance(profile, models.Profile) and isinstance(profile.id, uuid.UUID)
    assert profile.provider == models.ProfileProviderEnum.OPEN_AI  # the alias came back canonical

    # 400: the service's reasons, field by field, as a parsed model.
    refused = llm.llm_activate_profile.sync_detailed(
        client=api, body=models.ActivateRequest(id=profile.id)
    )
    assert refused.status_code == 400 and isinstance(refused.parsed, models.FieldErrors)
    assert "credential" in refused.parsed.additional_keys
    invalid = llm.llm_profiles_create.sync_detailed(
        client=api,
        body=models.ProfileInputRequest(
            name="  ", provider=models.ProfileInputProviderEnum.ANTHROPIC, model="claude"
        ),
    )
    assert invalid.status_code == 400 and isinstance(invalid.parsed, models.FieldErrors)
    assert invalid.parsed["name"] and all(isinstance(m, str) for m in invalid.parsed["name"])

    saved = llm.llm_credentials_update.sync_detailed(
        client=api,
        provider=models.LlmCredentialsUpdateProvider.OPEN_AI,
        body=models.CredentialInputRequest(api_key=KEY),
    )
    assert saved.status_code == 200 and saved.parsed.configured is True
    activated = llm.llm_activate_profile.sync(
        client=api, body=models.ActivateRequest(id=profile.id)
    )
    assert isinstance(activated, models.Profile) and activated.is_active is True

    # 404: a missing profile, by path and by an id in the body.
    missing = uuid.uuid4()
    for answer in (
        llm.llm_profiles_retrieve.sync_detailed(client=api, profile_id=missing),
        llm.llm_profiles_activate.sync_detailed(client=api, profile_id=missing),
        llm.llm_activate_profile.sync_detailed(client=api, body=models.ActivateRequest(id=missing)),
    ):
        assert answer.status_code == 404 and isinstance(answer.parsed, models.Detail)
        assert str(missing) in answer.parsed.detail

    # 409: the active profile cannot be deleted.
    conflict = llm.llm_profiles_destroy.sync_detailed(client=api, profile_id=profile.id)
    assert conflict.status_code == 409 and isinstance(conflict.parsed, models.Detail)
    assert "activate another profile first" in conflict.parsed.detail

    # 400 with nested field errors: a list field's errors by index.
    reorder = llm.llm_profiles_reorder_create.sync_detailed(
        client=api, body=models.ReorderRequest(order=[""])
    )
    assert reorder.status_code == 400 and isinstance(reorder.parsed, models.FieldErrors)
    assert isinstance(reorder.parsed["order"], models.FieldErrors)


def test_sign_in_errors_lockout_and_health_parse_through_a_generated_client(server, generated):
    models = generated.models
    anonymous = generated.client.Client(base_url=server.url, raise_on_unexpected_status=True)
    assert generated.health.sync(client=anonymous).status == "ok"
    wrong = generated.client.AuthenticatedClient(
        base_url=server.url,
        token=base64.b64encode(b"admin:wrong-pass").decode(),
        prefix="Basic",
        raise_on_unexpected_status=True,
    )
    answers = [
        generated.llm.llm_profiles_retrieve.sync_detailed(client=wrong, profile_id=uuid.uuid4())
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert [a.status_code for a in answers] == [401] * (len(answers) - 1) + [429]
    assert all(isinstance(a.parsed, models.Detail) for a in answers)
    assert answers[0].headers["WWW-Authenticate"].startswith("Basic")
    assert "too many failed sign-ins" in answers[-1].parsed.detail
