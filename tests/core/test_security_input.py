"""Issue 12, points 3 and 7: secrets follow the address they were given for; names are names."""

import pytest

from credentials.models import ProviderCredential
from profiles import credential_services

pytestmark = pytest.mark.django_db

TOKEN = "ollama-token-before-any-url-0001"


def test_token_saved_without_url_is_dropped_when_a_url_is_set():
    credential_services.set_credential("ollama", token=TOKEN)
    credential_services.set_credential("ollama", url="http://10.0.0.5:11434")
    assert ProviderCredential.objects.get(provider="ollama").token == ""


def test_token_given_with_the_first_url_is_kept():
    credential_services.set_credential("ollama", url="http://10.0.0.5:11434", token=TOKEN)
    assert ProviderCredential.objects.get(provider="ollama").token == TOKEN


def test_custom_key_saved_without_base_url_is_dropped_over_the_api(api):
    api.put("/api/llm/credentials/custom_http", {"api_key": TOKEN}, format="json")
    response = api.put(
        "/api/llm/credentials/custom_http", {"base_url": "http://10.0.0.6/v1"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert ProviderCredential.objects.get(provider="custom_http").api_key == ""


@pytest.mark.parametrize(
    "name",
    [
        "Fast\u200b",  # zero-width space
        "Fa\u200dst",  # zero-width joiner
        "\ufeffFast",  # byte order mark / zero-width no-break space
        "Fast\u202e",  # right-to-left override
        "\u2066Fast\u2069",  # left-to-right isolate ... pop
        "Fast\u200f",  # right-to-left mark
        "Fa\x07st",  # a control character
    ],
)
def test_invisible_and_bidi_characters_in_a_name_are_a_400_naming_the_field(api, name):
    body = {"name": name, "provider": "open_ai", "model": "m"}
    response = api.post("/api/llm/profiles", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert "control characters" in response.json()["name"][0]


def test_renaming_to_a_lookalike_is_refused_and_plain_unicode_is_fine(api):
    created = api.post(
        "/api/llm/profiles",
        {"name": "Größe ü 日本", "provider": "open_ai", "model": "m"},
        format="json",
    )
    assert created.status_code == 201, created.content
    response = api.patch(
        f"/api/llm/profiles/{created.json()['id']}", {"name": "Gr\u200böße"}, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["name"]
