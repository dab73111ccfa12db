"""The change receiver: each recorded change stores a version and prunes the oldest ones."""

import logging

from django.conf import settings
from django.db.models import Max

from core import context
from credentials.models import SecretsUnreadable
from history import snapshot
from history.models import Version

log = logging.getLogger(__name__)


def record_version(summary: str, **_: object) -> Version:
    """The `core.changes.config_changed` receiver. It runs inside the changing transaction
    (after the revision was bumped, which serialises concurrent changes), so the version
    commits or rolls back with the change."""
    origin = context.current()
    try:
        secrets, recorded = snapshot.dump_secrets(snapshot.current_secrets()), True
    except SecretsUnreadable:
        log.warning("version recorded without secrets: stored credentials are unreadable")
        secrets, recorded = "", False
    highest = Version.objects.aggregate(highest=Max("number"))["highest"] or 0
    version = Version.objects.create(
        number=highest + 1,
        actor=origin.who()[:150],
        face=origin.face,
        summary=summary[:500],
        snapshot=snapshot.current_state(),
        secrets=secrets,
        secrets_recorded=recorded,
    )
    keep = max(int(settings.TRIPLO_HISTORY_KEEP), 1)
    if version.number > keep:
        Version.objects.without_secrets().filter(number__lte=version.number - keep).delete()
    return version
