"""The two ways to run beside Triplo, as built images run by podman (`make test-image`).

scripts/test-image.sh builds the images first: the sidecar (Dockerfile), a stand-in of the
upstream Triplo image (docker/standin: same entrypoint and supervisord layout, a dummy Triplo
that logs what it read from config.json at start) and the drop-in (docker/triplo) on top of it.
Their base python:3.11-slim is a local mmdebstrap stand-in (Debian's python3.11, see the script).
"""

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.processes import ROOT
from tests.support.server import free_port

pytestmark = pytest.mark.image

STANDIN = os.environ.get("TRIPLO_TEST_STANDIN_IMAGE", "")
SIDECAR = os.environ.get("TRIPLO_TEST_SIDECAR_IMAGE", "")
DROPIN = os.environ.get("TRIPLO_TEST_DROPIN_IMAGE", "")
AUTH = ("operator", "image-test-password")
OPENAI_KEY = "sk-image-test-openai-0123456789"
ANTHROPIC_KEY = "sk-ant-image-test-0123456789"
DROPIN_CONFIG = "/root/.config/Triplo AI/config.json"
TRIPLO_LOG = "/var/log/supervisor/triplo.log"

if not (STANDIN and SIDECAR and DROPIN and shutil.which("podman")):
    pytest.skip("run through `make test-image`, which builds the images", allow_module_level=True)


def podman(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["podman", *args], capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


def wait_for(check, what: str, seconds: float = 90):
    """Poll until check() returns something true; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except (httpx.TransportError, AssertionError):
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def settled_starts(running: "Running", quiet: float = 2.0) -> int:
    """Triplo's start count once no restart has come for `quiet` seconds (ten debounces): a
    restart still pending from an earlier write must not pass for the next change's."""
    seen, since = len(running.triplo_starts()), time.monotonic()
    deadline = since + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = len(running.triplo_starts())
        if now != seen:
            seen, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return seen
    raise AssertionError("Triplo kept restarting")


@dataclass
class Running:
    """A started container serving triplo-config, and where Triplo's files are in it."""

    triplo: str  # the container running (the dummy) Triplo
    web: str  # the container serving triplo-config
    base_url: str
    config_path: str

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, auth=AUTH, timeout=30)

    def healthy(self) -> bool:
        return httpx.get(f"{self.base_url}/api/health", timeout=5).json() == {"status": "ok"}

    def config(self) -> dict:
        return json.loads(podman("exec", self.triplo, "cat", self.config_path).stdout)

    def triplo_starts(self) -> list[str]:
        log = podman("exec", self.triplo, "cat", TRIPLO_LOG).stdout
        return [line for line in log.splitlines() if line.startswith("triplo started")]

    def stat(self) -> tuple[str, str]:
        """(inode, mode) of config.json."""
        out = podman("exec", self.triplo, "stat", "-c", "%i %a", self.config_path).stdout
        inode, mode = out.split()
        return inode, mode


DROPIN_NAME = f"triplo-dropin-test-{uuid.uuid4().hex[:8]}"
DROPIN_VOLUME = f"{DROPIN_NAME}-config"


def run_dropin(port: int) -> None:
    """A new drop-in container on the module's volume, with the same environment each time."""
    podman(
        "run", "-d", "--name", DROPIN_NAME, "-p", f"127.0.0.1:{port}:8080",
        "-v", f"{DROPIN_VOLUME}:/root/.config/Triplo AI",
        "-e", f"WEBUI_USERNAME={AUTH[0]}", "-e", f"WEBUI_PASSWORD={AUTH[1]}",
        "-e", f"OPENAI_API_KEY={OPENAI_KEY}", "-e", "TRIPLO_OPENAI_MODEL=gpt-4o",
        "-e", "TRIPLO_COLOR_SCHEME=dark", "-e", "TRIPLO_VOICE_TTS_VOICE=nova",
        "-e", "TRIPLO_RESTART_DEBOUNCE=0.2",
        DROPIN,
    )  # fmt: skip


@pytest.fixture(scope="module")
def dropin() -> Iterator[Running]:
    port = free_port()
    run_dropin(port)
    running = Running(DROPIN_NAME, DROPIN_NAME, f"http://127.0.0.1:{port}", DROPIN_CONFIG)
    try:
        wait_for(running.healthy, "the drop-in to serve")
        yield running
    finally:
        print(podman("logs", DROPIN_NAME, check=False).stdout[-4000:])
        podman("rm", "-f", "-v", "-t", "2", DROPIN_NAME, check=False)
        podman("volume", "rm", "-f", DROPIN_VOLUME, check=False)


COMPOSE_PROJECT = f"triplo-sidecar-test-{uuid.uuid4().hex[:8]}"


def compose(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [str(Path(ROOT / ".venv" / "bin" / "podman-compose")), "-p", COMPOSE_PROJECT]
    result = subprocess.run(
        [*command, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise AssertionError(f"podman-compose {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


@pytest.fixture(scope="module")
def sidecar() -> Iterator[Running]:
    """docker-compose.yml itself, with the stand-in as the upstream image."""
    port = free_port()
    env = {
        **os.environ,
        "TRIPLO_IMAGE": STANDIN,
        "TRIPLO_CONFIG_IMAGE": SIDECAR,
        "TRIPLO_CONFIG_PORT": str(port),
        "WEBUI_USERNAME": AUTH[0],
        "WEBUI_PASSWORD": AUTH[1],
        "SUPERVISOR_PASSWORD": "supervisor-test-password",
    }
    compose("up", "-d", "--no-build", env=env)
    running = Running(
        f"{COMPOSE_PROJECT}_triplo_1",
        f"{COMPOSE_PROJECT}_triplo-config_1",
        f"http://127.0.0.1:{port}",
        DROPIN_CONFIG,
    )
    try:
        wait_for(running.healthy, "the sidecar to serve")
        yield running
    finally:
        print(podman("logs", running.web, check=False).stdout[-4000:])
        compose("down", "-v", "-t", "2", env=env)


BOTH = pytest.mark.parametrize("setup", ["dropin", "sidecar"])


@BOTH
def test_healthy_including_podmans_own_check(setup, request):
    running = request.getfixturevalue(setup)
    assert running.healthy()
    check = podman("healthcheck", "run", running.web, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    logs = podman("logs", running.web)
    output = logs.stdout + logs.stderr
    if setup == "dropin":  # supervisord keeps the web UI program's output in files
        output += podman("exec", running.web, "sh", "-c", "cat /var/log/supervisor/webui*").stdout
    for problem in ("Traceback", "Permission denied", "Failed to start control socket"):
        assert problem not in output


def test_dropin_replaces_the_old_web_ui_and_seeds_triplos_settings(dropin):
    page = httpx.get(f"{dropin.base_url}/", timeout=10, follow_redirects=True)
    assert "old Triplo web UI" not in page.text
    settings = dropin.config()["settings"]
    assert (settings["color_scheme"], settings["voice_tts_voice"]) == ("dark", "nova")
    assert (settings["openai_key"], settings["openai_model"]) == (OPENAI_KEY, "gpt-4o")
    assert dropin.triplo_starts()[0] == "triplo started: ai_source=open_ai model=gpt-4o"


def test_sidecar_runs_as_its_own_user_on_loopback(sidecar):
    status = podman("exec", sidecar.web, "cat", "/proc/1/status").stdout
    uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
    assert uid_line.split()[1:] == ["10001"] * 4
    published = podman("port", sidecar.web).stdout
    assert "127.0.0.1:" in published and "0.0.0.0" not in published


def test_sidecar_answers_its_neighbours_by_its_service_name(sidecar):
    probe = (
        "import urllib.request; "
        "print(urllib.request.urlopen('http://triplo-config:8080/api/health').read().decode())"
    )
    out = podman("exec", sidecar.triplo, "python3", "-c", probe).stdout
    assert json.loads(out) == {"status": "ok"}


def test_supervisords_http_interface_needs_the_password(sidecar):
    refused = podman(
        "exec", sidecar.web, "supervisorctl", "-s", "http://triplo:9001", "status", "triplo",
        check=False,
    )  # fmt: skip
    assert "requires authentication" in refused.stdout + refused.stderr
    allowed = podman(
        "exec", sidecar.web, "supervisorctl", "-c", "/app/docker/supervisorctl.conf",
        "status", "triplo",
    )  # fmt: skip
    assert "RUNNING" in allowed.stdout


def activate(client: httpx.Client, profile_id: str) -> None:
    answer = client.post("/api/llm/profile/activate", json={"id": profile_id})
    assert answer.status_code == 200, answer.text


@BOTH
def test_each_activation_rewrites_config_json_and_restarts_triplo_once(setup, request):
    running = request.getfixturevalue(setup)
    with running.client() as client:
        saved = client.put("/api/llm/credentials/anthropic", json={"api_key": ANTHROPIC_KEY})
        assert saved.status_code == 200, saved.text
        saved = client.put("/api/llm/credentials/open_ai", json={"api_key": OPENAI_KEY})
        assert saved.status_code == 200, saved.text
        profiles = {}
        for name, provider, model in [
            ("Claude", "anthropic", "claude-3-5-haiku-latest"),
            ("Mini", "open_ai", "gpt-4o-mini"),
            ("Big", "open_ai", "gpt-4.1"),
        ]:
            created = client.post(
                "/api/llm/profiles", json={"name": name, "provider": provider, "model": model}
            )
            assert created.status_code == 201, created.text
            profiles[name] = created.json()["id"]
        expected = [
            ("Claude", "triplo started: ai_source=anthropic "),
            ("Mini", "triplo started: ai_source=open_ai model=gpt-4o-mini"),
            ("Big", "triplo started: ai_source=open_ai model=gpt-4.1"),
        ]
        for name, line in expected:
            before_starts = settled_starts(running)
            inode_before, _ = running.stat()
            activate(client, profiles[name])
            settings = running.config()["settings"]
            assert settings["active_llm_profile"] == profiles[name]
            inode, mode = running.stat()
            assert inode != inode_before, "config.json was rewritten in place, not replaced"
            assert mode == "600"
            starts = wait_for(
                lambda n=before_starts: (s := running.triplo_starts()) and len(s) > n and s,
                f"Triplo to restart after activating {name}",
            )
            assert len(starts) == before_starts + 1, starts
            assert starts[-1].startswith(line), starts
    leftovers = podman("exec", running.triplo, "ls", "-a", str(Path(running.config_path).parent))
    assert ".tmp" not in leftovers.stdout


@BOTH
def test_a_container_restart_keeps_every_credential_readable(setup, request):
    running = request.getfixturevalue(setup)
    with running.client() as client:
        for provider, key in [("anthropic", ANTHROPIC_KEY), ("open_ai", OPENAI_KEY)]:
            saved = client.put(f"/api/llm/credentials/{provider}", json={"api_key": key})
            assert saved.status_code == 200, saved.text
    podman("restart", "-t", "5", running.web)
    wait_for(running.healthy, "the server to serve again after a restart")
    with running.client() as client:
        status = wait_for(
            lambda: (s := client.get("/api/status").json())["triplo"]["running"] and s,
            "TRIPLO_STATUS_COMMAND to see Triplo running",
        )
    assert status["credentials"] == {"readable": True, "detail": None}
    settings = running.config()["settings"]
    assert (settings["openai_key"], settings["anthropic_key"]) == (OPENAI_KEY, ANTHROPIC_KEY)


@pytest.mark.parametrize("mounted_at", ["/data", "/triplo"])
def test_sidecar_with_an_unwritable_directory_says_so_in_one_line(mounted_at, tmp_path):
    data = tmp_path / "root-owned"
    data.mkdir(mode=0o755)  # root's, and run without root: no ownership step can help
    result = podman(
        "run",
        "--rm",
        "--no-healthcheck",
        "--user",
        "10001:10001",
        "-v",
        f"{data}:{mounted_at}",
        SIDECAR,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"triplo-config: {mounted_at} is not a directory writable by uid")


def test_a_new_dropin_container_keeps_the_data_and_triplos_own_changes(dropin):
    """Upstream users mount only Triplo's config directory: the data must live there, and the
    environment must no longer undo what was changed in Triplo since the first start."""
    change = (
        "import json; p = '/root/.config/Triplo AI/config.json'; d = json.load(open(p)); "
        "d['settings']['voice_tts_voice'] = 'alloy'; json.dump(d, open(p, 'w'))"
    )
    podman("exec", dropin.triplo, "python3", "-c", change)  # as Triplo's settings screen would
    with dropin.client() as client:
        profiles_before = client.get("/api/llm/profiles").json()
    port = dropin.base_url.rsplit(":", 1)[1]
    podman("rm", "-f", "-t", "5", DROPIN_NAME)
    run_dropin(int(port))
    wait_for(dropin.healthy, "the new container to serve")
    with dropin.client() as client:
        assert client.get("/api/llm/profiles").json() == profiles_before
        assert client.get("/api/status").json()["credentials"]["readable"] is True
    settings = dropin.config()["settings"]
    assert (settings["voice_tts_voice"], settings["color_scheme"]) == ("alloy", "dark")
    assert settings["openai_key"] == OPENAI_KEY


def test_sidecar_health_check_follows_the_port_variable():
    name = f"triplo-port-test-{uuid.uuid4().hex[:8]}"
    podman("run", "-d", "--name", name, "-e", "TRIPLO_PORT=9090", SIDECAR)
    try:
        wait_for(
            lambda: podman("healthcheck", "run", name, check=False).returncode == 0,
            "the health check to pass on port 9090",
        )
        listening = podman("exec", name, "cat", "/proc/net/tcp").stdout
        assert ":2382 " in listening  # 9090, in hex
    finally:
        podman("rm", "-f", "-v", "-t", "2", name, check=False)
