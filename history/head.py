"""The recorded head: the state as of the newest version, read and replaced.

The profiles are kept as rows (RecordedProfile) beside the live ones, and the database finds
the rows a change touched (each recorded row looked up by id in the live table, every kept
column compared there), so a change that touched no profile (an activation) brings no
profile into Python and writes none, whatever their number. The rest of the state is one
small row (RecordedState).
"""

import contextlib
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef

from core.compiled import CompiledQuery
from credentials.models import SecretsUnreadable
from history.models import RecordedProfile, RecordedState
from history.snapshot import PROFILE_COLUMNS, Secrets, State
from profiles.models import LlmProfile

COLUMNS = (*PROFILE_COLUMNS, "created_at")  # created_at: the order's own tie-breaker


@dataclass
class Head:
    number: int
    rest: State  # active, credentials, triplo_settings
    secrets: Secrets | None  # None: none recorded yet that can be read now (or not asked for)


# Every change reads the head: compiled once (core.compiled). One row (a check keeps it so).
_STATE = CompiledQuery(lambda: RecordedState.objects.all()[:1])
_STATE_WITHOUT_SECRETS = CompiledQuery(lambda: RecordedState.objects.defer("secrets")[:1])


def read(secrets: bool = True) -> Head | None:
    """The head without its profiles, in one query; None before the first delta version."""
    found, text = None, None
    if secrets:
        with contextlib.suppress(SecretsUnreadable):
            found = _STATE.first()
            if found is None:
                return None
            text = found.secrets
    if found is None:
        found = _STATE_WITHOUT_SECRETS.first()
        if found is None:
            return None
    return Head(found.number, found.rest, None if text is None else json.loads(text))


def _unmatched(model: Any, other: Any) -> Any:
    """Rows of `model` that `other` has no identical row for (a primary-key lookup each)."""
    same = other.objects.filter(**{column: OuterRef(column) for column in COLUMNS})
    return model.objects.order_by().exclude(Exists(same)).values_list(*COLUMNS)


def documents(rows: list[tuple[Any, ...]]) -> dict[str, dict[str, Any]]:
    """{id: fields, position and creation time} from rows of COLUMNS (the time as ISO text,
    as JSON stores it: it orders profiles of equal position, as LlmProfile.ordered() does)."""
    fields = COLUMNS[1:-1]
    return {
        str(row[0]): {
            **dict(zip(fields, row[1:-1], strict=True)),
            "created_at": row[-1].isoformat(timespec="microseconds"),
        }
        for row in rows
    }


def changed_profiles() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(recorded rows, live rows) that differ: both empty when no profile changed."""
    with connection.cursor() as cursor:
        cursor.execute(_any_change_sql())
        (changed,) = cursor.fetchone()
    if not changed:
        return [], []
    recorded = list(_unmatched(RecordedProfile, LlmProfile))
    return recorded, list(_unmatched(LlmProfile, RecordedProfile))


@functools.cache
def _any_change_sql() -> str:
    """Whether any profile differs from its recorded row, as one query built once: building
    the same test through the ORM on every change cost more than running it. Rows are unique
    by id, so when every recorded row has an identical live one and the counts agree,
    nothing changed."""
    quote = connection.ops.quote_name
    recorded, live = (quote(m._meta.db_table) for m in (RecordedProfile, LlmProfile))
    same = " AND ".join(
        f"l.{quote(LlmProfile._meta.get_field(name).column)} = "
        f"r.{quote(RecordedProfile._meta.get_field(name).column)}"
        for name in COLUMNS
    )
    return (
        f"SELECT (SELECT COUNT(*) FROM {recorded}) <> (SELECT COUNT(*) FROM {live}) "
        f"OR EXISTS (SELECT 1 FROM {recorded} r WHERE NOT EXISTS "
        f"(SELECT 1 FROM {live} l WHERE {same}))"
    )


def recorded_profiles() -> State:
    """{"profiles": {id: fields}} as recorded: every row (a reader's cost)."""
    return {"profiles": documents(list(RecordedProfile.objects.values_list(*COLUMNS)))}


def replace(
    number: int,
    rest: State,
    secrets: Secrets | None,
    old_rows: list[tuple[Any, ...]],
    new_rows: list[tuple[Any, ...]],
) -> None:
    """Make the head the state of version `number`; secrets None leaves them as they are.
    Only the profiles that changed are rewritten."""
    fields: dict[str, Any] = {"number": number, "rest": rest}
    if secrets is not None:
        fields["secrets"] = json.dumps(secrets, sort_keys=True)
    if not RecordedState.objects.filter(key=1).update(**fields):
        RecordedState.objects.create(**fields)
    if old_rows:
        RecordedProfile.objects.filter(id__in=[row[0] for row in old_rows]).delete()
    if new_rows:
        RecordedProfile.objects.bulk_create(
            RecordedProfile(**dict(zip(COLUMNS, row, strict=True))) for row in new_rows
        )
