"""Secrets at rest: never in clear on disk, and a wrong key gives one clear message."""

import json

from credentials.models import UNDECRYPTABLE_MESSAGE

API_KEY = "sk-PLAINTEXT-api-key-0123456789"
TOKEN = "tok-PLAINTEXT-bearer-0123456789"
CUSTOM_KEY = "ck-PLAINTEXT-custom-0123456789"
SECRETS = (API_KEY, TOKEN, CUSTOM_KEY)
WRONG_KEY = "a-different-key-than-the-one-in-use"

# Stores secrets, then keeps the process (and its WAL, not yet checkpointed) alive until told.
STORE_AND_WAIT = f"""
import sys
from profiles.credential_services import set_credential
set_credential("anthropic", api_key="{API_KEY}")
set_credential("ollama", url="http://ollama.lan:11434", token="{TOKEN}")
set_credential("custom_http", base_url="http://lmstudio:1234/v1", api_key="{CUSTOM_KEY}")
print("stored", flush=True)
sys.stdin.readline()
"""
LIST = """
from credentials.models import ProviderCredential
print(sorted((c.provider, c.api_key_hint, c.token_hint)
             for c in ProviderCredential.objects.without_secrets()))
"""


def assert_no_secret_on_disk(site):
    files = [*site.data_dir.glob("db.sqlite3*"), site.data_dir / "export-state.json"]
    assert site.db in files
    for path in files:
        content = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in content, f"{secret} in clear in {path.name}"
            assert secret[4:20].encode() not in content, f"part of {secret} in {path.name}"


def test_secrets_encrypted_on_disk_and_wrong_key_is_one_clear_line(site):
    writer = site.start("shell", "--no-imports", "-c", STORE_AND_WAIT)
    try:
        assert "stored" in writer.stdout.readline(), writer.stderr.read()
        assert_no_secret_on_disk(site)  # database file and WAL while the writer is open
        writer.communicate("\n", timeout=60)
    finally:
        writer.kill()
    assert writer.returncode == 0
    assert_no_secret_on_disk(site)  # after the checkpoint on close
    settings = json.loads(site.config_path.read_text())["settings"]
    assert settings["anthropic_key"] == API_KEY  # stored, decrypted and exported for Triplo
    assert settings["provider_credentials"]["ollama"]["token"] == TOKEN

    result = site.run("bootstrap", DJANGO_SECRET_KEY=WRONG_KEY)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [f"CommandError: {UNDECRYPTABLE_MESSAGE}"]
    assert "Traceback" not in result.stdout

    listed = site.python(LIST, DJANGO_SECRET_KEY=WRONG_KEY).stdout.strip().splitlines()[-1]
    assert "('anthropic', 'sk-…6789', '')" in listed
    assert not any(secret in listed for secret in SECRETS)
