"""What an export replaced in config.json although it had been changed elsewhere.

Kept (masked) in the data dir for /api/status: `last()` -> {"at": ..., "fields": {field:
masked value}} | None. Nothing is overwritten silently.
"""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from triplo import configfile
from triplo.configdoc import masked

OVERWRITTEN_FILE = "overwritten-drift.json"


def _path() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / OVERWRITTEN_FILE


def record(replaced: dict[str, Any]) -> None:
    """Keep what an export replaced (raw values in, masked on disk)."""
    entry = {
        "at": datetime.now(UTC).isoformat(),
        "fields": {key: masked(value, key) for key, value in replaced.items()},
    }
    configfile.write_atomic(_path(), json.dumps(entry, indent=2) + "\n")


def last() -> dict[str, Any] | None:
    try:
        entry = json.loads(_path().read_text())
    except (FileNotFoundError, ValueError):
        return None
    return entry if isinstance(entry, dict) else None
