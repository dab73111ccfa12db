"""A version's whole state, the one way every reader gets it (detail, diff, rollback, admin).

A delta version's state is the recorded head with the deltas of the newer versions undone,
newest first; its secrets likewise, from the encrypted deltas. A version recorded before
deltas (kind "full") holds its own state. Pruning deletes the oldest versions only, so the
kept ones always reach the head.
"""

import json
from typing import Any

from core.errors import NotFound
from credentials.models import SecretsUnreadable
from history import delta, head, snapshot
from history.models import DELTA, FULL, RecordedState, Version

UNREADABLE = object()


def state_of(
    version: Version, secrets: bool = True
) -> tuple[snapshot.State, snapshot.Secrets | None]:
    """(the full state, its secrets decrypted in memory); the secrets are None when not asked
    for, not recorded, or unreadable now."""
    if version.kind == FULL:
        return version.snapshot, _own_secrets(version) if secrets else None
    number, state, known = _head(secrets and version.secrets_recorded)
    newer = Version.objects.filter(kind=DELTA, number__gt=version.number, number__lte=number)
    newer = newer.order_by("-number")
    stored = _stored_secrets(newer) if known is not None else {}
    for pk, changes, recorded in newer.values_list("pk", "snapshot", "secrets_recorded"):
        state = delta.undo(state, changes)
        if known is not None and recorded:
            known = _undo_secrets(known, stored[pk])
    return snapshot.full_state(state), known


def _undo_secrets(after: snapshot.Secrets, text: object) -> snapshot.Secrets | None:
    if text is UNREADABLE:
        return None
    if not text:  # no secret changed
        return after
    change = json.loads(str(text))
    if change.get("before_unknown"):
        return None
    return delta.undo_keyed(after, change["changed"])


def _head(secrets: bool) -> tuple[int, snapshot.State, snapshot.Secrets | None]:
    """(its version number, its state, its secrets or None). The versions up to that number
    never change; a change committing between the head's two reads is read again."""
    while True:
        found = head.read(secrets)
        if found is None:
            raise NotFound("the recorded state is missing: versions cannot be rebuilt")
        profiles = head.recorded_profiles()
        if RecordedState.objects.filter(number=found.number).exists():
            return found.number, {**found.rest, **profiles}, found.secrets


def _stored_secrets(versions: Any) -> dict[int, object]:
    """{pk: decrypted text}, one query; row by row only when some row does not decrypt."""
    try:
        return dict(versions.values_list("pk", "secrets"))
    except SecretsUnreadable:
        pass
    stored: dict[int, object] = {}
    for pk in versions.values_list("pk", flat=True):
        try:
            stored[pk] = Version.objects.filter(pk=pk).values_list("secrets", flat=True).get()
        except SecretsUnreadable:
            stored[pk] = UNREADABLE
    return stored


def _own_secrets(version: Version) -> snapshot.Secrets | None:
    """A full version's secrets, as they were always stored."""
    if not version.secrets_recorded:
        return None
    try:
        text = Version.objects.filter(pk=version.pk).values_list("secrets", flat=True).get()
    except SecretsUnreadable:
        return None
    return json.loads(text) if text else {}
