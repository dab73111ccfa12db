"""Whether Triplo runs, from a cached answer a status request does not wait for.

TRIPLO_STATUS_COMMAND stays the source (exit 0: running, non-zero: not, cannot run: None),
but spawning it on every GET /api/status cost most of the request (`supervisorctl status`
takes ~165 ms in the container). The answer is therefore kept, with when it was checked, in a
small file in the data dir that every server process shares. A daemon thread in each process
that answered a status request renews it every `every` seconds while questions keep coming
(the page polls every 20 s) and stops after `idle` seconds without one; a process whose
round finds the file renewed by another one skips its spawn, so the command runs about once
per round in all.

A request runs the command itself only when no usable answer exists: none yet, one too old
(the refreshers stopped), one for another command, or one checked before the last restart
started or ended (the restart worker is a separate process; its result file says when).
"""

import json
import logging
import shlex
import subprocess
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.atomicfile import write_atomic
from triplo import restart_worker

log = logging.getLogger(__name__)

CACHE_FILE = "triplo-running.json"
STATUS_TIMEOUT_SECONDS = 5.0
UNKNOWN = {"running": None, "checked_at": None}


def check(argv: list[str]) -> bool | None:
    """Run the status command once: exit 0 -> True, non-zero -> False; unknown -> None."""
    try:
        completed = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=STATUS_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.returncode == 0


def _restart_marker(last_restart: dict[str, Any] | None) -> list[Any]:
    """Changes whenever a restart starts or ends: an answer from before it is not used."""
    last = last_restart or {}
    return [last.get("started_at"), last.get("ended_at")]


def _read(data_dir: Path) -> dict[str, Any]:
    try:
        entry = json.loads((data_dir / CACHE_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return entry if isinstance(entry, dict) else {}


def _age(entry: dict[str, Any]) -> float:
    checked = entry.get("checked")
    return time.time() - checked if isinstance(checked, int | float) else float("inf")


def _refresh(argv: list[str], command: str, data_dir: Path) -> dict[str, Any]:
    """Run the command and share the answer; an unwritable data dir only costs the sharing."""
    marker = _restart_marker(restart_worker.last_result(data_dir))
    now = time.time()
    entry = {
        "command": command,
        "restart": marker,
        "running": check(argv),
        "checked": now,
        "checked_at": datetime.fromtimestamp(now, UTC).isoformat(),
    }
    try:
        write_atomic(data_dir / CACHE_FILE, json.dumps(entry) + "\n", durable=False)
    except OSError as exc:
        log.warning("cannot keep Triplo's running state in %s: %s", data_dir, exc)
    return entry


def renew(argv: list[str], command: str, data_dir: Path, every: float) -> None:
    """One refresher round: run the command unless another process did this round."""
    entry = _read(data_dir)
    if entry.get("command") != command or _age(entry) >= every / 2:
        _refresh(argv, command, data_dir)


class Refresher:
    """One daemon thread per process, started by the first question and ended by silence."""

    def __init__(self, every: float, idle: float) -> None:
        self.every, self.idle = every, idle
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._target: tuple[list[str], str, Path] | None = None
        self._asked = 0.0

    def asked(self, argv: list[str], command: str, data_dir: Path) -> None:
        with self._lock:
            self._target, self._asked = (argv, command, data_dir), time.monotonic()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="triplo-running-state", daemon=True
                )
                self._thread.start()

    def _next(self) -> tuple[list[str], str, Path] | None:
        """What to renew this round; None (and the thread ends) after `idle` s of silence."""
        with self._lock:
            if time.monotonic() - self._asked > self.idle:
                self._thread = None
                return None
            return self._target

    def _run(self) -> None:
        while True:
            time.sleep(self.every)
            target = self._next()
            if target is None:
                return
            try:
                renew(*target, every=self.every)
            except Exception:  # e.g. the data dir vanished: the next round tries again
                log.exception("could not renew Triplo's running state")

    def usable(
        self, entry: dict[str, Any], command: str, last_restart: dict[str, Any] | None
    ) -> bool:
        """Checked by this command, since the last restart began or ended, and recently
        enough that a refresher is evidently running (two missed rounds and it is not)."""
        return (
            entry.get("command") == command
            and entry.get("restart") == _restart_marker(last_restart)
            and 0 <= _age(entry) < 2 * self.every + STATUS_TIMEOUT_SECONDS
        )


REFRESHER = Refresher(every=5.0, idle=60.0)
# One spawn at a time in a process: eight threads finding no answer share the first's.
_checking = threading.Lock()


def current(command: str, data_dir: Path, last_restart: dict[str, Any] | None) -> dict[str, Any]:
    """{"running": bool | None, "checked_at": ISO time | None} for TRIPLO_STATUS_COMMAND;
    `last_restart` is the restart worker's last result, which the caller has read already."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return dict(UNKNOWN)
    if not argv:
        return dict(UNKNOWN)
    refresher = REFRESHER
    entry = _read(data_dir)
    if not refresher.usable(entry, command, last_restart):
        with _checking:
            entry = _read(data_dir)
            if not refresher.usable(entry, command, last_restart):
                entry = _refresh(argv, command, data_dir)
    refresher.asked(argv, command, data_dir)
    return {"running": entry.get("running"), "checked_at": entry.get("checked_at")}
