"""The drop-in image's remote-desktop (noVNC) switch: `platform-settings.json` beside config.json.

The upstream container's entrypoint reads `{"novnc_enabled": true|false}` from that file on
every start (and writes it from ENABLE_NOVNC when it is missing or holds no boolean), then
starts the remote-desktop stack or not; its old web UI wrote the switch there. The file is
therefore only meaningful where that entrypoint runs: the switch is offered when the file is
present beside config.json (the entrypoint creates it before anything else starts), and
nowhere else. A change takes effect at the next container start, never at once.
"""

import json
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from core.changes import record_event, state_change
from core.errors import Conflict
from triplo import configfile, regularfile

FILE_NAME = "platform-settings.json"
KEY = "novnc_enabled"
TAKES_EFFECT = "at the next container start"


def path() -> Path:
    return configfile.config_path().parent / FILE_NAME


def _env_default() -> bool:
    """What the entrypoint falls back to when the file holds no boolean (its own rule)."""
    return os.environ.get("ENABLE_NOVNC", "false").strip().lower() == "true"


def _read() -> dict[str, Any] | None:
    """The file's document; None when it is absent (not the drop-in image), {} when unusable."""
    try:
        raw = regularfile.read(path())
    except OSError:
        return {}  # a link or a directory there: the entrypoint's jq would fail as well
    if raw is None:
        return None
    try:
        document = json.loads(raw)
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}


def answer() -> dict[str, Any]:
    """GET: whether the switch applies here and, if so, what the next start will do."""
    document = _read()
    if document is None:
        return {"available": False, KEY: None, "takes_effect": TAKES_EFFECT}
    value = document.get(KEY)
    enabled = value if isinstance(value, bool) else _env_default()
    return {"available": True, KEY: enabled, "takes_effect": TAKES_EFFECT}


def _cleaned(patch: Any) -> bool:
    if not isinstance(patch, dict) or not patch:
        raise ValidationError({KEY: ['Send {"novnc_enabled": true or false}.']})
    unknown = sorted(set(patch) - {KEY})
    if unknown:
        raise ValidationError({key: ["Unknown setting."] for key in unknown})
    if not isinstance(patch.get(KEY), bool):
        raise ValidationError({KEY: ["Remote desktop must be true or false."]})
    return patch[KEY]


@state_change
def update(patch: Any) -> dict[str, Any]:
    """PATCH: write the switch atomically (other keys kept), record it; nothing restarts."""
    enabled = _cleaned(patch)
    document = _read()
    if document is None:
        raise Conflict(
            f"No {FILE_NAME} beside config.json: the remote desktop is only switchable in the "
            "Triplo container image."
        )
    before = answer()[KEY]
    if document.get(KEY) is enabled:
        return answer()
    configfile.write_atomic(path(), json.dumps({**document, KEY: enabled}) + "\n")
    word = {True: "on", False: "off"}
    record_event(f"remote desktop (noVNC): {word[before]} → {word[enabled]} ({TAKES_EFFECT})")
    return answer()
