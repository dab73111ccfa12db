"""A real gunicorn server of this project on 127.0.0.1, for load, crash and end-to-end tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.processes import ROOT, manage

ADMIN = ("admin", "admin-password-for-tests")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(base_url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    """Poll /api/health until it answers 200; fail at once if the process died meanwhile."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("server did not become healthy")


def start(env: dict[str, str], log: Path, workers: int = 2) -> tuple[subprocess.Popen, str]:
    """Bootstrap, then serve with gunicorn in its own process group; returns it and its URL."""
    env = {**env, "WEBUI_USERNAME": ADMIN[0], "WEBUI_PASSWORD": ADMIN[1]}
    manage(env, "bootstrap")
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "triplo_config.wsgi",
                "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                "--graceful-timeout", "5",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url, process)
    except AssertionError:
        stop(process)
        raise
    return process, base_url


@contextmanager
def gunicorn(env: dict[str, str], log: Path, workers: int = 2) -> Iterator[str]:
    process, base_url = start(env, log, workers)
    try:
        yield base_url
    finally:
        stop(process)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal the whole process group (master and workers) and wait for the master."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
