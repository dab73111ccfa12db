"""Saving what is already stored records no version (issue 13): a profile saved unchanged, an
identical secret sent again, "Keep the file" when the file says what the database says."""

import pytest

from history.models import Version
from profiles import credential_services, services
from triplo import drift

pytestmark = pytest.mark.django_db(transaction=True)

KEY = "sk-proj-noop-saves-0123456789abcd"


@pytest.fixture
def active(config_path):
    credential_services.set_credential("open_ai", api_key=KEY)
    profile = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o")
    return services.activate_profile(profile.pk)


def test_a_profile_saved_unchanged_records_nothing(api, active):
    before = Version.objects.count()
    body = api.get(f"/api/llm/profiles/{active.pk}").json()
    fields = {k: body[k] for k in ("name", "provider", "model", "temperature", "options")}
    assert api.put(f"/api/llm/profiles/{active.pk}", fields, format="json").status_code == 200
    assert Version.objects.count() == before
    fields["model"] = "gpt-4o-mini"
    api.put(f"/api/llm/profiles/{active.pk}", fields, format="json")
    assert Version.objects.count() == before + 1


def test_an_identical_secret_records_nothing(api, active):
    before = Version.objects.count()
    response = api.patch("/api/llm/credentials/open_ai", {"api_key": KEY}, format="json")
    assert response.status_code == 200
    assert Version.objects.count() == before
    api.patch("/api/llm/credentials/open_ai", {"api_key": KEY + "x"}, format="json")
    assert Version.objects.first().summary == "replaced open_ai api_key"


def test_keeping_a_file_that_says_the_same_records_nothing(active, read_config):
    # The file's Ollama server (Triplo's stock one) is the database's too: nothing differs.
    credential_services.set_credential("ollama", url=read_config()["ollama_url"])
    before = Version.objects.count()
    drift.keep_file()
    assert Version.objects.count() == before
