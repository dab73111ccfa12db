"""The OpenAPI document describes every endpoint, and no generated input makes a server error.

Schemathesis drives the whole schema in-process (WSGI) with Basic auth; outbound provider
calls go to a closed local port with a short timeout so nothing leaves the machine or hangs.
The document is generated here rather than fetched: fetching needs a staff user, which needs
the database, and schemathesis' lazy fixture loader does not run under pytest 9.
"""

import base64
import json
import socket

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from credentials import providers

pytestmark = pytest.mark.django_db(transaction=True)

AUTH = {"Authorization": "Basic " + base64.b64encode(b"fuzz:fuzz-pass").decode()}

ENDPOINTS = {
    "/api/health": {"get"},
    "/api/llm/profiles": {"get", "post"},
    "/api/llm/profiles/{profile_id}": {"get", "put", "patch", "delete"},
    "/api/llm/profiles/{profile_id}/duplicate": {"post"},
    "/api/llm/profiles/{profile_id}/activate": {"post"},
    "/api/llm/profiles/reorder": {"post"},
    "/api/llm/profile/activate": {"post"},
    "/api/llm/credentials": {"get"},
    "/api/llm/credentials/{provider}": {"put", "patch", "delete"},
    "/api/llm/credentials/{provider}/test": {"post"},
    "/api/llm/providers": {"get"},
    "/api/llm/models": {"get"},
    "/api/config": {"get", "put"},
    "/api/status": {"get"},
}


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_schema_describes_every_endpoint(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path, methods in ENDPOINTS.items():
        assert methods <= set(paths[path]), path
    activate = paths["/api/llm/profile/activate"]["post"]
    assert "basicAuth" in str(activate["security"])


def _refs(node: object) -> set[str]:
    """The component names a piece of the document refers to, directly."""
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[1]} if "$ref" in node else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(value) for value in node))
    return set()


def _enums(node: object) -> list[list]:
    if isinstance(node, dict):
        own = [node["enum"]] if "enum" in node else []
        return own + [e for value in node.values() for e in _enums(value)]
    if isinstance(node, list):
        return [e for value in node for e in _enums(value)]
    return []


def test_every_error_answer_is_documented_with_the_handlers_body():
    document = _document()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            if path == "/api/health":
                assert set(responses) == {"200"} and operation["security"] == []
                continue
            assert {"401", "403", "429"} <= set(responses), (method, path)
            if "requestBody" in operation:
                assert "400" in responses, (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if method == "delete":
                assert "409" in responses, (method, path)
            for status, response in responses.items():
                if status in ("400", "401", "403", "404", "409", "429"):  # the handler's
                    body = "FieldErrors" if status == "400" else "Detail"
                    assert _refs(response["content"]) == {body}, (method, path, status)
    paths = document["paths"]
    assert "404" in paths["/api/llm/profile/activate"]["post"]["responses"]  # an id in the body
    assert "400" in paths["/api/llm/profiles/{profile_id}/activate"]["post"]["responses"]
    assert "404" not in paths["/api/llm/profiles"]["post"]["responses"]


def test_ids_are_uuids_and_operations_have_distinct_names():
    document = _document()
    schemas = document["components"]["schemas"]
    assert schemas["ActivateRequest"]["properties"]["id"]["format"] == "uuid"
    assert schemas["ReorderRequest"]["properties"]["order"]["items"]["format"] == "uuid"
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    paths = document["paths"]
    assert paths["/api/llm/profile/activate"]["post"]["operationId"] == "llm_activate_profile"
    activate_by_path = paths["/api/llm/profiles/{profile_id}/activate"]["post"]
    assert activate_by_path["operationId"] == "llm_profiles_activate"


def test_aliases_are_accepted_but_never_answered():
    document = _document()
    schemas = document["components"]["schemas"]
    aliases = {alias for alias, canonical in providers.ALIASES.items() if alias != canonical}
    todo = _refs([op["responses"] for item in document["paths"].values() for op in item.values()])
    answered = set()
    while todo:
        name = todo.pop()
        answered.add(name)
        todo |= _refs(schemas[name]) - answered
    assert "Profile" in answered and "ProfileProviderEnum" in answered
    for name in answered:
        for enum in _enums(schemas[name]):
            assert not aliases & set(enum), name
    (accepted,) = _refs(schemas["ProfileInputRequest"]["properties"]["provider"])
    assert aliases <= set(schemas[accepted]["enum"])


@pytest.fixture
def fuzz_user(settings, closed_port) -> None:
    settings.TRIPLO_MODELS_TIMEOUT = 0.2
    settings.TRIPLO_PROVIDER_BASE_URLS = dict.fromkeys(
        settings.TRIPLO_PROVIDER_BASE_URLS, f"http://127.0.0.1:{closed_port}/v1"
    )
    User.objects.create_user("fuzz", password="fuzz-pass", is_staff=True, is_superuser=True)


def _document() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_document())
schema.app = get_wsgi_application()  # as schemathesis.openapi.from_wsgi binds it
schema.config.generation.update(modes=list(GenerationMode))  # valid and invalid input


def no_server_error(ctx, response, case) -> None:
    """not_a_server_error, except the model list's documented 502 (the provider failed)."""
    if response.status_code == 502 and case.operation.path == "/api/llm/models":
        return
    not_a_server_error(ctx, response, case)


@schema.parametrize()
@hypothesis_settings(
    max_examples=8,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.usefixtures("fuzz_user")
def test_no_input_makes_a_server_error(case):
    case.call_and_validate(
        headers=AUTH, checks=[no_server_error, status_code_conformance, response_schema_conformance]
    )
