"""A failed export is recorded, shown in /api/status, retried, and never reported as in sync."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from profiles import services
from tests.cli import REPO, Site, copy_site
from tests.support.factories import make_credential, make_profile
from triplo import configfile, exportstatus
from triplo.export import export

pytestmark = pytest.mark.django_db(transaction=True)
NOBODY = 65534


@pytest.fixture
def two(config_path):
    """Two usable profiles, "Fast" active and exported."""
    make_credential("open_ai", api_key="sk-proj-openai-key-0000000001")
    make_credential("anthropic", api_key="sk-ant-api03-anthropic-000002")
    fast = make_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    claude = make_profile(name="Claude", provider="anthropic", model="claude-x")
    services.activate_profile(fast.pk)
    assert config_path.is_file()
    return fast, claude


def status(api: APIClient) -> dict:
    response = api.get("/api/status")
    assert response.status_code == 200
    return response.json()


def ai_source(config_path: Path) -> str:
    return json.loads(config_path.read_text())["settings"]["ai_source"]


def test_never_attempted_is_null(api):
    assert status(api)["export"] == {"ok": None, "error": None, "at": None}


def test_a_good_export_is_recorded(api, two):
    export = status(api)["export"]
    assert export["ok"] is True and export["error"] is None and export["at"]
    assert status(api)["config_in_sync"] is True


def test_a_directory_at_the_config_path_fails_visibly_and_retry_writes(api, two, config_path):
    config_path.unlink()
    config_path.mkdir()
    response = api.post(f"/api/llm/profiles/{two[1].pk}/activate")
    assert response.status_code == 200  # the change is saved; the file is not
    state = status(api)
    assert state["export"]["ok"] is False and str(config_path) in state["export"]["error"]
    assert state["config_in_sync"] is False
    retried = api.post("/api/config/export")
    assert retried.status_code == 503 and retried.json()["export"]["ok"] is False
    config_path.rmdir()
    retried = api.post("/api/config/export/")
    assert retried.status_code == 200
    assert retried.json()["export"]["ok"] is True and retried.json()["export"]["error"] is None
    assert ai_source(config_path) == "anthropic"
    assert status(api)["config_in_sync"] is True


def test_the_next_change_retries_by_itself(api, two, config_path, settings):
    """An unwritable directory (root ignores modes, so: its parent is a plain file)."""
    real_dir = config_path.parent
    real_dir.rename(real_dir.with_name("moved"))
    real_dir.write_text("not a directory")
    services.activate_profile(two[1].pk)
    failed = exportstatus.last()
    assert failed["ok"] is False and "a parent is not a directory" in failed["error"]
    assert status(api)["config_in_sync"] is False
    real_dir.unlink()
    services.update_profile(two[1].pk, temperature=0.3)
    assert exportstatus.last()["ok"] is True
    assert ai_source(config_path) == "anthropic"


def test_a_held_lock_is_recorded_and_answered_503(api, two, config_path, monkeypatch):
    monkeypatch.setattr(configfile, "LOCK_TIMEOUT_SECONDS", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(config_path) + ".lock"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        retried = api.post("/api/config/export")
    finally:
        holder.kill()
        holder.wait()
    assert retried.status_code == 503
    assert ".lock" in retried.json()["export"]["error"]
    assert status(api)["export"] == retried.json()["export"]


HOLD_LOCK = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_export_to_another_path_does_not_touch_the_outcome(two, tmp_path):
    before = exportstatus.last()
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(configfile.ConfigFileError):
        export(force=True, path=tmp_path / "elsewhere")
    assert exportstatus.last() == before


@pytest.fixture
def shared_site(bootstrapped: Site):
    """A copy of the bootstrapped installation where user `nobody` can reach everything."""
    root = Path(tempfile.mkdtemp(prefix="triplo-nobody-"))
    os.chmod(root, 0o755)
    site = copy_site(bootstrapped, root)
    yield site
    shutil.rmtree(root)


def test_a_root_owned_0600_file_is_a_recorded_permission_error(shared_site):
    """Triplo (root) rewrote config.json 0600; triplo-config runs as another user."""
    site = shared_site
    for path in (site.data_dir, *site.data_dir.iterdir(), site.config_path.parent):
        os.chown(path, NOBODY, NOBODY)
    site.config_path.chmod(0o600)  # owned by root, as the bootstrap (run as root) left it
    assert REPO.stat().st_mode & 0o005
    result = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "manage.py", "export_config"],
        cwd=REPO, env=site.env(HOME=str(site.data_dir)), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Permission denied" in result.stderr and "Traceback" not in result.stderr
    outcome = json.loads((site.data_dir / exportstatus.STATUS_FILE).read_text())
    assert outcome["ok"] is False and "Permission denied" in outcome["error"]
    assert str(site.config_path) in outcome["error"]


def test_a_data_dir_that_cannot_record_still_answers_the_truth(api, two, settings):
    """The state files cannot be written (here: directories in their place); the answer to
    the retry is this export's outcome, not the older one still on disk."""
    assert exportstatus.last()["ok"] is True
    for name in (configfile.STATE_FILE_NAME, exportstatus.STATUS_FILE):
        (settings.TRIPLO_DATA_DIR / name).unlink()
        (settings.TRIPLO_DATA_DIR / name).mkdir()
    retried = api.post("/api/config/export")
    assert retried.status_code == 503
    assert configfile.STATE_FILE_NAME in retried.json()["export"]["error"]
