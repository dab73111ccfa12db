"""Debounced Triplo restarts, shared by every server process through files in the data dir.

A request only stamps "requested at" in a small file under a lock and, when no worker is
waiting, starts a detached worker (`python -m triplo.restart_worker`). The worker sleeps
until the newest request is `debounce` seconds old, then runs the command once, so a burst of
changes from any number of processes gives one restart that sees the newest config.json.
A request arriving while the command runs starts the next worker, which waits for the running
command (a second lock) before its own run. The worker needs no Django: everything it uses
comes on its command line.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from core.atomicfile import write_atomic

REQUEST_FILE = "restart-request.json"
RESULT_FILE = "last-restart.json"
# How much of each stream a result keeps: supervisorctl prints its errors ("refused
# connection", "no such process") on stdout, other commands on stderr.
TAIL_CHARS = 2000
# A waiting worker refreshes its stamp at least once per debounce; a stamp older than this
# means it died (container killed) and the next request starts a new one.
STALE_AFTER_EXTRA_SECONDS = 10.0


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _read_json(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text())
    except (FileNotFoundError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_json(path: Path, value: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(value, indent=2) + "\n")


def _write_request(data_dir: Path, state: dict[str, Any]) -> None:
    """Every change requests a restart, so this is on the path of every switch: whole (the
    rename) but not flushed to disk, which took two fsyncs (0.3-0.5 ms of a 5-8 ms activation
    here). The file only coordinates processes that are running: after a crash of the machine,
    Triplo starts afresh with the container, and an empty or old stamp starts a new worker."""
    write_atomic(data_dir / REQUEST_FILE, json.dumps(state, indent=2) + "\n", durable=False)


def _request_lock(data_dir: Path) -> FileLock:
    return FileLock(str(data_dir / "restart-request.lock"), timeout=30)


def record(data_dir: Path, result: dict[str, Any]) -> None:
    """Write the outcome /api/status shows as `triplo.last_restart` (atomically)."""
    _write_json(data_dir / RESULT_FILE, result)


def last_result(data_dir: Path) -> dict[str, Any] | None:
    return _read_json(data_dir / RESULT_FILE) or None


def request(argv: list[str], data_dir: Path, debounce: float, timeout: float) -> None:
    """Ask for one restart soon; returns at once (the worker does the waiting)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with _request_lock(data_dir):
        state = _read_json(data_dir / REQUEST_FILE)
        now = time.time()
        state["requested_at"] = now
        seen = state.get("worker_seen_at")
        waiting = isinstance(seen, int | float) and now - seen < (
            2 * debounce + STALE_AFTER_EXTRA_SECONDS
        )
        if not waiting:
            _spawn(argv, data_dir, debounce, timeout)
            state["worker_seen_at"] = now
        _write_request(data_dir, state)


def _spawn(argv: list[str], data_dir: Path, debounce: float, timeout: float) -> None:
    command = [sys.executable, "-m", "triplo.restart_worker"]
    command += ["--data-dir", str(data_dir), "--debounce", str(debounce)]
    command += ["--timeout", str(timeout), "--", *argv]
    worker = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    # Reap it when it ends, so no zombie lingers under the server process.
    threading.Thread(target=worker.wait, daemon=True).start()


def _wait_for_quiet(data_dir: Path, debounce: float) -> None:
    """Sleep until the newest request is `debounce` old, then mark that no worker waits."""
    while True:
        with _request_lock(data_dir):
            state = _read_json(data_dir / REQUEST_FILE)
            now = time.time()
            due = float(state.get("requested_at") or 0) + debounce
            if now >= due:
                state["worker_seen_at"] = None
                _write_request(data_dir, state)
                return
            state["worker_seen_at"] = now
            _write_request(data_dir, state)
        time.sleep(min(due - now, debounce) + 0.01)


def _failure_reason(exit_code: int, stdout: str, stderr: str) -> str:
    """One line for people: the exit code and the last line the command printed."""
    said = [line.strip() for line in stderr.splitlines() if line.strip()]
    said = said or [line.strip() for line in stdout.splitlines() if line.strip()]
    return f"exited with {exit_code}" + (f": {said[-1]}" if said else "")


def run_command(argv: list[str], timeout: float) -> dict[str, Any]:
    """Run argv without a shell; never raises: the result says what happened and why."""
    result: dict[str, Any] = {
        "started_at": _now_iso(), "exit_code": None, "stdout_tail": "", "stderr_tail": "",
    }  # fmt: skip
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        result.update(error=f"cannot run {argv[0]!r}: {exc.strerror}", ok=False)
    else:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
            result["exit_code"] = process.returncode
            result["ok"] = process.returncode == 0
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            result.update(error=f"timed out after {timeout:g} s and was killed", ok=False)
        result["stdout_tail"] = stdout.decode("utf-8", "replace")[-TAIL_CHARS:]
        result["stderr_tail"] = stderr.decode("utf-8", "replace")[-TAIL_CHARS:]
        if result["ok"] is False and "error" not in result:
            result["error"] = _failure_reason(
                process.returncode, result["stdout_tail"], result["stderr_tail"]
            )
    result["ended_at"] = _now_iso()
    return result


def work(argv: list[str], data_dir: Path, debounce: float, timeout: float) -> None:
    _wait_for_quiet(data_dir, debounce)
    with FileLock(str(data_dir / "restart-run.lock")):
        running = {"started_at": _now_iso(), "ended_at": None, "exit_code": None, "ok": None}
        record(data_dir, {**running, "stdout_tail": "", "stderr_tail": ""})
        record(data_dir, run_command(argv, timeout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--debounce", type=float, required=True)
    parser.add_argument("--timeout", type=float, required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    argv = args.command[1:] if args.command[:1] == ["--"] else args.command
    work(argv, args.data_dir, args.debounce, args.timeout)


if __name__ == "__main__":
    main()
