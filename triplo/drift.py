"""config.json changed elsewhere (Triplo switched provider, someone edited it by hand).

On every read the owned fields in the file are compared with the fingerprints the last export
wrote. Nothing is overwritten silently: the export that replaces drifted values records them
(masked), and the user can resolve drift either way: keep the database (re-export) or keep the
file (import its legacy LLM fields into the active profile and credentials).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import record_change, record_event, state_change
from core.context import as_actor
from core.errors import Conflict
from credentials import providers
from credentials.models import ProviderCredential
from profiles import credential_services
from profiles import services as profile_services
from profiles.models import LlmProfile
from triplo import configfile, configsnapshot, legacy
from triplo.configdoc import masked
from triplo.configsnapshot import Snapshot
from triplo.export import export, owned_values
from triplo.fingerprints import fingerprint

SEEN_FILE = "drift-seen.json"  # a digest of the drift last recorded in the history
KEEP_CHOICES = ("database", "file")


def _drifted(
    snapshot: Snapshot | None, state: dict[str, Any] | None
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(last export's state, the file's settings, owned keys changed since that export);
    ConfigFileError when the file cannot be read. Either is read now unless given."""
    state = configfile.read_state() if state is None else state
    if not state.get("fingerprints"):
        return state, {}, []
    snapshot = snapshot or configsnapshot.read()
    return state, snapshot.settings(), snapshot.drifted_keys(state)


def _unreadable(exc: configfile.ConfigFileError) -> dict[str, Any]:
    return {"config.json": {"file": str(exc), "exported": None}}


def _report(current: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    if not keys:
        return {}
    database = owned_values(current).values
    return {
        key: {"file": masked(current.get(key), key), "exported": masked(database.get(key), key)}
        for key in keys
    }


def config_drift() -> dict[str, Any]:
    """{field: {"file": ..., "exported": ...}} for owned fields changed since the last export.

    "exported" is the database's value now, i.e. what keeping the database would write.
    """
    try:
        _, current, keys = _drifted(None, None)
    except configfile.ConfigFileError as exc:
        return _unreadable(exc)
    return _report(current, keys)


def observe(snapshot: Snapshot, state: dict[str, Any]) -> dict[str, Any]:
    """config_drift() for /api/status (from the file and export state it read already), after
    recording a newly seen drift in the history and, with TRIPLO_ON_DRIFT=database, writing the
    database's values back at once."""
    try:
        state, current, keys = _drifted(snapshot, state)
    except configfile.ConfigFileError as exc:
        return _unreadable(exc)  # reported, never written back
    if not keys:
        return {}
    seen = fingerprint([state.get("exported_at"), {k: current.get(k) for k in keys}])
    # Checked before taking the lock too: /api/status is polled while the drift lasts.
    newly_seen = _last_sighting() != seen and _record_sighting(sorted(keys), seen)
    if settings.TRIPLO_ON_DRIFT != "database":
        return _report(current, keys)
    if not newly_seen:
        export()  # seen before and still there: the last write-back did not happen
    return config_drift()


@state_change
def _record_sighting(keys: list[str], seen: str) -> bool:
    """One history entry per drift (a digest of the file's values and of the export they
    differ from), however often /api/status looks; False when it was recorded already."""
    if _last_sighting() == seen:
        return False
    summary = f"config.json changed elsewhere: {', '.join(keys)}"
    with as_actor("config.json"):
        if settings.TRIPLO_ON_DRIFT == "database":
            record_change(f"{summary}; triplo-config's values written back")
        else:
            record_event(f"{summary}; waiting for the user to keep one side")
    configfile.write_atomic(_seen_path(), seen + "\n", durable=False)
    return True


def _seen_path() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / SEEN_FILE


def _last_sighting() -> str | None:
    try:
        return _seen_path().read_text().strip()
    except FileNotFoundError:
        return None


def resolve(keep: Any) -> dict[str, Any]:
    """Make config.json and the database agree again; the answer is the remaining drift."""
    if keep not in KEEP_CHOICES:
        raise ValidationError({"keep": [f"must be one of: {', '.join(KEEP_CHOICES)}"]})
    if keep == "file":
        keep_file()
    export(force=True)
    return config_drift()


def _file_model(provider: providers.Provider, file: dict[str, Any], current: LlmProfile) -> str:
    """The model the legacy fields name for this provider, else the profile's own (same
    provider) or the catalogue default."""
    same = current.provider == provider.id
    if provider.legacy.local_llm == "list":
        models = legacy.ollama_models_of(file, [])
        if same and current.model in models:
            return current.model
        return models[0] if models else provider.default_model
    named = file.get("openai_model") if provider.legacy.model_keys else None
    if isinstance(named, str) and (model := legacy.imported_model(provider.id, named.strip())):
        return model
    return current.model if same else provider.default_model


def _endpoint_base_url(provider: providers.Provider, file_root: str) -> str:
    """An OpenAI-compatible endpoint's base URL for the server root the file holds: the stored
    one while it still points there (it may end in /v1 or not), else that root plus /v1."""
    stored = ProviderCredential.objects.filter(provider=provider.id).first()
    base_url = getattr(stored, provider.endpoint_field, "") if stored else ""
    if base_url and legacy.server_root(base_url) == file_root.rstrip("/"):
        return base_url
    return file_root.rstrip("/") + "/v1"


@transaction.atomic
def keep_file() -> None:
    """Import the file's legacy LLM fields into the active profile and credentials."""
    active = LlmProfile.objects.active()
    if active is None:
        raise Conflict("no profile is active: activate one before keeping the file's values")
    if not configfile.config_path().exists():
        raise Conflict(f"{configfile.config_path()} does not exist: there is nothing to keep")
    try:
        file = configfile.read_document().get("settings", {})
    except configfile.ConfigFileError as exc:
        raise ValidationError({"keep": [f"config.json cannot be read: {exc}"]}) from None
    source = file.get("ai_source", providers.OPEN_AI)
    if legacy.source_provider(source) is None:  # an import would fall back to OpenAI
        reason = f"ai_source {str(source)[:64]!r} is not a Triplo AI source"
        raise ValidationError({"keep": [f"config.json cannot be imported: {reason}"]})
    plan_source = {key: file[key] for key in legacy.TRIPLO_READS if key in file}
    plan = legacy.plan_from_document({"settings": plan_source})
    spec = plan.profiles[0]
    provider = providers.PROVIDERS[spec.provider]
    if legacy.legacy_source(active.provider) == spec.provider:
        provider = providers.PROVIDERS[active.provider]  # custom HTTP travels as "ollama"
    credentials = dict(plan.credentials)
    if provider.legacy.local_llm == "endpoint" and spec.provider in credentials:
        # The file's local-LLM server is this endpoint's, not an Ollama server.
        root = credentials.pop(spec.provider)[providers.PROVIDERS[spec.provider].endpoint_field]
        credentials = {provider.id: {provider.endpoint_field: _endpoint_base_url(provider, root)}}
    for provider_id, fields in credentials.items():
        credential_services.set_credential(provider_id, **fields)
    changes: dict[str, Any] = {
        "provider": provider.id,
        "model": _file_model(provider, file, active),
        "temperature": spec.temperature,
        "presence_penalty": spec.presence_penalty,
    }
    if provider.id != active.provider:
        changes["options"] = {}
    profile_services.update_profile(active.pk, **changes)
