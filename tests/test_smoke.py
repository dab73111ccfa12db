import pytest

from credentials import services as credential_services
from profiles import services


@pytest.mark.django_db(transaction=True)
def test_activation_writes_config(read_config):
    credential_services.set_credential("openai", api_key="sk-test-1234567890abcd")
    profile = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    services.activate_profile(profile.pk)
    written = read_config()
    assert written["active_llm_profile"] == str(profile.pk)
    assert written["openai_key"] == "sk-test-1234567890abcd"
    assert written["ai_source"] == "open_ai"
