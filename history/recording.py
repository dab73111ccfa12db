"""The change receiver: each recorded change stores a version and prunes the oldest ones.

A version stores the delta from the recorded head (the state of the version before it) to
the state now, and the head is then brought up to date. Deltas are taken against the head,
not against what the change meant to do, because part of the state (Triplo's own settings)
lives in config.json and can change outside this service: the next version records that
drift too.
"""

import json
import logging

from django.conf import settings
from django.db.models import Max

from core import context
from history import delta, head, snapshot
from history.models import DELTA, Version

log = logging.getLogger(__name__)


def record_version(summary: str, **_: object) -> Version:
    """The `core.changes.config_changed` receiver. It runs inside the changing transaction
    (after the revision was bumped, which serialises concurrent changes), so the version and
    the head commit or roll back with the change."""
    origin = context.current()
    current = snapshot.read_current()
    if current.secrets is None:
        log.warning("version recorded without secrets: stored credentials are unreadable")
    recorded = head.read(secrets=current.secrets is not None)
    before = {**snapshot.EMPTY, **(recorded.rest if recorded else {})}
    after = dict(current.rest)
    old_rows, new_rows = head.changed_profiles()
    if old_rows or new_rows:  # only these rows are read: an activation reads none
        before["profiles"] = head.documents(old_rows)
        after["profiles"] = head.documents(new_rows)
    stored_secrets = _secrets(recorded, current.secrets)
    # The head is the newest version; before the first delta (an upgraded database) ask.
    highest = (
        recorded.number
        if recorded
        else Version.objects.aggregate(highest=Max("number"))["highest"] or 0
    )
    version = Version.objects.create(
        number=highest + 1,
        actor=origin.who()[:150],
        face=origin.face,
        summary=summary[:500],
        kind=DELTA,
        snapshot=delta.between(before, after),
        secrets=stored_secrets,
        secrets_recorded=current.secrets is not None,
    )
    changed_secrets = current.secrets if stored_secrets is not None else None
    head.replace(version.number, current.rest, changed_secrets, old_rows, new_rows)
    keep = max(int(settings.TRIPLO_HISTORY_KEEP), 1)
    if version.number > keep:
        Version.objects.without_secrets().filter(number__lte=version.number - keep).delete()
    return version


def _secrets(recorded: head.Head | None, now: snapshot.Secrets | None) -> str | None:
    """The version's secrets column: the changed secrets with both sides, None when none
    changed (the head's secrets then stay as they are).

    Unreadable credentials record no secrets and leave the head's (the last readable ones), so
    the next readable version's delta spans both changes and older versions stay whole. A
    head whose secrets cannot be read marks the delta "before_unknown": nothing older than it
    has known secrets then."""
    if now is None:
        return None
    old = {} if recorded is None else recorded.secrets
    if old is None:
        change = {"changed": delta.keyed({}, now), "before_unknown": True}
        return json.dumps(change, sort_keys=True)
    changes = delta.keyed(old, now)
    return json.dumps({"changed": changes}, sort_keys=True) if changes else None
