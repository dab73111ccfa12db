"""The container's entrypoint, run outside Docker: bootstrap, gunicorn, an activation, stop."""

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.processes import ROOT, project_env
from tests.support.server import free_port, wait_healthy

ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
FAKE_RESTART = ROOT / "tests" / "fixtures" / "fake_restart.py"
AUTH = ("operator", "entrypoint-test-password")


def children(pid: int) -> list[int]:
    """Process ids whose parent is pid (gunicorn's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def wait_for_restart_seeing(path: Path, profile_id: str, seconds: float = 30) -> None:
    """Until the stand-in restart command logs that it saw profile_id active."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists():
            seen = [
                json.loads(line)["active_llm_profile"] for line in path.read_text().splitlines()
            ]
            if profile_id in seen:
                return
        time.sleep(0.1)
    raise AssertionError(f"no restart saw profile {profile_id} active")


@pytest.mark.slow
def test_entrypoint_bootstraps_serves_and_writes_config(tmp_path):
    config_path = tmp_path / "triplo" / "config.json"
    restarts = tmp_path / "restarts.log"
    port = free_port()
    env = project_env(
        tmp_path / "data",
        config_path,
        TRIPLO_GUNICORN=str(Path(sys.executable).with_name("gunicorn")),
        TRIPLO_BIND_HOST="127.0.0.1",
        TRIPLO_PORT=str(port),
        TRIPLO_RESTART_DEBOUNCE="0.2",
        WEBUI_USERNAME=AUTH[0],
        WEBUI_PASSWORD=AUTH[1],
    )
    env["TRIPLO_RESTART_COMMAND"] = shlex.join(
        [sys.executable, str(FAKE_RESTART), str(config_path), str(restarts)]
    )
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(ENTRYPOINT)], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, server, seconds=60)
        # exec'd gunicorn is the master, forking two workers (the first may answer already)
        deadline = time.monotonic() + 10
        while len(children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(children(server.pid)) == 2
        assert httpx.get(f"{base}/api/health").json() == {"status": "ok"}
        with httpx.Client(base_url=base, auth=AUTH, timeout=10) as client:
            saved = client.put(
                "/api/llm/credentials/anthropic", json={"api_key": "sk-ant-" + "k" * 20}
            )
            assert saved.status_code == 200, saved.text
            created = client.post(
                "/api/llm/profiles",
                json={"name": "Claude", "provider": "anthropic", "model": "claude-x"},
            )
            assert created.status_code == 201, created.text
            profile_id = created.json()["id"]
            activated = client.post("/api/llm/profile/activate", json={"id": profile_id})
            assert activated.status_code == 200, activated.text
        written = json.loads(config_path.read_text())["settings"]
        assert written["active_llm_profile"] == profile_id
        assert written["ai_source"] == "anthropic"
        wait_for_restart_seeing(restarts, profile_id)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise
    assert code == 0, log.read_text()
    assert f"config.json up to date: {config_path}" in log.read_text()  # bootstrap ran first
