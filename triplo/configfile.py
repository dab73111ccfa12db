"""The only code that reads or writes Triplo's config.json.

Triplo writes the same file, so every write re-reads it under a lock and replaces only the
keys this project owns; everything else survives exactly. Writes are atomic (temp file, fsync,
rename) and keep mode 0600. A small state file in TRIPLO_DATA_DIR remembers what the last
export wrote (revision and a fingerprint per owned key) so a stale writer can step back and a
change made elsewhere can be noticed.
"""

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from django.conf import settings
from filelock import FileLock, Timeout

from core.atomicfile import write_atomic
from core.errors import LOCKED_DETAIL, UserError
from triplo import jsontext, lastparse, regularfile
from triplo.fingerprints import FINGERPRINT_FORMAT, fingerprint

log = logging.getLogger(__name__)

STOCK_TEMPLATE = Path(__file__).with_name("stock-config.json")
STATE_FILE_NAME = "export-state.json"
LOCK_TIMEOUT_SECONDS = 30


class ConfigFileError(UserError):
    """config.json cannot be used as it is; the message names the path and the line.

    A conflict for the API: the user must fix or resolve the file."""

    status = 409


class ConfigFileUnreadable(ConfigFileError):
    """The file is there but cannot be read or parsed: nothing may write it until it can
    (a write would replace what its owner meant), yet the service keeps running."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        where = f"{path} line {line}" if line is not None else str(path)
        super().__init__(f"{Path(path).name} unreadable: {where}: {reason}")


class ConfigFileLocked(ConfigFileError):
    """Another writer held the lock too long: worth retrying, unlike a broken file."""

    status = 503

    def detail(self) -> str:
        return LOCKED_DETAIL


@dataclass(frozen=True)
class OwnedValues:
    """What an export puts under `settings`, and the database revision it came from."""

    revision: int
    values: dict[str, Any]


@dataclass(frozen=True)
class WriteResult:
    written: bool
    stale: bool
    before: dict[str, Any]
    after: dict[str, Any]
    # The file's values this write replaced although they differed from the last export
    # (changed by Triplo or by hand): in memory only, the caller records them masked.
    replaced_drift: dict[str, Any] = field(default_factory=dict)
    # Whether the file written is Triplo's own (TRIPLO_CONFIG_PATH), not a copy elsewhere.
    is_triplos: bool = True


def config_path() -> Path:
    return Path(settings.TRIPLO_CONFIG_PATH)


def is_config_path(path: Path | None) -> bool:
    """Whether `path` is Triplo's own file (TRIPLO_CONFIG_PATH), not a copy written elsewhere."""
    return path is None or path.resolve() == config_path().resolve()


def state_path() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / STATE_FILE_NAME


def stock_document() -> dict[str, Any]:
    """Triplo's stock defaults: what a missing config.json means.

    The template's `llm_key` is one installation's key; it is blanked so that every
    installation generates its own instead of sharing a published one.
    """
    document = json.loads(STOCK_TEMPLATE.read_text())
    document["settings"]["llm_key"] = ""
    return document


def parse(text: str, path: Path | str) -> dict[str, Any]:
    """A config.json document from text; ConfigFileError naming path and line otherwise."""
    try:
        document = jsontext.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigFileUnreadable(path, exc.msg, exc.lineno) from None
    except RecursionError:
        raise ConfigFileUnreadable(path, "nested too deeply to be a Triplo config") from None
    if not isinstance(document, dict):
        raise ConfigFileUnreadable(path, "the document must be a JSON object", 1)
    if not isinstance(document.get("settings", {}), dict):
        raise ConfigFileUnreadable(path, '"settings" must be a JSON object')
    return document


def read_raw(path: Path) -> bytes | None:
    """The file's bytes, None when it does not exist; ConfigFileError when it is no file."""
    try:
        return regularfile.read(path)
    except regularfile.NotRegularFile as exc:
        raise ConfigFileError(f"{path}: {exc}; it must be a regular file or absent") from None
    except OSError as exc:
        raise ConfigFileUnreadable(path, f"cannot be read: {exc.strerror}") from None


def parse_raw(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigFileUnreadable(path, "not UTF-8 text", line) from None
    return parse(text, path)


def parse_shared(raw: bytes, path: Path) -> dict[str, Any]:
    """`parse_raw`, reusing the last parse of the same bytes in this process (lastparse): the
    document is shared with the other readers of those bytes, read it, never change it."""
    return lastparse.parsed(raw, lambda same: parse_raw(same, path))


def read_document(path: Path | None = None) -> dict[str, Any]:
    """The file's document, or the stock defaults when it does not exist yet."""
    path = path or config_path()
    raw = read_raw(path)
    return stock_document() if raw is None else parse_raw(raw, path)


def serialize(document: dict[str, Any]) -> str:
    """2-space indent, keys in the document's order, a final newline."""
    return jsontext.dumps(document, orjson.OPT_INDENT_2, indent=2) + "\n"


def read_state(path: Path | None = None) -> dict[str, Any]:
    """What the last export to this config path wrote; {} when unknown."""
    try:
        state = json.loads(state_path().read_text())
    except (OSError, ValueError):  # unreadable is unknown; writing it will say what is wrong
        return {}
    if not isinstance(state, dict) or state.get("path") != str(path or config_path()):
        return {}
    if state.get("fingerprint_format") != FINGERPRINT_FORMAT:
        state.pop("fingerprints", None)  # compared byte-wise: unknown until the next export
    return state


def _write_state(path: Path, revision: int, values: dict[str, Any]) -> None:
    state = {
        "path": str(path),
        "revision": revision,
        "exported_at": datetime.now(UTC).isoformat(),
        "fingerprint_format": FINGERPRINT_FORMAT,
        "fingerprints": {key: fingerprint(value) for key, value in values.items()},
    }
    with _write_errors(state_path()):  # name the file that failed, not config.json
        write_atomic(state_path(), json.dumps(state, indent=2) + "\n", durable=False)


@contextlib.contextmanager
def lock(path: Path | None = None) -> Iterator[None]:
    """The inter-process lock every writer of config.json holds (a separate .lock file)."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    file_lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS)
    try:
        file_lock.acquire()
    except Timeout:
        raise ConfigFileLocked(
            f"{path}: another writer has held {path.name}.lock for {LOCK_TIMEOUT_SECONDS} s"
        ) from None
    try:
        yield
    finally:
        file_lock.release()


@contextlib.contextmanager
def _write_errors(path: Path) -> Iterator[None]:
    """A file system failure while writing becomes one clear line naming the file."""
    try:
        yield
    except (FileExistsError, NotADirectoryError):  # mkdir or open below a plain file
        raise ConfigFileError(f"{path}: cannot be written: a parent is not a directory") from None
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be written: {exc.strerror or exc}") from None


def update_owned(
    produce: Callable[[dict[str, Any]], OwnedValues],
    *,
    force: bool = False,
    path: Path | None = None,
) -> WriteResult:
    """Merge the owned keys that `produce` returns into the file, under the lock.

    `produce` is called inside the lock with the file's current settings, so it reads the
    newest committed state. A revision older than the one last written is not written unless
    `force` (start-up, an explicit export: the database is then the authority).
    """
    # The state file and what a write triggers concern Triplo's file only, never a copy.
    is_triplos = is_config_path(path)
    path = path or config_path()
    with _write_errors(path), lock(path):
        raw = read_raw(path)  # shared with the history's read of the same bytes: never changed
        document = stock_document() if raw is None else parse_shared(raw, path)
        before = document.get("settings", {})
        owned = produce(before)
        state = read_state(path)
        if not force and owned.revision < state.get("revision", 0):
            log.warning(
                "config.json already holds revision %s, newer than %s; not overwriting",
                state["revision"],
                owned.revision,
            )
            return WriteResult(
                written=False, stale=True, before=before, after=before, is_triplos=is_triplos
            )
        # Shallow copies suffice: nested values are replaced, never changed in place.
        updated = {**document, "settings": {**before, **owned.values}}
        after = updated["settings"]
        # Only owned keys can differ (each compared once: the profile list is large).
        changed = [k for k, v in owned.values.items() if k not in before or before[k] != v]
        written = bool(changed) or not path.exists()
        exported = state.get("fingerprints", {})
        replaced = {  # changed elsewhere since the last export, and about to be overwritten
            key: before.get(key)
            for key in changed
            if before.get(key) != owned.values[key]
            and key in exported
            and fingerprint(before.get(key)) != exported[key]
        }
        if written:
            if replaced:
                log.warning("config.json was changed elsewhere; replacing %s", sorted(replaced))
            write_atomic(path, serialize(updated))
        if is_triplos and (written or state.get("revision") != owned.revision):
            _write_state(path, owned.revision, owned.values)
        return WriteResult(
            written=written,
            stale=False,
            before=before,
            after=after,
            replaced_drift=replaced if written else {},
            is_triplos=is_triplos,
        )


def replace_unowned(
    new_settings: dict[str, Any],
    top_level: dict[str, Any],
    owned_keys: set[str],
    restore: Callable[[Any, Any], Any] = lambda new, current: new,
) -> None:
    """Save settings this project does not own, keeping the owned keys as they are.

    `restore(new, current)` runs under the lock against the file as it is then (the API
    uses it to turn masks sent back from a GET into the stored secrets).
    """
    path = config_path()
    with _write_errors(path), lock():
        document = read_document(path)
        current = document.get("settings", {})
        new_settings = restore(new_settings, current)
        top_level = restore(top_level, document)
        merged = {k: v for k, v in new_settings.items() if k not in owned_keys}
        merged.update({k: v for k, v in current.items() if k in owned_keys})
        updated = {**document, **{k: v for k, v in top_level.items() if k != "settings"}}
        updated["settings"] = merged
        write_atomic(path, serialize(updated))
