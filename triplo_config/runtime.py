"""Triplo's process as seen from here: restarts, its running state, and config.json drift.

Contract used by /api/status (the runtime issue implements the bodies):
- `triplo_status()` -> {"running": bool | None, "last_restart": {...} | None}
- `config_drift()` -> {field: {"file": masked value, "exported": masked value}}; {} when in sync
"""

from typing import Any


def triplo_status() -> dict[str, Any]:
    return {"running": None, "last_restart": None}


def config_drift() -> dict[str, Any]:
    return {}
