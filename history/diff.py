"""Field-by-field differences between two versions; secrets only as changed/unchanged."""

from typing import Any

from credentials import providers
from history.snapshot import Secrets
from profiles.document import PROFILE_FIELDS
from triplo.triplo_settings_diff import settings_diff, settings_lines

CHANGED, UNCHANGED, UNKNOWN = "changed", "unchanged", "unknown"


def _changes(old: dict[str, Any], new: dict[str, Any], names: list[str]) -> dict[str, Any]:
    return {
        name: {"from": old.get(name), "to": new.get(name)}
        for name in names
        if old.get(name) != new.get(name)
    }


def _profiles(old: list[dict], new: list[dict]) -> dict[str, list[dict[str, Any]]]:
    before = {p["id"]: p for p in old}
    after = {p["id"]: p for p in new}
    changed = []
    for profile_id, profile in after.items():
        if profile_id in before:
            fields = _changes(before[profile_id], profile, list(PROFILE_FIELDS))
            if fields:
                changed.append({"id": profile_id, "name": profile["name"], "fields": fields})
    return {
        "added": [p for i, p in after.items() if i not in before],
        "removed": [p for i, p in before.items() if i not in after],
        "changed": changed,
    }


def _names(state: dict[str, Any], profile_id: str | None) -> str | None:
    return next((p["name"] for p in state["profiles"] if p["id"] == profile_id), None)


def _secret_status(provider_id: str, name: str, old: Secrets | None, new: Secrets | None) -> str:
    """Compared in memory; the values themselves never leave this function."""
    if old is None or new is None:
        return UNKNOWN
    before = old.get(provider_id, {}).get(name, "")
    after = new.get(provider_id, {}).get(name, "")
    return UNCHANGED if before == after else CHANGED


def _credentials(
    old: dict[str, Any],
    new: dict[str, Any],
    old_secrets: Secrets | None,
    new_secrets: Secrets | None,
) -> dict[str, Any]:
    changed = []
    for provider_id in sorted(set(old) & set(new)):
        specs = providers.PROVIDERS[provider_id].credential_fields
        plain = [s.name for s in specs if not s.secret]
        fields = _changes(old[provider_id], new[provider_id], plain)
        secrets = {
            s.name: _secret_status(provider_id, s.name, old_secrets, new_secrets)
            for s in specs
            if s.secret
        }
        if fields or any(status != UNCHANGED for status in secrets.values()):
            changed.append({"provider": provider_id, "fields": fields, "secrets": secrets})
    return {
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
        "changed": changed,
    }


def diff_states(
    old: dict[str, Any],
    new: dict[str, Any],
    old_secrets: Secrets | None,
    new_secrets: Secrets | None,
) -> dict[str, Any]:
    """Secrets are None when a version's secrets cannot be read: they show as "unknown"."""
    old_order = [p["id"] for p in old["profiles"] if p["id"] in {q["id"] for q in new["profiles"]}]
    new_order = [p["id"] for p in new["profiles"] if p["id"] in set(old_order)]
    order = None
    if old_order != new_order:
        order = {
            "from": [_names(old, i) for i in old_order],
            "to": [_names(new, i) for i in new_order],
        }
    active = None
    if old["active"] != new["active"]:
        active = {"from": _names(old, old["active"]), "to": _names(new, new["active"])}
    return {
        "profiles": _profiles(old["profiles"], new["profiles"]),
        "order": order,
        "active": active,
        "credentials": _credentials(
            old["credentials"], new["credentials"], old_secrets, new_secrets
        ),
        "triplo_settings": settings_diff(old, new, old_secrets, new_secrets),
    }


def diff_lines(diff: dict[str, Any]) -> list[str]:
    """The diff for people (command line)."""
    lines = [
        f"+ profile {p['name']!r} ({p['provider']} {p['model']})" for p in diff["profiles"]["added"]
    ]
    lines += [f"- profile {p['name']!r}" for p in diff["profiles"]["removed"]]
    for change in diff["profiles"]["changed"]:
        for name, values in change["fields"].items():
            lines.append(
                f"~ profile {change['name']!r}: {name} {values['from']!r} -> {values['to']!r}"
            )
    if diff["order"]:
        lines.append(f"~ order: {diff['order']['from']} -> {diff['order']['to']}")
    if diff["active"]:
        lines.append(f"~ active: {diff['active']['from']!r} -> {diff['active']['to']!r}")
    credentials = diff["credentials"]
    lines += [f"+ credential {p}" for p in credentials["added"]]
    lines += [f"- credential {p}" for p in credentials["removed"]]
    for change in credentials["changed"]:
        for name, values in change["fields"].items():
            lines.append(
                f"~ credential {change['provider']}: {name} {values['from']!r} -> {values['to']!r}"
            )
        for name, status in change["secrets"].items():
            if status != UNCHANGED:
                lines.append(f"~ credential {change['provider']}: {name} {status}")
    lines += settings_lines(diff["triplo_settings"])
    return lines or ["no differences"]
