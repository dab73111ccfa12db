"""Whether the last export to Triplo's config.json worked, kept in the data dir.

Exports run after the commit (`transaction.on_commit`, robust), so a failure cannot reach the
request that caused it: the change is saved, the file is not. The outcome is therefore kept
here, where /api/status, the page and the commands read it; every later export (the next
change, POST /api/config/export, `export_config`) tries again and records its own outcome.
"""

import json
import logging
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from core.atomicfile import write_atomic

log = logging.getLogger(__name__)

STATUS_FILE = "export-status.json"
NEVER = {"ok": None, "error": None, "at": None}


def _path() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / STATUS_FILE


# The outcome this thread recorded last, kept in memory too: when the data dir itself cannot
# be written (which fails the export as well), the file would still show an older outcome.
_here = threading.local()


def record(error: str | None) -> dict[str, Any]:
    """Keep this export's outcome (None: it worked); the data dir failing is only logged.

    A success after a success is not written again (it would cost every activation a file
    write): `at` is then when exports started to succeed; config_exported_at says the rest.
    """
    outcome = {"ok": error is None, "error": error, "at": datetime.now(UTC).isoformat()}
    _here.outcome = outcome
    if error is None and last()["ok"] is True:
        return outcome
    try:
        write_atomic(_path(), json.dumps(outcome) + "\n", durable=False)
    except OSError as exc:
        log.error("cannot record the export's outcome in %s: %s", _path(), exc)
    return outcome


def last() -> dict[str, Any]:
    """{"ok", "error", "at"} of the last export to config.json; ok is None when none ran."""
    try:
        outcome = json.loads(_path().read_text())
    except (OSError, ValueError):
        return dict(NEVER)
    if not isinstance(outcome, dict) or not isinstance(outcome.get("ok"), bool):
        return dict(NEVER)
    return {key: outcome.get(key) for key in NEVER}


def recorded_here() -> dict[str, Any]:
    """The outcome of the last export this thread ran (the answer to whoever asked for it)."""
    return dict(getattr(_here, "outcome", NEVER))
