"""The change receiver: each recorded change stores a version and prunes the oldest ones.

A version stores the delta from the recorded head (the state of the version before it) to
the state now, and the head is then replaced. Deltas are taken against the head, not against
what the change meant to do, because part of the state (Triplo's own settings) lives in
config.json and can change outside this service: the next version records that drift too.
"""

import json
import logging

from django.conf import settings
from django.db.models import Max

from core import context
from credentials.models import SecretsUnreadable
from history import delta, snapshot
from history.models import DELTA, RecordedState, Version

log = logging.getLogger(__name__)

KEEP_SECRETS = object()  # the head's secrets stay as they are


def record_version(summary: str, **_: object) -> Version:
    """The `core.changes.config_changed` receiver. It runs inside the changing transaction
    (after the revision was bumped, which serialises concurrent changes), so the version and
    the head commit or roll back with the change."""
    origin = context.current()
    current = snapshot.read_current()
    if current.secrets is None:
        log.warning("version recorded without secrets: stored credentials are unreadable")
    # The head's profiles (the part that grows with n) are read only when they changed.
    head = RecordedState.objects.defer("profiles", "order", "secrets").first()
    profiles_changed = head is None or head.profiles_digest != current.digest
    before = snapshot.EMPTY if head is None else {**snapshot.EMPTY, **head.rest}
    after = dict(current.rest)
    sections = current.profile_sections() if profiles_changed else {}
    if sections:
        after |= sections
        if head is not None:
            before = {**before, **_head_profiles()}
    stored_secrets, head_secrets = _secrets(head, current.secrets)
    highest = Version.objects.aggregate(highest=Max("number"))["highest"] or 0
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
    _replace_head(head, version.number, current, sections, head_secrets)
    keep = max(int(settings.TRIPLO_HISTORY_KEEP), 1)
    if version.number > keep:
        Version.objects.without_secrets().filter(number__lte=version.number - keep).delete()
    return version


def _head_profiles() -> snapshot.State:
    profiles, order = RecordedState.objects.values_list("profiles", "order").get()
    return {"profiles": profiles, "order": order}


def _secrets(head: RecordedState | None, now: snapshot.Secrets | None) -> tuple[str | None, object]:
    """(the version's secrets column, the head's new secrets or KEEP_SECRETS).

    Unreadable credentials record no secrets and leave the head's (the last readable ones), so
    the next readable version's delta spans both changes and older versions stay whole. A
    head whose secrets cannot be read marks the delta "before_unknown": nothing older than it
    has known secrets then."""
    if now is None:
        return None, KEEP_SECRETS
    old: snapshot.Secrets | None = {}
    if head is not None:
        try:
            text = RecordedState.objects.values_list("secrets", flat=True).get()
        except SecretsUnreadable:
            text = None
        old = None if text is None else json.loads(text)
    if old is None:
        change = {"changed": delta.keyed({}, now), "before_unknown": True}
        return json.dumps(change, sort_keys=True), now
    changes = delta.keyed(old, now)
    if not changes:
        return None, KEEP_SECRETS
    return json.dumps({"changed": changes}, sort_keys=True), now


def _replace_head(
    head: RecordedState | None,
    number: int,
    current: snapshot.Current,
    sections: snapshot.State,
    secrets: object,
) -> None:
    """One UPDATE; the profiles (`sections`) are written only when they changed, not on an
    activation."""
    fields: dict[str, object] = {"number": number, "rest": current.rest}
    if sections:
        fields |= sections | {"profiles_digest": current.digest}
    if secrets is not KEEP_SECRETS:
        fields["secrets"] = json.dumps(secrets, sort_keys=True)
    if head is None:
        RecordedState.objects.create(**fields)
    else:
        RecordedState.objects.filter(pk=head.pk).update(**fields)
