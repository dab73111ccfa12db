"""Reading and changing Triplo's own settings (the catalogue's tabs) in config.json.

config.json stays the authority for these settings (Triplo's own settings screen writes them
too), so a change is written through configfile's locked merge, recorded as a version whose
snapshot holds the settings (secrets in the version's encrypted part) and followed by a
debounced Triplo restart: Triplo reads the file only at start.
"""

import contextlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import record_change, state_change
from credentials import providers
from credentials.masking import mask
from profiles.models import LlmProfile
from triplo import configfile, configsnapshot, runtime
from triplo.export import generate_llm_key
from triplo.fingerprints import fingerprint
from triplo.triplo_settings import EDITABLE, GROUPS, TriploSetting
from triplo.triplo_settings_rules import clean

SNAPSHOT_KEY = "triplo_settings"  # in a version's snapshot (non-secret values)
SECRETS_KEY = "triplo"  # in a version's encrypted secrets ({key: value})
SECRET_KEYS = tuple(key for key, setting in EDITABLE.items() if setting.secret)


def field_document(setting: TriploSetting) -> dict[str, Any]:
    """One field as the page builds its control from it."""
    return {
        "key": setting.key,
        "kind": setting.kind,
        "label": setting.label,
        "help": setting.help,
        "choices": list(setting.choices),
        "minimum": setting.minimum,
        "maximum": setting.maximum,
        "max_length": setting.max_length,
        "pattern": setting.pattern,
        "blank": setting.blank,
        "secret": setting.secret,
        "default": None if setting.secret else setting.default,
    }


def catalogue() -> list[dict[str, Any]]:
    return [
        {
            "id": group,
            "title": title,
            "fields": [field_document(s) for s in EDITABLE.values() if s.group == group],
        }
        for group, title in GROUPS
    ]


def _values(settings: dict[str, Any]) -> dict[str, Any]:
    """The file's value of every catalogue setting (Triplo's default where it has none)."""
    return {key: settings.get(key, setting.default) for key, setting in EDITABLE.items()}


def _shown(key: str, value: Any) -> Any:
    return mask(value) if key in SECRET_KEYS and isinstance(value, str) else value


def locked_fields() -> dict[str, str]:
    """Settings the active profile needs as they are: the export would turn them back on."""
    active = LlmProfile.objects.active()
    if active is None:
        return {}
    flag = providers.PROVIDERS[active.provider].legacy.enable_flag
    if flag not in EDITABLE:
        return {}
    return {flag: f"The active profile {active.name!r} needs it on"}


def answer() -> dict[str, Any]:
    """GET /api/triplo/settings: the catalogue, the values (secrets masked), locked fields."""
    settings = configfile.read_document().get("settings", {})
    return {
        "groups": catalogue(),
        "values": {key: _shown(key, value) for key, value in _values(settings).items()},
        "locked": locked_fields(),
    }


def _cleaned(patch: Any, current: dict[str, Any]) -> dict[str, Any]:
    """The patch validated against the catalogue; a secret sent back masked means unchanged."""
    if not isinstance(patch, dict) or not patch:
        raise ValidationError({"non_field_errors": ["send a JSON object of settings to change"]})
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    locked = locked_fields()
    for key, value in patch.items():
        setting = EDITABLE.get(key)
        if setting is None:
            errors[key] = [f"{key!r} is not one of Triplo's settings here"]
            continue
        stored = current.get(key)
        if setting.secret and isinstance(stored, str) and stored and value == mask(stored):
            values[key] = stored
            continue
        try:
            values[key] = clean(setting, value)
        except ValueError as problem:
            errors[key] = [str(problem)]
            continue
        if key in locked and value is not True:
            errors[key] = [f"{setting.label}: {locked[key].lower()}"]
    if errors:
        raise ValidationError(errors)
    return values


def _changes(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if fingerprint(v) != _fingerprint(current, k)}


def _fingerprint(current: dict[str, Any], key: str) -> str:
    return fingerprint(current.get(key, EDITABLE[key].default))


def _said(value: Any) -> str:
    return value if isinstance(value, str) and value else json.dumps(value, ensure_ascii=False)


def summary(changes: dict[str, Any], before: dict[str, Any]) -> str:
    """The history's line: "color_scheme: auto → dark"; a secret only as "changed"."""
    return "; ".join(
        f"{key} changed"
        if key in SECRET_KEYS
        else f"{key}: {_said(before.get(key, EDITABLE[key].default))} → {_said(value)}"
        for key, value in changes.items()
    )


def _write(values: dict[str, Any]) -> dict[str, Any]:
    """Merge `values` into the file under its lock; returns the settings they replaced."""
    replaced: dict[str, Any] = {}

    def merge(new: Any, current: Any) -> Any:
        if new is not values:  # the top-level part: nothing of ours
            return new
        replaced.update({key: current.get(key) for key in values})
        return {**current, **values}

    configfile.replace_unowned(values, {}, set(), restore=merge)
    return replaced


def _restart_later() -> None:
    def restart() -> None:
        # Saved either way; the status panel shows Triplo's state.
        with contextlib.suppress(runtime.RestartsDisabled, OSError):
            runtime.request_restart()

    transaction.on_commit(restart)


@state_change
def update(patch: Any) -> dict[str, Any]:
    """PATCH: validate every key, write only the changed ones, record them, restart Triplo.

    Nothing changed (the same values, a secret sent back masked) writes and records nothing.
    """
    current = configfile.read_document().get("settings", {})
    changes = _changes(_cleaned(patch, current), current)
    if changes:
        before = _write(changes)
        record_change(summary(changes, before))
        _restart_later()
    return answer()


def regenerate_llm_key() -> dict[str, Any]:
    """A new local-LLM key (Triplo's form), saved like any change of the setting."""
    return update({"llm_key": generate_llm_key()})


def snapshot() -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The settings as a version stores them: (the values without the secrets, the secrets),
    from one read of the file; (None, {}) when the file is unreadable."""
    try:
        # Shared with other readers of the same bytes: read, never changed here.
        settings = configsnapshot.read().document_or_stock().get("settings", {})
    except configfile.ConfigFileError:
        return None, {}
    values = {k: v for k, v in _values(settings).items() if k not in SECRET_KEYS}
    return values, {key: settings.get(key, "") for key in SECRET_KEYS}


def restore(state: dict[str, Any], secrets: dict[str, Any]) -> None:
    """Rollback: write the version's settings back (a version from before they were recorded,
    or whose file was unreadable then, leaves them as they are). Call it inside the rollback's
    transaction, after everything that may refuse the rollback."""
    saved = state.get(SNAPSHOT_KEY)
    if saved is None:
        return
    stored = secrets.get(SECRETS_KEY, {})
    wanted = {k: v for k, v in saved.items() if k in EDITABLE}
    # An empty generated key is not restored: the export would only generate a new one.
    wanted |= {
        k: stored[k]
        for k in SECRET_KEYS
        if k in stored and (stored[k] or not EDITABLE[k].generated)
    }
    current = configfile.read_document().get("settings", {})
    changes = _changes(wanted, current)
    if changes:
        _write(changes)
        _restart_later()
