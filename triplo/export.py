"""Writing the committed database state into config.json.

Every change calls `core.changes.record_change()` inside its transaction; the receiver here
schedules one export for after the commit. The export re-reads the committed state under the
config.json lock, so whichever export runs last writes the newest state.
"""

import contextlib
import copy
import itertools
import logging
import secrets
import string
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from core.changes import committed_snapshot, current_revision
from core.errors import one_line
from credentials import providers
from credentials.models import SecretsUnreadable
from profiles import document
from triplo import configfile, exportstatus, legacy, overwritten, runtime

log = logging.getLogger(__name__)


def generate_llm_key() -> str:
    """Triplo's local-LLM key: four groups of four lowercase letters/digits."""
    alphabet = string.ascii_lowercase + string.digits
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


class _Scheduled(threading.local):
    """Marks of the exports scheduled on this thread (a connection belongs to one thread).

    Each change schedules a callback with the next mark; the first callback to run after a
    commit exports and claims every mark handed out so far, so the callbacks of the same
    commit that follow it return at once. Why marks and not one flag: a flag set when
    scheduling must be cleared when the transaction ends, and Django tells nobody about a
    rollback (the callbacks are dropped silently), nor about a savepoint rolled back with the
    one callback that held the flag; and reading Django's private queue of callbacks
    (`connection.run_on_commit`) is what this replaces. With marks, whatever callbacks survive
    a commit, the first of them exports, and a dropped one leaves nothing behind.
    """

    def __init__(self) -> None:
        self.marks = itertools.count(1)
        self.handed_out = 0
        self.exported_through = 0


_scheduled = _Scheduled()


def _export_after_commit(mark: int) -> None:
    """The scheduled export: the change is committed whatever happens to the file, so a file
    that cannot be written is a recorded outcome and one log line, not an error raised."""
    if mark <= _scheduled.exported_through:
        return  # an export after this commit has run already
    _scheduled.exported_through = _scheduled.handed_out
    try:
        export()
    except (configfile.ConfigFileError, SecretsUnreadable) as exc:
        log.error("config.json was not written: %s", one_line(exc))


def schedule_export() -> None:
    """Export once after the current transaction commits (at once outside a transaction)."""
    mark = _scheduled.handed_out = next(_scheduled.marks)
    transaction.on_commit(lambda: _export_after_commit(mark), robust=True)


def legacy_values(state: dict[str, Any]) -> dict[str, Any]:
    """The single-provider fields Triplo reads, derived from the active profile of an
    `exported_state()`.

    The `enable_*` switches are the user's: the one the active profile needs is turned on,
    none is ever turned off (REFERENCE §2b).
    """
    active_id = state[document.ACTIVE_KEY]
    active = next((p for p in state[document.PROFILES_KEY] if p["id"] == active_id), None)
    if active is None:
        return {}
    credentials = state[document.CREDENTIALS_KEY]
    provider = providers.PROVIDERS[active["provider"]]
    values: dict[str, Any] = {
        "ai_source": provider.legacy.source,
        "temperature": active["temperature"],
        "presence_penalty": active["presence_penalty"],
        provider.legacy.enable_flag: True,
    }
    for hosted in providers.PROVIDERS.values():
        if hosted.legacy.key:
            values[hosted.legacy.key] = (credentials.get(hosted.id) or {}).get("api_key") or ""
    for key in provider.legacy.model_keys:
        values[key] = active["model"]
    for local in providers.PROVIDERS.values():
        if stored := credentials.get(local.id):
            for name, key in local.legacy.credential_keys:
                values[key] = copy.copy(stored[name])
    local_models = values.get("ollama_models", [])
    if provider.legacy.local_llm == "list" and active["model"] not in local_models:
        values["ollama_models"] = [*local_models, active["model"]]
    if provider.legacy.local_llm == "endpoint":
        own = credentials.get(provider.id)
        values["ollama_url"] = legacy.server_root(own[provider.endpoint_field]) if own else ""
        values["ollama_models"] = [active["model"]]
    return values


def owned_values(current: dict[str, Any]) -> configfile.OwnedValues:
    """Everything this project owns in `settings`, from the committed database state."""
    with committed_snapshot():
        revision = current_revision()
        state = document.exported_state()
    values: dict[str, Any] = {**state, **legacy_values(state)}
    if not current.get("llm_key"):
        values["llm_key"] = settings.TRIPLO_LLM_KEY or generate_llm_key()
    return configfile.OwnedValues(revision=revision, values=values)


def export(force: bool = False, path: Path | None = None) -> configfile.WriteResult:
    """Write the committed state to config.json; when the file changed, keep what it replaced
    that had been changed elsewhere, and restart Triplo if a field it reads changed.

    The outcome of every export to Triplo's file is recorded (`exportstatus`): run after the
    commit, a failure would otherwise reach nobody.
    """
    try:
        result = configfile.update_owned(owned_values, force=force, path=path)
    except Exception as exc:
        if configfile.is_config_path(path):
            exportstatus.record(one_line(exc) or type(exc).__name__)
        raise
    if not result.is_triplos:
        return result
    exportstatus.record(None)
    if not result.written:
        return result
    if result.replaced_drift:
        overwritten.record(result.replaced_drift)
    runtime.restart_after_write(result.before, result.after)
    return result


def export_now() -> dict[str, Any]:
    """Export the database to config.json now (a retry) and return the recorded outcome.

    Forced: the database is the authority, as for `export_config`. What makes a file unusable
    is recorded and answered, not raised; anything else still raises (and is recorded).
    """
    with contextlib.suppress(configfile.ConfigFileError, SecretsUnreadable):
        export(force=True)
    return exportstatus.recorded_here()
