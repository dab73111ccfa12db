"""Commands say which config.json they used, warn when it is not bootstrap's, end quietly in
a closed pipe, and report rollbacks and profile switches for what they are."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from history import services as history
from profiles import services
from profiles.models import LlmProfile
from tests.cli import REPO
from tests.triplo.test_commands import BUNDLE, cli, write

pytestmark = pytest.mark.django_db(transaction=True)
CLAUDE, LOCAL = (p["id"] for p in BUNDLE["llm_profiles"])


@pytest.fixture
def bundle(tmp_path):
    return write(tmp_path / "bundle.json", BUNDLE)


@pytest.fixture
def imported(bundle):
    call_command("import_profiles", str(bundle))
    return bundle


def path_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("config.json")]


@pytest.mark.parametrize(
    "args",
    [
        ("activate_profile", "Local"),
        ("import_config", "--dry-run"),
        ("import_profiles", "{bundle}"),
        ("config_history", "--rollback", "1"),
    ],
)
def test_commands_name_the_file_they_used(capsys, imported, config_path, args):
    args = [arg.format(bundle=imported) for arg in args]
    code, out, err = cli(capsys, *args)
    assert code == 0, err
    assert path_lines(out) == [f"config.json: {config_path}"]


def test_seeding_and_bootstrap_name_the_file(capsys, config_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-0123456789")
    code, out, _ = cli(capsys, "seed_from_env")
    assert code == 0 and path_lines(out) == [f"config.json: {config_path}"]
    code, out, _ = cli(capsys, "bootstrap")
    assert code == 0 and f"config.json up to date: {config_path}" in out


def test_another_config_path_than_bootstraps_is_named_with_both(
    capsys, imported, config_path, settings, tmp_path, monkeypatch
):
    assert cli(capsys, "bootstrap")[0] == 0
    assert "warning" not in cli(capsys, "activate_profile", "Local")[2]
    other = tmp_path / "home" / ".config" / "Triplo AI" / "config.json"
    settings.TRIPLO_CONFIG_PATH = other
    monkeypatch.delenv("TRIPLO_CONFIG_PATH", raising=False)
    code, out, err = cli(capsys, "activate_profile", "Claude")
    assert code == 0 and path_lines(out) == [f"config.json: {other}"]
    assert err.strip() == (
        f"warning: this command uses {other} (the default path), but bootstrap set this data "
        f"directory up for {config_path}: set TRIPLO_CONFIG_PATH={config_path} to change "
        "Triplo's file"
    )
    monkeypatch.setenv("TRIPLO_CONFIG_PATH", str(other))
    for args in (["export_config"], ["import_config", "--dry-run"]):
        assert f"uses {other} (TRIPLO_CONFIG_PATH)" in cli(capsys, *args)[2]


def test_a_failed_export_fails_the_command_with_one_line(capsys, imported, config_path):
    config_path.unlink()
    config_path.mkdir()
    code, out, err = cli(capsys, "activate_profile", "Local")
    assert code == 1 and "Traceback" not in err
    assert err.strip().splitlines()[-1] == (
        f"CommandError: saved, but config.json was not written: {config_path}: is a "
        "directory; it must be a regular file or absent"
    )
    assert LlmProfile.objects.active().name == "Local"


def test_history_into_a_closed_pipe_ends_quietly(site):
    """`config_history | head -1`: the reader is gone before the listing is written."""
    site.python(
        "from profiles import services\n"
        "for index in range(30):\n"
        "    services.create_profile(name=f'P{index}', provider='ollama', model='m')\n"
    )
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "config_history"],
            cwd=REPO, env=site.env(), stdout=write_end, stderr=subprocess.PIPE, text=True,
            timeout=120,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


def test_rollback_lists_what_it_changed(capsys, imported):
    services.update_profile(LOCAL, model="qwen2.5")
    services.activate_profile(LOCAL)
    code, out, _ = cli(capsys, "config_history", "--rollback", "1")
    assert code == 0
    number = history.versions().first().number
    assert out.splitlines()[:3] == [
        f"rolled back to 1: recorded as version {number}",
        "~ profile 'Local': model 'qwen2.5' -> 'llama3'",
        "~ active: 'Local' -> 'Claude'",
    ]


def test_an_import_that_only_switches_the_active_profile_says_so(capsys, imported):
    services.activate_profile(LOCAL)
    code, out, _ = cli(capsys, "import_profiles", str(imported), "--dry-run")
    assert code == 0
    assert "switch the active profile: 'Local' -> 'Claude'" in out.splitlines()
    assert not [line for line in out.splitlines() if line.startswith("update profile")]
    assert LlmProfile.objects.active().name == "Local"
    code, out, _ = cli(capsys, "import_profiles", str(imported))
    assert "switch the active profile: 'Local' -> 'Claude'" in out.splitlines()
    assert history.versions().first().summary == "import switched the active profile to 'Claude'"
    code, out, _ = cli(capsys, "import_profiles", str(imported))
    assert "active profile: 'Claude' (already active)" in out.splitlines()
