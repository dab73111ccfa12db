"""Key rotation, run as real processes: each process binds its cipher to the key it starts with."""

import json
import os
import stat
from pathlib import Path

import pytest

from tests.support.processes import manage, project_env

pytestmark = pytest.mark.slow  # real processes on their own SQLite data dir

OPENAI_KEY = "sk-proj-rotation-secret-0001"
ANTHROPIC_KEY = "sk-ant-rotation-secret-0002"
READ_KEYS = (
    "from credentials.models import ProviderCredential as P;"
    "print(sorted((p.provider, p.api_key) for p in P.objects.all()))"
)
READ_HISTORY_SECRETS = (
    "from history.models import Version;"
    "print(sum(OPENAI_KEY in (v.secrets or '') for v in Version.objects.all()))"
)


@pytest.fixture
def env(tmp_path):
    env = project_env(
        tmp_path / "data",
        tmp_path / "Triplo AI" / "config.json",
        OPENAI_API_KEY=OPENAI_KEY,
        ANTHROPIC_API_KEY=ANTHROPIC_KEY,
        TRIPLO_AI_SOURCE="openai",
    )
    manage(env, "bootstrap")
    return env


def data_dir(env) -> Path:
    return Path(env["TRIPLO_DATA_DIR"])


def stored_keys(env) -> str:
    return manage(env, "shell", "--no-imports", "-c", READ_KEYS).stdout.strip()


def test_rotation_reencrypts_and_replaces_the_key(env):
    old_key = (data_dir(env) / "secret.key").read_text()
    history_before = manage(
        env, "shell", "--no-imports", "-c", f"OPENAI_KEY={OPENAI_KEY!r};" + READ_HISTORY_SECRETS
    )
    done = manage(env, "rotate_encryption_key", "--generate")
    assert "re-encrypted" in done.stdout
    assert f"config.json re-exported: {env['TRIPLO_CONFIG_PATH']};" in done.stdout
    key_file = data_dir(env) / "secret.key"
    assert key_file.read_text() != old_key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(p.name for p in data_dir(env).glob("secret.key*")) == ["secret.key"]
    assert stored_keys(env) == str(sorted([("anthropic", ANTHROPIC_KEY), ("open_ai", OPENAI_KEY)]))
    settings = json.loads(Path(env["TRIPLO_CONFIG_PATH"]).read_text())["settings"]
    assert settings["openai_key"] == OPENAI_KEY
    history_after = manage(
        env, "shell", "--no-imports", "-c", f"OPENAI_KEY={OPENAI_KEY!r};" + READ_HISTORY_SECRETS
    )
    assert int(history_after.stdout) == int(history_before.stdout) >= 1


def test_dry_run_changes_nothing(env):
    key_file = data_dir(env) / "secret.key"
    before_key, before_db = key_file.read_text(), (data_dir(env) / "db.sqlite3").read_bytes()
    done = manage(env, "rotate_encryption_key", "--dry-run")
    assert "dry run:" in done.stdout and "would be re-encrypted" in done.stdout
    assert key_file.read_text() == before_key
    assert stored_keys(env).count("sk-") == 2
    assert not (data_dir(env) / "secret.key.new").exists()
    assert len(before_db) > 0


def test_new_key_from_env_and_file(env, tmp_path):
    new_key = "n" * 40
    manage({**env, "TRIPLO_NEW_SECRET_KEY": new_key}, "rotate_encryption_key")
    assert (data_dir(env) / "secret.key").read_text() == new_key
    key_file = tmp_path / "next.key"
    key_file.write_text("m" * 40 + "\n")
    manage(env, "rotate_encryption_key", "--key-file", str(key_file))
    assert (data_dir(env) / "secret.key").read_text() == "m" * 40
    assert OPENAI_KEY in stored_keys(env)


@pytest.mark.parametrize(
    ("args", "extra", "message"),
    [
        ((), {}, "give --generate, --key-file FILE or $TRIPLO_NEW_SECRET_KEY"),
        ((), {"TRIPLO_NEW_SECRET_KEY": "short"}, "at least 32 characters"),
        (("--key-file", "/nonexistent/key"), {}, "/nonexistent/key"),
        (("--generate",), {"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_SECRET_KEY"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(env, args, extra, message):
    key_before = (data_dir(env) / "secret.key").read_text()
    done = manage({**env, **extra}, "rotate_encryption_key", *args, check=False)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert (data_dir(env) / "secret.key").read_text() == key_before


def test_interrupted_after_reencryption_is_finished_by_running_again(env):
    """Killed between the database commit and the key swap: the data reads with secret.key.new."""
    crash_before_install = (
        "import credentials.rotation as r, os;"
        "r.install_new_key = lambda d: os._exit(9);"
        "from django.core.management import call_command;"
        "call_command('rotate_encryption_key', generate=True)"
    )
    crashed = manage(env, "shell", "--no-imports", "-c", crash_before_install, check=False)
    assert crashed.returncode == 9
    assert (data_dir(env) / "secret.key.new").exists()
    unreadable = manage(env, "bootstrap", check=False)
    assert unreadable.returncode != 0
    assert "cannot be decrypted with the current key" in unreadable.stderr
    resumed = manage(env, "rotate_encryption_key")
    assert "interrupted" in resumed.stdout and "secret.key.new" in resumed.stdout
    assert stored_keys(env).count("sk-") == 2
    assert not (data_dir(env) / "secret.key.new").exists()
    manage(env, "bootstrap")


def test_interrupted_before_commit_leaves_data_with_old_key(env):
    crash_mid_transaction = (
        "import credentials.rotation as r, os;"
        "original = r.EncryptedColumn.write;"
        "r.EncryptedColumn.write = lambda self, k, raw: os._exit(9);"
        "from django.core.management import call_command;"
        "call_command('rotate_encryption_key', generate=True)"
    )
    key_before = (data_dir(env) / "secret.key").read_text()
    assert (
        manage(env, "shell", "--no-imports", "-c", crash_mid_transaction, check=False).returncode
        == 9
    )
    assert (data_dir(env) / "secret.key").read_text() == key_before
    assert stored_keys(env).count("sk-") == 2
    manage(env, "rotate_encryption_key", "--generate")
    assert stored_keys(env).count("sk-") == 2
    assert not os.path.exists(data_dir(env) / "secret.key.new")
