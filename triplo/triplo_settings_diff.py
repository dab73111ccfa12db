"""Triplo's own settings in the history's diff, like the profile fields beside them.

A version's state holds the settings' plain values and its secrets the settings' secrets (the
license key, stored encrypted); a secret is compared in memory and shown only as changed
or unchanged. A version from before the settings were recorded (or one taken while
config.json was unreadable) has none: nothing is claimed about them then.
"""

from typing import Any

from triplo.triplo_settings_service import SECRET_KEYS, SECRETS_KEY, SNAPSHOT_KEY

CHANGED, UNCHANGED, UNKNOWN = "changed", "unchanged", "unknown"


def _secret_status(key: str, old: dict | None, new: dict | None) -> str:
    if old is None or new is None:
        return UNKNOWN
    before = old.get(SECRETS_KEY, {}).get(key, "")
    return UNCHANGED if before == new.get(SECRETS_KEY, {}).get(key, "") else CHANGED


def settings_diff(
    old: dict[str, Any], new: dict[str, Any], old_secrets: dict | None, new_secrets: dict | None
) -> dict[str, Any]:
    """{"fields": {key: {"from", "to"}}, "secrets": {key: status}}; empty when either version
    has no settings recorded."""
    before, after = old.get(SNAPSHOT_KEY), new.get(SNAPSHOT_KEY)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return {"fields": {}, "secrets": {}}
    fields = {
        key: {"from": before.get(key), "to": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
    secrets = {key: _secret_status(key, old_secrets, new_secrets) for key in SECRET_KEYS}
    return {"fields": fields, "secrets": {k: s for k, s in secrets.items() if s != UNCHANGED}}


def settings_lines(diff: dict[str, Any]) -> list[str]:
    """The settings' part of the diff for people (command line and the History panel)."""
    lines = [
        f"~ setting {key}: {values['from']!r} -> {values['to']!r}"
        for key, values in diff["fields"].items()
    ]
    return lines + [f"~ setting {key} {status}" for key, status in diff["secrets"].items()]
