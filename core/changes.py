"""The change protocol: how every change to the exported state is made and announced.

A service that changes profiles or credentials runs under `state_change` (one transaction,
queued on the revision row) and calls `record_change(summary)` inside it. That bumps the
revision and sends `config_changed`; the apps above subscribe in their `AppConfig.ready`
(the history stores a version, the Triplo bridge schedules the export). This module knows
none of them, so the protocol sits below every app that uses it.
"""

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.dispatch import Signal

from core.compiled import CompiledQuery, CompiledUpdate
from core.models import ConfigRevision

P = ParamSpec("P")
R = TypeVar("R")

# Sent inside the changing transaction with `summary` (one line for people) and `exported`
# (False for an event that changed no stored state: nothing needs writing).
config_changed = Signal()


def state_change(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service in one transaction that first locks the revision row, so changes to the
    exported state queue up instead of racing (PostgreSQL row lock; SQLite's IMMEDIATE
    transactions already queue). Every check the service makes then sees a settled state.

    Where the database has no row locks (SQLite) the SELECT would lock nothing: the
    transaction's write lock, taken at BEGIN IMMEDIATE, is what queues the changes there."""

    @functools.wraps(func)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            if connection.features.has_select_for_update:
                ConfigRevision.lock()
            return func(*args, **kwargs)

    return locked


@contextlib.contextmanager
def committed_snapshot() -> Iterator[None]:
    """A transaction that reads one committed state, for the export (after every commit) and
    other readers of the whole state; nothing may be written in it.

    On SQLite every transaction begins IMMEDIATE (settings), which is how changes queue: a
    reader would queue with them, behind the write lock. This one begins DEFERRED, which in
    WAL mode reads a snapshot and waits for no writer. With two workers changing at once, the
    export of one had waited for the other's change: reading this way, 8 clients switched a
    third more often (bench/bench.py). Inside a transaction it joins it; on PostgreSQL it is
    atomic() as before, where each statement reads the newest commit (a change committed
    between two of them is exported again by its own export, which runs after)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(savepoint=False):
            yield
        return
    connection.ensure_connection()  # the mode is read from the settings when it connects
    mode = connection.transaction_mode
    connection.transaction_mode = None  # Django then sends a plain (deferred) BEGIN
    try:
        with transaction.atomic():
            connection.transaction_mode = mode  # the next transaction queues again
            yield
    finally:
        connection.transaction_mode = mode


# Every change advances the revision and every export reads it: compiled once (core.compiled),
# where compiling the same ORM statement each time cost several times running it.
_ADVANCE = CompiledUpdate(
    lambda now: (
        ConfigRevision.objects.filter(id=1),
        {"revision": Greatest(F("revision") + 1, Value(now))},
    ),
    7_357_000_000_000_001,
)
_REVISION = CompiledQuery(lambda: ConfigRevision.objects.filter(id=1).values_list("revision"))


def bump_revision() -> None:
    """Advance the revision; time-based so a restored database still moves forward.

    One UPDATE: the row is locked by `state_change` already (and the UPDATE locks it anyway).
    """
    now = time.time_ns() // 1000
    if not _ADVANCE.run(now):
        ConfigRevision.lock()  # creates the row
        _ADVANCE.run(now)


def current_revision() -> int:
    rows = _REVISION.rows()
    return (rows[0][0] if rows else 0) or 0


def record_change(summary: str) -> None:
    """Every change to profiles or credentials calls this inside its transaction.

    `summary` is one line for people, e.g. "activated 'Claude – fast'".
    """
    bump_revision()
    config_changed.send(sender=None, summary=summary, exported=True)


def record_event(summary: str) -> None:
    """Record in the history something that changed no stored state (config.json changed
    elsewhere); call it inside `state_change` like a change. Nothing is exported."""
    config_changed.send(sender=None, summary=summary, exported=False)
