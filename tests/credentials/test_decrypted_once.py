"""Each stored secret is decrypted once per process, and still read fresh after a change."""

import pytest

from credentials.models import ProviderCredential, SecretsUnreadable
from credentials.rotation import cipher_for
from history.models import Version
from profiles.credential_services import set_credential

pytestmark = pytest.mark.django_db


def counted(monkeypatch, model, name: str) -> list[bytes]:
    """The tokens this field's key decrypts from now on."""
    seen: list[bytes] = []
    fernet = model._meta.get_field(name)._fernet
    decrypt = fernet.decrypt

    def counting(token: bytes, *args):
        seen.append(token)
        return decrypt(token, *args)

    monkeypatch.setattr(fernet, "decrypt", counting)
    return seen


@pytest.fixture
def decryptions(monkeypatch) -> list[bytes]:
    return counted(monkeypatch, ProviderCredential, "api_key")


def _api_keys() -> dict[str, str]:
    return {c.provider: c.api_key for c in ProviderCredential.objects.stored()}


def test_reading_the_secrets_again_decrypts_nothing(decryptions):
    set_credential("anthropic", api_key="sk-ant-first-0123456789")
    first = len(decryptions)
    assert _api_keys() == {"anthropic": "sk-ant-first-0123456789"}
    assert _api_keys() == {"anthropic": "sk-ant-first-0123456789"}
    # the export after the change read them already (api_key and the unused token)
    assert len(decryptions) == first
    assert len(set(decryptions)) == len(decryptions)


def test_a_changed_secret_is_read_as_changed(decryptions):
    set_credential("anthropic", api_key="sk-ant-first-0123456789")
    assert _api_keys()["anthropic"] == "sk-ant-first-0123456789"
    set_credential("anthropic", api_key="sk-ant-second-0123456789")
    assert _api_keys()["anthropic"] == "sk-ant-second-0123456789"


def test_another_key_still_cannot_read_what_was_read_before(monkeypatch):
    set_credential("anthropic", api_key="sk-ant-first-0123456789")
    assert _api_keys()["anthropic"] == "sk-ant-first-0123456789"
    other_key = cipher_for("a-different-secret-key-" * 3)
    for name in ("api_key", "token"):
        monkeypatch.setattr(ProviderCredential._meta.get_field(name), "_fernet", other_key)
    with pytest.raises(SecretsUnreadable):
        ProviderCredential.objects.stored()


def test_the_historys_secrets_are_decrypted_each_time_they_are_read(monkeypatch):
    """Versions keep replaced keys too: those are not kept in clear in the process."""
    set_credential("anthropic", api_key="sk-ant-first-0123456789")
    set_credential("anthropic", api_key="sk-ant-second-0123456789")
    seen = counted(monkeypatch, Version, "secrets")
    for _ in range(2):
        assert "sk-ant-first" in Version.objects.latest("number").secrets
    assert len(seen) == 2
