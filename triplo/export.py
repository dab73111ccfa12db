"""Writing the committed database state into config.json.

Every change calls `record_change()` inside its transaction: it bumps the revision and
schedules one export for after the commit. The export re-reads the committed state under the
config.json lock, so whichever export runs last writes the newest state.
"""

import contextlib
import functools
import logging
import secrets
import string
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Greatest

from core.errors import one_line
from credentials import providers
from credentials.models import ProviderCredential, SecretsUnreadable
from profiles.models import ConfigRevision, LlmProfile
from triplo import configfile, exportstatus, legacy

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

# Called with (settings before, settings after) after each export that wrote Triplo's
# config.json (TRIPLO_CONFIG_PATH; not an export to another path).
after_write_hooks: list[Callable[[dict[str, Any], dict[str, Any]], None]] = []
# Called with the file's values an export to config.json replaced although they had been
# changed elsewhere since the last export (raw values: hooks must mask secrets).
drift_replaced_hooks: list[Callable[[dict[str, Any]], None]] = []


def generate_llm_key() -> str:
    """Triplo's local-LLM key: four groups of four lowercase letters/digits."""
    alphabet = string.ascii_lowercase + string.digits
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def state_change(func: Callable[P, R]) -> Callable[P, R]:
    """Run a service in one transaction that first locks the revision row, so changes to the
    exported state queue up instead of racing (PostgreSQL row lock; SQLite's IMMEDIATE
    transactions already queue). Every check the service makes then sees a settled state."""

    @functools.wraps(func)
    def locked(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic():
            ConfigRevision.lock()
            return func(*args, **kwargs)

    return locked


def bump_revision() -> None:
    """Advance the revision; time-based so a restored database still moves forward.

    One UPDATE: the row is locked by `state_change` already (and the UPDATE locks it anyway).
    """
    advanced = Greatest(F("revision") + 1, Value(time.time_ns() // 1000))
    if not ConfigRevision.objects.filter(id=1).update(revision=advanced):
        ConfigRevision.lock()
        ConfigRevision.objects.filter(id=1).update(revision=advanced)


def current_revision() -> int:
    return ConfigRevision.objects.filter(id=1).values_list("revision", flat=True).first() or 0


def _export_after_commit() -> None:
    """The scheduled export: the change is committed whatever happens to the file, so a file
    that cannot be written is a recorded outcome and one log line, not an error raised."""
    try:
        export()
    except (configfile.ConfigFileError, SecretsUnreadable) as exc:
        log.error("config.json was not written: %s", one_line(exc))


def _export_pending() -> bool:
    return any(callback is _export_after_commit for _, callback, _ in connection.run_on_commit)


def schedule_export() -> None:
    """Export once after the current transaction commits (at once outside a transaction)."""
    if not _export_pending():
        transaction.on_commit(_export_after_commit, robust=True)


# Called with the summary inside the changing transaction (the history records versions here).
change_hooks: list[Callable[[str], None]] = []


def record_change(summary: str) -> None:
    """Every change to profiles or credentials calls this inside its transaction.

    `summary` is one line for people, e.g. "activated 'Claude – fast'".
    """
    bump_revision()
    for hook in change_hooks:
        hook(summary)
    schedule_export()


def record_event(summary: str) -> None:
    """Record in the history something that changed no stored state (config.json changed
    elsewhere); call it inside `state_change` like a change. Nothing is exported."""
    for hook in change_hooks:
        hook(summary)


def credential_document(credential: ProviderCredential) -> dict[str, Any]:
    """A credential in the shape of `provider_credentials`; empty optional secrets are null."""
    document = {}
    for spec in providers.PROVIDERS[credential.provider].credential_fields:
        value = getattr(credential, spec.name)
        document[spec.name] = None if spec.secret and not value else value
    return document


PROFILE_DOCUMENT_FIELDS = (
    "id", "name", "provider", "model", "temperature", "presence_penalty", "options",
)  # fmt: skip


def profile_documents(profiles: QuerySet[LlmProfile]) -> list[dict[str, Any]]:
    """Profiles as `llm_profiles` holds them, read as plain rows (no model instances: an
    export of 1,000 profiles spent most of its database time building them)."""
    rows = profiles.values_list(*PROFILE_DOCUMENT_FIELDS)
    return [dict(zip(PROFILE_DOCUMENT_FIELDS, (str(pk), *rest), strict=True)) for pk, *rest in rows]


def legacy_values(
    active: LlmProfile | None, credentials: dict[str, ProviderCredential]
) -> dict[str, Any]:
    """The single-provider fields Triplo reads, derived from the active profile.

    The `enable_*` switches are the user's: the one the active profile needs is turned on,
    none is ever turned off (REFERENCE §2b).
    """
    if active is None:
        return {}
    provider = providers.PROVIDERS[active.provider]
    values: dict[str, Any] = {
        "ai_source": provider.legacy.source,
        "temperature": active.temperature,
        "presence_penalty": active.presence_penalty,
        provider.legacy.enable_flag: True,
    }
    for hosted in providers.PROVIDERS.values():
        if hosted.legacy.key:
            credential = credentials.get(hosted.id)
            values[hosted.legacy.key] = credential.api_key if credential else ""
    for key in provider.legacy.model_keys:
        values[key] = active.model
    ollama = credentials.get(providers.OLLAMA)
    if ollama:
        values["ollama_url"] = ollama.url
        values["ollama_models"] = list(ollama.models)
    if active.provider == providers.OLLAMA and active.model not in values.get("ollama_models", []):
        values["ollama_models"] = [*values.get("ollama_models", []), active.model]
    if active.provider == providers.CUSTOM_HTTP:
        custom = credentials.get(providers.CUSTOM_HTTP)
        values["ollama_url"] = legacy.server_root(custom.base_url) if custom else ""
        values["ollama_models"] = [active.model]
    return values


def owned_values(current: dict[str, Any]) -> configfile.OwnedValues:
    """Everything this project owns in `settings`, from the committed database state."""
    with transaction.atomic():
        revision = current_revision()
        documents = profile_documents(LlmProfile.objects.ordered())
        active = LlmProfile.objects.active()
        credentials = {c.provider: c for c in ProviderCredential.objects.all()}
    values: dict[str, Any] = {
        legacy.PROFILES_KEY: documents,
        legacy.ACTIVE_KEY: str(active.id) if active else None,
        legacy.CREDENTIALS_KEY: {
            provider_id: credential_document(credentials[provider_id])
            for provider_id in providers.PROVIDERS
            if provider_id in credentials
        },
        **legacy_values(active, credentials),
    }
    if not current.get("llm_key"):
        values["llm_key"] = settings.TRIPLO_LLM_KEY or generate_llm_key()
    return configfile.OwnedValues(revision=revision, values=values)


def export(force: bool = False, path: Path | None = None) -> configfile.WriteResult:
    """Write the committed state to config.json; run the hooks when the file changed.

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
        for drift_hook in drift_replaced_hooks:
            drift_hook(result.replaced_drift)
    for hook in after_write_hooks:
        hook(result.before, result.after)
    return result


def export_now() -> dict[str, Any]:
    """Export the database to config.json now (a retry) and return the recorded outcome.

    Forced: the database is the authority, as for `export_config`. What makes a file unusable
    is recorded and answered, not raised; anything else still raises (and is recorded).
    """
    with contextlib.suppress(configfile.ConfigFileError, SecretsUnreadable):
        export(force=True)
    return exportstatus.recorded_here()
