"""Starting, timing and measuring the two servers `make bench` compares.

Everything goes through processes (gunicorn, `manage.py`) and HTTP, never through the project's
modules, so the benchmark keeps working while the code moves between packages. The only names
it relies on are the project's entry points: manage.py, the WSGI module (BENCH_WSGI, default
triplo_config.wsgi) and gunicorn.conf.py in the project directory.
"""

import base64
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
USER, PASSWORD = "admin", "bench-Passw0rd-not-guessable"
WSGI = os.environ.get("BENCH_WSGI", "triplo_config.wsgi")
# Both servers ask the same question the old UI asked, so /api/status compares like with like.
STATUS_COMMAND = "pgrep -f triplo.ai"


class Client:
    """One keep-alive HTTP/1.1 connection with HTTP Basic: cheap enough not to hide the server."""

    def __init__(self, base_url: str) -> None:
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        payload = None if body is None else json.dumps(body)
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, payload, self.headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()  # the server closed an idle keep-alive: reconnect once
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def ok(self, method: str, path: str, body: object = None) -> object:
        status, data = self.request(method, path, body)
        if status >= 300:
            raise AssertionError(f"{method} {path} -> {status}: {data[:300]!r}")
        return json.loads(data) if data else None

    def close(self) -> None:
        self.connection.close()


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base_url: str
    config: Path
    started_in: float  # seconds from the first command to the first authenticated 200

    def worker_rss_mb(self) -> list[float]:
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def cpu_seconds(self) -> float:
        """User + system CPU of the workers and the children they waited for (e.g. pgrep):
        unlike wall time, hardly changed by other work on the machine (10 ms ticks)."""
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            ticks += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRIPLO_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    env.update(WEBUI_USERNAME=USER, WEBUI_PASSWORD=PASSWORD, **extra)
    return env


def triplo_env(work: Path) -> dict[str, str]:
    return base_env(
        TRIPLO_DATA_DIR=str(work / "data"),
        TRIPLO_CONFIG_PATH=str(work / "Triplo AI" / "config.json"),
        TRIPLO_RESTART_COMMAND="",
        TRIPLO_STATUS_COMMAND=STATUS_COMMAND,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _gunicorn(app: str, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()):
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", app, "--workers", "2", "--bind", f"127.0.0.1:{port}",
             "--graceful-timeout", "5", "--no-control-socket", *extra],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    return process, f"http://127.0.0.1:{port}"


def _first_200(process: subprocess.Popen, base_url: str, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        client = Client(base_url)
        try:
            if client.request("GET", path)[0] == 200:
                return
        except OSError:
            pass
        finally:
            client.close()
        time.sleep(0.02)
    raise AssertionError(f"{base_url}{path} never answered 200")


def start_triplo(work: Path, **extra_env: str) -> Server:
    """What the container's entrypoint does on every start, timed to an authenticated 200:
    gunicorn, whose master runs bootstrap before it forks the workers."""
    env = {**triplo_env(work), "TRIPLO_BOOTSTRAP_IN_MASTER": "1", **extra_env}
    started = time.perf_counter()
    process, base_url = _gunicorn(WSGI, env, work / "triplo.log")
    try:
        _first_200(process, base_url, "/api/llm/providers")
    except AssertionError:
        Server("triplo-config", process, base_url, Path(), 0).stop()
        raise
    elapsed = time.perf_counter() - started
    return Server("triplo-config", process, base_url, Path(env["TRIPLO_CONFIG_PATH"]), elapsed)


def _start_bench_app(work: Path, document: dict, name: str, module: str) -> Server:
    """A WSGI app of bench/ on its own copy of `document` (the same bytes triplo-config wrote),
    timed to its first authenticated 200."""
    config = work / name / "config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps(document, indent=2))
    started = time.perf_counter()
    process, base_url = _gunicorn(
        f"{module}:app", base_env(BENCH_CONFIG_PATH=str(config)), work / f"{name}.log",
        ("--pythonpath", str(ROOT / "bench")),
    )  # fmt: skip
    _first_200(process, base_url, "/api/providers")
    return Server(name, process, base_url, config, time.perf_counter() - started)


def start_reference(work: Path, document: dict) -> Server:
    """bench/oldui.py, the old-style server."""
    return _start_bench_app(work, document, "old-ui", "oldui")


def start_floor(work: Path, document: dict) -> Server:
    """bench/floorapp.py, Django and DRF doing the least."""
    return _start_bench_app(work, document, "floor", "floorapp")
