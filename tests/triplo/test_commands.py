"""Management commands: thin callers with one-line errors and a non-zero exit on bad input."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import ManagementUtility, call_command

from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from tests import legacy_files
from tests.cli import Site

pytestmark = pytest.mark.django_db(transaction=True)


def cli(capsys, *args):
    """Run a command as `manage.py` does: (exit code, stdout, stderr)."""
    capsys.readouterr()
    try:
        ManagementUtility(["manage.py", *args]).execute()
        code = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def snapshot():
    return (
        list(LlmProfile.objects.ordered().values("id", "name", "model", "is_active", "options")),
        [(c.provider, c.api_key, c.url, c.models) for c in ProviderCredential.objects.all()],
    )


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2))
    return path


def assert_one_line_failure(code, out, err, reason):
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: "), err
    assert reason in lines[0]
    assert "Traceback" not in out + err


# import_config


def test_import_config_legacy_then_idempotent(capsys, config_path, read_config):
    write(config_path, legacy_files.full_legacy())
    code, out, _ = cli(capsys, "import_config")
    assert code == 0
    assert "add profile 'OpenRouter (imported)'" in out
    assert read_config()["ai_source"] == "open_router"
    before, file_before = snapshot(), config_path.read_bytes()
    code, out, _ = cli(capsys, "import_config", str(config_path))
    assert code == 0
    assert "nothing to import" in out
    assert snapshot() == before
    assert config_path.read_bytes() == file_before


def test_import_config_dry_run_changes_nothing(capsys, tmp_path, config_path):
    source = write(tmp_path / "old.json", legacy_files.full_legacy())
    code, out, err = cli(capsys, "import_config", str(source), "--dry-run")
    assert code == 0
    for secret in (legacy_files.OPENAI_KEY, legacy_files.OPENROUTER_KEY, "LIC-1234-5678"):
        assert secret not in out + err
    assert "add profile 'OpenRouter (imported)'" in out
    assert "dry run: nothing was changed" in out
    assert snapshot() == ([], [])
    assert not config_path.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"settings": {"ai_source": "open_ai",}}', "bad.json unreadable: "),
        ({"settings": {"llm_profiles": [{"id": "x"}]}}, "is not a UUID"),
        ({"settings": {"llm_profiles": "none"}}, "llm_profiles must be a list"),
        (
            {
                "settings": {
                    "llm_profiles": [],
                    "provider_credentials": {"ollama": {"url": "http://169.254.169.254"}},
                }
            },
            "ollama credential: url",
        ),
    ],
)
def test_import_config_bad_input(capsys, tmp_path, config_path, content, reason):
    call_command("import_config", str(write(tmp_path / "in.json", legacy_files.full_legacy())))
    before, file_before = snapshot(), config_path.read_bytes()
    source = write(tmp_path / "bad.json", content)
    code, out, err = cli(capsys, "import_config", str(source))
    assert_one_line_failure(code, out, err, reason)
    assert snapshot() == before
    assert config_path.read_bytes() == file_before


def test_import_config_missing_or_corrupt_default_file(capsys, tmp_path, config_path):
    assert_one_line_failure(*cli(capsys, "import_config", str(tmp_path / "nope.json")), "no such")
    assert_one_line_failure(*cli(capsys, "import_config"), f"{config_path}: no such file")
    assert snapshot() == ([], [])
    write(config_path, "{\n  oops\n}")
    before = config_path.read_bytes()
    assert_one_line_failure(
        *cli(capsys, "import_config"), f"config.json unreadable: {config_path} line 2: Expecting"
    )
    assert config_path.read_bytes() == before


# import_profiles

BUNDLE = {
    "llm_profiles": [
        {
            "id": "0b9f2a52-1a47-4f57-9df5-7b0e1c1c0001",
            "name": "Claude",
            "provider": "anthropic",
            "model": "claude-3-5-haiku-latest",
            "temperature": 0.4,
            "presence_penalty": 0,
            "options": {"max_tokens": 1024},
        },
        {
            "id": "0b9f2a52-1a47-4f57-9df5-7b0e1c1c0002",
            "name": "Local",
            "provider": "ollama",
            "model": "llama3",
            "temperature": 1.1,
            "presence_penalty": 0.3,
        },
    ],
    "active_llm_profile": "0b9f2a52-1a47-4f57-9df5-7b0e1c1c0001",
    "provider_credentials": {
        "anthropic": {"api_key": "sk-ant-api03-0123456789abcdef"},
        "ollama": {"url": "http://ollama.lan:11434", "models": ["llama3"], "token": None},
    },
}


def test_import_profiles(capsys, tmp_path, read_config):
    source = write(tmp_path / "bundle.json", BUNDLE)
    code, out, _ = cli(capsys, "import_profiles", str(source))
    assert code == 0
    assert "add profile 'Claude'" in out and "add profile 'Local'" in out
    assert [p["name"] for p in read_config()["llm_profiles"]] == ["Claude", "Local"]
    assert read_config()["active_llm_profile"] == BUNDLE["active_llm_profile"]
    before = snapshot()
    assert cli(capsys, "import_profiles", str(source))[0] == 0
    assert snapshot() == before


def test_import_profiles_under_settings_and_bad_files(capsys, tmp_path):
    nested = write(tmp_path / "nested.json", {"settings": BUNDLE})
    assert cli(capsys, "import_profiles", str(nested), "--dry-run")[0] == 0
    assert snapshot() == ([], [])
    legacy = write(tmp_path / "legacy.json", legacy_files.full_legacy())
    assert_one_line_failure(*cli(capsys, "import_profiles", str(legacy)), 'no "llm_profiles"')
    assert_one_line_failure(
        *cli(capsys, "import_profiles", str(tmp_path / "missing.json")), "cannot be read"
    )
    assert snapshot() == ([], [])


# export_config


def test_export_config(capsys, tmp_path, config_path):
    call_command("import_profiles", str(write(tmp_path / "bundle.json", BUNDLE)))
    code, out, _ = cli(capsys, "export_config")
    assert (code, out.strip()) == (0, f"already up to date: {config_path}")
    other = tmp_path / "copy" / "config.json"
    code, out, _ = cli(capsys, "export_config", str(other))
    assert (code, out.strip()) == (0, f"wrote {other}")
    mine = json.loads(config_path.read_text())["settings"]
    theirs = json.loads(other.read_text())["settings"]
    assert theirs["llm_profiles"] == mine["llm_profiles"]


def test_export_config_refuses_a_corrupt_file(capsys, config_path):
    write(config_path, "[1,")
    assert_one_line_failure(*cli(capsys, "export_config"), str(config_path))
    assert config_path.read_text() == "[1,"


# activate_profile


def test_activate_profile_by_name_and_id(capsys, tmp_path, read_config, config_path):
    call_command("import_profiles", str(write(tmp_path / "bundle.json", BUNDLE)))
    code, out, _ = cli(capsys, "activate_profile", "local")
    assert (code, out.strip().splitlines()) == (
        0,
        ["active profile: Local (ollama · llama3)", f"config.json: {config_path}"],
    )
    assert read_config()["ai_source"] == "ollama"
    code, _, _ = cli(capsys, "activate_profile", BUNDLE["llm_profiles"][0]["id"])
    assert code == 0
    assert read_config()["ai_source"] == "anthropic"


def test_activate_profile_errors(capsys, tmp_path):
    call_command("import_profiles", str(write(tmp_path / "bundle.json", BUNDLE)))
    call_command("import_config", str(write(tmp_path / "stock.json", legacy_files.stock())))
    before = snapshot()
    assert_one_line_failure(*cli(capsys, "activate_profile", "Nobody"), "no profile named")
    assert snapshot() == before
    assert cli(capsys, "activate_profile", "Claude")[0] == 0
    code, out, err = cli(capsys, "activate_profile", "OpenAI (imported)")  # no OpenAI key
    assert_one_line_failure(code, out, err, "OpenAI credential is missing: API key")
    assert LlmProfile.objects.active().name == "Claude"


# seed_from_env

SEED_ENV = {
    "TRIPLO_AI_SOURCE": "openrouter",
    "OPENROUTER_API_KEY": "sk-or-v1-seeded-0123456789",
    "ANTHROPIC_API_KEY": "sk-ant-seeded-0123456789",
    "TRIPLO_TEMPERATURE": "0.9",
    "TRIPLO_OLLAMA_MODELS": "llama3, qwen2.5",
}


def test_seed_from_env_only_on_first_start(capsys, monkeypatch, read_config):
    for name, value in SEED_ENV.items():
        monkeypatch.setenv(name, value)
    code, out, _ = cli(capsys, "seed_from_env")
    assert code == 0
    profile = LlmProfile.objects.get()
    assert (profile.name, profile.provider, profile.temperature, profile.is_active) == (
        "OpenRouter (from environment)",
        "open_router",
        0.9,
        True,
    )
    stored = {c.provider: c for c in ProviderCredential.objects.all()}
    assert stored["anthropic"].api_key == "sk-ant-seeded-0123456789"
    assert stored["ollama"].url == "http://localhost:11434"
    assert stored["ollama"].models == ["llama3", "qwen2.5"]
    assert read_config()["openrouter_key"] == "sk-or-v1-seeded-0123456789"

    before = snapshot()
    monkeypatch.setenv("TRIPLO_AI_SOURCE", "anthropic")
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or-v1-changed-0123456789")
    code, out, err = cli(capsys, "seed_from_env")
    assert (code, err) == (0, "")
    assert "stored state wins" in out
    assert snapshot() == before


def test_seed_from_env_never_overwrites_stored_credentials(capsys, monkeypatch):
    from profiles.credential_services import set_credential

    set_credential("open_ai", api_key="sk-stored-in-the-ui-0123456789")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-old-container-env-0123456789")
    before = snapshot()
    code, out, _ = cli(capsys, "seed_from_env")
    assert code == 0
    assert "stored state wins" in out
    assert snapshot() == before


def test_seed_from_env_ollama_source_gets_the_default_url(capsys, monkeypatch):
    monkeypatch.setenv("TRIPLO_AI_SOURCE", "ollama")
    assert cli(capsys, "seed_from_env")[0] == 0
    profile = LlmProfile.objects.get()
    assert (profile.provider, profile.model, profile.is_active) == ("ollama", "llama3", True)
    assert ProviderCredential.objects.get(provider="ollama").url == "http://localhost:11434"
    assert cli(capsys, "activate_profile", profile.name)[0] == 0


def test_seed_from_env_bad_number(capsys, monkeypatch):
    monkeypatch.setenv("TRIPLO_TEMPERATURE", "warm")
    assert_one_line_failure(*cli(capsys, "seed_from_env"), "TRIPLO_TEMPERATURE='warm'")
    assert snapshot() == ([], [])


# bootstrap


def test_bootstrap_creates_admin_from_env_and_is_safe_twice(capsys, monkeypatch, config_path):
    monkeypatch.setenv("WEBUI_USERNAME", "boss")
    monkeypatch.setenv("WEBUI_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-0123456789")
    code, out, _ = cli(capsys, "bootstrap")
    assert code == 0
    user = get_user_model().objects.get()
    assert (user.username, user.is_superuser) == ("boss", True)
    assert user.check_password("s3cret-pass")
    assert "s3cret-pass" not in out
    assert LlmProfile.objects.get().name == "OpenAI (from environment)"
    before, file_before = snapshot(), config_path.read_bytes()

    monkeypatch.setenv("WEBUI_PASSWORD", "another")
    code, out, _ = cli(capsys, "bootstrap")
    assert code == 0
    assert "created user" not in out
    assert get_user_model().objects.get().check_password("s3cret-pass")
    assert snapshot() == before
    assert json.loads(config_path.read_bytes()) == json.loads(file_before)


def test_bootstrap_generates_and_prints_a_password_once(capsys):
    code, out, _ = cli(capsys, "bootstrap")
    assert code == 0
    (line,) = [line for line in out.splitlines() if "created user" in line]
    password = line.split(" with password ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert password not in cli(capsys, "bootstrap")[1]


def test_bootstrap_creates_the_data_dir_even_with_a_given_key(tmp_path):
    site = Site(tmp_path / "not" / "yet" / "data", tmp_path / "config" / "config.json")
    result = site.run("bootstrap", DJANGO_SECRET_KEY="given-by-the-operator")
    assert result.returncode == 0, result.stderr
    assert site.db.exists()
    assert not (site.data_dir / "secret.key").exists()


def test_bootstrap_imports_an_existing_config_json(capsys, config_path, read_config):
    write(config_path, legacy_files.full_legacy())
    code, out, _ = cli(capsys, "bootstrap")
    assert code == 0
    assert f"importing {config_path}" in out
    assert LlmProfile.objects.get().name == "OpenRouter (imported)"
    assert read_config()["license_key"] == "LIC-1234-5678"


def test_bootstrap_imports_what_the_old_web_ui_saved_after_a_field_was_cleared(
    capsys, config_path, read_config
):
    saved = legacy_files.webui_save(
        legacy_files.stock(),
        cleared=("temperature",),
        ai_source="anthropic",
        anthropic_key=legacy_files.ANTHROPIC_KEY,
        presence_penalty="0.0",
    )
    write(config_path, saved)
    code, out, err = cli(capsys, "bootstrap")
    assert code == 0, err
    assert "note: settings.temperature null is not a number: using 0.5" in out
    assert 'note: settings.presence_penalty "0.0" is text: read as 0' in out
    assert (
        'note: settings.openai_model "gpt-4o-mini" names no Anthropic model: '
        "using claude-3-5-haiku-latest" in out
    )
    profile = LlmProfile.objects.get()
    assert (profile.provider, profile.model, profile.temperature, profile.is_active) == (
        "anthropic",
        "claude-3-5-haiku-latest",
        0.5,
        True,
    )
    assert (read_config()["temperature"], read_config()["ai_source"]) == (0.5, "anthropic")


def test_bootstrap_starts_beside_a_config_json_that_is_not_json(tmp_path):
    site = Site(tmp_path / "data", tmp_path / "config" / "config.json")
    text = legacy_files.init_config(TRIPLO_ENABLE_OLLAMA="yes")  # the shell pastes it unchecked
    write(site.config_path, text)
    line = text[: text.index('"enable_ollama": yes')].count("\n") + 1
    reason = f"config.json unreadable: {site.config_path} line {line}: Expecting value"
    first = site.run("bootstrap")
    assert first.returncode == 0, first.stderr
    assert f"warning: {reason}: nothing imported" in first.stderr
    assert "Traceback" not in first.stderr
    site.python(
        "from profiles import services; services.create_profile("
        "name='Local', provider='ollama', model='llama3')"
    )
    again = site.run("bootstrap")
    assert again.returncode == 0, again.stderr
    assert again.stderr.strip() == f"warning: {reason}: not written until it parses again"
    assert site.config_path.read_text() == text


def test_import_config_exit_code_in_a_real_process(site):
    before = site.db.read_bytes(), site.config_path.read_bytes()
    bad = write(site.data_dir.parent / "bad.json", '{"settings": [}')
    result = site.run("import_config", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"CommandError: bad.json unreadable: {bad} line 1: Expecting value"
    ]
    assert (site.db.read_bytes(), site.config_path.read_bytes()) == before


def test_bootstrap_imports_a_file_without_settings(capsys, config_path, read_config):
    write(config_path, {"version": "5.4.0", "locale": "en-US"})
    code, out, err = cli(capsys, "bootstrap")
    assert code == 0, err
    assert 'note: no "settings" in the file: Triplo\'s defaults' in out
    assert LlmProfile.objects.get().provider == "open_ai"
    assert json.loads(config_path.read_text())["version"] == "5.4.0"
    assert "'OpenAI (imported)' was not made active" in out  # no key in Triplo's defaults
    assert read_config()["llm_profiles"][0]["provider"] == "open_ai"
