"""Triplo's process as seen from here: restarts and its running state.

Contract used by /api/status: `triplo_status()` -> {"running": bool | None,
"checked_at": when running was last checked | None, "last_restart": {...} | None}
(config.json drift is `triplo.drift`'s; running comes from `triplo.process_state`).
"""

import logging
import shlex
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from triplo import legacy, process_state, restart_worker

log = logging.getLogger(__name__)


class RestartsDisabled(Exception):
    """TRIPLO_RESTART_COMMAND is empty."""


def _data_dir() -> Path:
    return Path(settings.TRIPLO_DATA_DIR)


def request_restart() -> None:
    """Restart Triplo once the debounce has passed; never waits for it, never raises for it.

    A command that cannot even be parsed is recorded like a failed run.
    """
    command = settings.TRIPLO_RESTART_COMMAND.strip()
    if not command:
        raise RestartsDisabled("restarts are disabled: TRIPLO_RESTART_COMMAND is empty")
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        now = datetime.now(UTC).isoformat()
        restart_worker.record(
            _data_dir(),
            {"started_at": now, "ended_at": now, "exit_code": None, "stdout_tail": "",
             "stderr_tail": "", "ok": False,
             "error": f"TRIPLO_RESTART_COMMAND cannot be parsed: {exc}"},
        )  # fmt: skip
        return
    restart_worker.request(
        argv,
        _data_dir(),
        debounce=float(settings.TRIPLO_RESTART_DEBOUNCE),
        timeout=float(settings.TRIPLO_RESTART_TIMEOUT),
    )


def restart_after_write(before: dict[str, Any], after: dict[str, Any]) -> None:
    """After an export wrote config.json: restart only when a field Triplo reads changed."""
    if all(before.get(key) == after.get(key) for key in legacy.TRIPLO_READS):
        return
    try:
        request_restart()
    except RestartsDisabled:
        return
    except OSError as exc:
        # The change is saved; a restart that cannot be requested must not fail it.
        log.warning("could not request a Triplo restart: %s", exc)


def triplo_status() -> dict[str, Any]:
    last = restart_worker.last_result(_data_dir())
    state = process_state.current(settings.TRIPLO_STATUS_COMMAND, _data_dir(), last)
    return {**state, "last_restart": last}
