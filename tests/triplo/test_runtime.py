"""Triplo restarts with a real stand-in command (tests/fixtures/fake_restart.py)."""

import json
import os
import shlex
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from profiles import credential_services, services
from triplo import restart_worker, runtime
from triplo.export import export

FAKE = Path(__file__).parents[1] / "fixtures" / "fake_restart.py"
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def profiles():
    """Two usable profiles, the first active, made before restarts are switched on."""
    credential_services.set_credential("open_ai", api_key="sk-proj-openai-key-0000000001")
    credential_services.set_credential("anthropic", api_key="sk-ant-api03-anthropic-000002")
    fast = services.create_profile(name="Fast", provider="open_ai", model="gpt-4o-mini")
    claude = services.create_profile(name="Claude", provider="anthropic", model="claude-x")
    services.activate_profile(fast.pk)
    return fast, claude


@pytest.fixture
def restarts(settings, tmp_path, config_path):
    """Switch restarts on with the stand-in; returns a function reading what it saw."""
    seen = tmp_path / "restarts.log"

    def use(*extra: str, debounce: float = 0.3, timeout: float = 10.0) -> None:
        command = [sys.executable, str(FAKE), str(config_path), str(seen), *extra]
        settings.TRIPLO_RESTART_COMMAND = shlex.join(command)
        settings.TRIPLO_RESTART_DEBOUNCE = debounce
        settings.TRIPLO_RESTART_TIMEOUT = timeout

    def lines() -> list[dict]:
        if not seen.exists():
            return []
        return [json.loads(line) for line in seen.read_text().splitlines()]

    use.lines = lines
    return use


def wait_for_restarts(data_dir: Path, seconds: float = 30) -> dict:
    """Wait until no worker waits and the last run started after the newest request."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        request = json.loads((data_dir / restart_worker.REQUEST_FILE).read_text())
        result = restart_worker.last_result(data_dir) or {}
        if request.get("worker_seen_at") is None and result.get("ended_at"):
            started = datetime.fromisoformat(result["started_at"]).timestamp()
            if started >= request["requested_at"]:
                return result
        time.sleep(0.05)
    raise AssertionError("the restart did not finish")


def test_one_activation_gives_one_restart_that_sees_the_new_provider(profiles, restarts, settings):
    restarts()
    services.activate_profile(profiles[1].pk)
    result = wait_for_restarts(settings.TRIPLO_DATA_DIR)
    assert result["ok"] is True and result["exit_code"] == 0
    assert restarts.lines() == [
        {"ai_source": "anthropic", "active_llm_profile": str(profiles[1].pk), "temperature": 0.7}
    ]
    assert runtime.triplo_status()["last_restart"]["ok"] is True


def test_ten_activations_within_the_debounce_collapse(profiles, restarts, settings):
    restarts(debounce=1.5)
    for index in range(10):
        services.activate_profile(profiles[(index + 1) % 2].pk)
    wait_for_restarts(settings.TRIPLO_DATA_DIR)
    seen = restarts.lines()
    assert 1 <= len(seen) <= 2
    assert seen[-1]["active_llm_profile"] == str(profiles[0].pk)
    assert seen[-1]["ai_source"] == "open_ai"


def test_a_failing_command_shows_in_the_status(profiles, restarts, settings):
    restarts("--exit", "3", "--stderr", "triplo: no such process")
    services.activate_profile(profiles[1].pk)
    wait_for_restarts(settings.TRIPLO_DATA_DIR)
    last = runtime.triplo_status()["last_restart"]
    assert last["ok"] is False
    assert last["exit_code"] == 3
    assert "triplo: no such process" in last["stderr_tail"]
    assert last["error"] == "exited with 3: triplo: no such process"
    assert last["started_at"] <= last["ended_at"]


def test_supervisorctl_errors_on_stdout_are_kept(profiles, restarts, settings):
    """supervisorctl prints "refused connection" on stdout, not stderr."""
    socket_error = "unix:///var/run/supervisor.sock refused connection"
    restarts("--exit", "7", "--stdout", socket_error)
    services.activate_profile(profiles[1].pk)
    last = wait_for_restarts(settings.TRIPLO_DATA_DIR)
    assert last["ok"] is False and last["stderr_tail"] == ""
    assert socket_error in last["stdout_tail"]
    assert last["error"] == f"exited with 7: {socket_error}"


def test_a_missing_command_is_recorded_and_the_change_still_saved(profiles, settings, read_config):
    settings.TRIPLO_RESTART_COMMAND = "/nonexistent/bin/supervisorctl restart triplo"
    settings.TRIPLO_RESTART_DEBOUNCE = 0.1
    services.activate_profile(profiles[1].pk)
    assert read_config()["ai_source"] == "anthropic"
    last = wait_for_restarts(settings.TRIPLO_DATA_DIR)
    assert last["ok"] is False and last["exit_code"] is None
    assert "/nonexistent/bin/supervisorctl" in last["error"]


def test_a_hanging_command_is_killed_at_the_timeout(profiles, restarts, settings):
    restarts("--sleep", "60", debounce=0.1, timeout=0.5)
    services.activate_profile(profiles[1].pk)
    last = wait_for_restarts(settings.TRIPLO_DATA_DIR)
    assert last["ok"] is False and "timed out after 0.5 s" in last["error"]
    assert restarts.lines() == []  # killed before it got to read config.json


def test_changes_triplo_does_not_read_do_not_restart(profiles, restarts, settings, read_config):
    restarts()
    services.create_profile(name="Spare", provider="anthropic", model="claude-y")
    services.update_profile(profiles[1].pk, name="Claude renamed")
    export(force=True, path=settings.TRIPLO_DATA_DIR / "elsewhere.json")
    assert "Spare" in [p["name"] for p in read_config()["llm_profiles"]]
    assert not (settings.TRIPLO_DATA_DIR / restart_worker.REQUEST_FILE).exists()


@pytest.mark.parametrize(
    ("command", "running"),
    [("true", True), ("false", False), ("", None), ("/nonexistent/supervisorctl status", None)],
)
def test_running_comes_from_the_status_command(settings, command, running):
    settings.TRIPLO_STATUS_COMMAND = command
    assert runtime.triplo_status()["running"] is running


def test_post_restart_answers_202_and_restarts(
    live_server, admin_user, profiles, restarts, settings
):
    restarts()
    auth = ("admin", "password")
    response = httpx.post(f"{live_server.url}/api/restart", auth=auth)
    assert response.status_code == 202
    wait_for_restarts(settings.TRIPLO_DATA_DIR)
    assert [line["ai_source"] for line in restarts.lines()] == ["open_ai"]


def test_post_restart_when_disabled_is_a_conflict(live_server, admin_user, settings):
    settings.TRIPLO_RESTART_COMMAND = ""
    response = httpx.post(f"{live_server.url}/api/restart/", auth=("admin", "password"))
    assert response.status_code == 409
    assert "TRIPLO_RESTART_COMMAND" in response.json()["detail"]


def test_post_restart_needs_authentication(live_server):
    assert httpx.post(f"{live_server.url}/api/restart").status_code == 401


def test_requests_from_several_processes_collapse_into_one_restart(tmp_path, config_path):
    """Four separate processes ask at once (as gunicorn workers would): one restart runs."""
    config_path.parent.mkdir(parents=True)
    config_path.write_text(json.dumps({"settings": {"ai_source": "anthropic"}}))
    seen, data_dir = tmp_path / "restarts.log", tmp_path / "shared-data"
    argv = [sys.executable, str(FAKE), str(config_path), str(seen)]
    code = (
        "import sys; from pathlib import Path; from triplo import restart_worker; "
        f"restart_worker.request({argv!r}, Path({str(data_dir)!r}), debounce=1.0, timeout=10)"
    )
    askers = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(4)]
    assert [asker.wait(timeout=30) for asker in askers] == [0, 0, 0, 0]
    assert wait_for_restarts(data_dir)["ok"] is True
    assert [json.loads(line)["ai_source"] for line in seen.read_text().splitlines()] == [
        "anthropic"
    ]


def test_asking_for_a_restart_does_not_wait_for_the_disk(tmp_path, monkeypatch):
    """Every switch asks for a restart: its stamp is replaced whole, without the two fsyncs
    that were on every switch's path. The outcome Triplo's restart leaves stays durable."""
    data_dir = tmp_path / "restarts"
    data_dir.mkdir()
    waiting = {"worker_seen_at": time.time()}  # a worker waits: no new one is started
    (data_dir / restart_worker.REQUEST_FILE).write_text(json.dumps(waiting))
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    restart_worker.request(["true"], data_dir, debounce=1.0, timeout=5)
    stamp = json.loads((data_dir / restart_worker.REQUEST_FILE).read_text())
    assert stamp["requested_at"] >= waiting["worker_seen_at"] and synced == []
    restart_worker.record(data_dir, {"ok": True})
    assert len(synced) == 2  # the result file and its directory
