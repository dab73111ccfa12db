"""What a change did, as data: both sides of each section that differs, so the state before
the change is the state after it with the before-sides put back.

{"active": [before, after]} is a whole activation, whatever the number of profiles. Sections
keyed by id ("profiles", "credentials", and the secrets) list only the entries that changed,
each as [before or null, after or null] (null: absent on that side); the other sections
("active", "triplo_settings") are one [before, after] pair when they changed. The order is
the profiles' positions (with their creation time as tie-breaker), so a new profile, a
deletion or a move records only the profiles whose position changed, never the whole list.
"""

from typing import Any

KEYED = ("profiles", "credentials")


def keyed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The entries that differ, with both sides (null for an absent entry)."""
    return {
        key: [before.get(key), after.get(key)]
        for key in {**before, **after}
        if before.get(key) != after.get(key)
    }


def undo_keyed(after: dict[str, Any], changes: dict[str, list[Any]]) -> dict[str, Any]:
    before = dict(after)
    for key, (old, _new) in changes.items():
        if old is None:
            before.pop(key, None)
        else:
            before[key] = old
    return before


def between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The delta from `before` to `after` over the sections `after` holds (a section left out
    of both is one the caller knows did not change)."""
    changes: dict[str, Any] = {}
    for section, new in after.items():
        old = before[section]
        if section in KEYED:
            if entries := keyed(old, new):
                changes[section] = entries
        elif old != new:
            changes[section] = [old, new]
    return changes


def undo(after: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The state before a change, from the state after it and the change's delta."""
    before = dict(after)
    for section, change in changes.items():
        before[section] = undo_keyed(after[section], change) if section in KEYED else change[0]
    return before
