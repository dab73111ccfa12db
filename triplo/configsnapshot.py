"""config.json as GET /api/status, GET /api/config and the history's record of Triplo's own
settings read it: once per request, and parsed, fingerprinted and masked once per content of
the file in each process.

The GETs are polled while nothing changes, every change records the settings, and at 1,000
profiles parsing the 250 KB file, taking the fingerprints drift compares and masking its
secrets cost tens of milliseconds a request.
The last snapshot is kept and reused while the file holds exactly the same bytes (compared
whole, not by size or mtime: Triplo rewrites the file in place, possibly within the same
timestamp tick). Its document is shared between requests: read it, never change it.
"""

from dataclasses import dataclass, field
from typing import Any

from triplo import configfile
from triplo.configdoc import masked
from triplo.fingerprints import fingerprint


@dataclass
class Snapshot:
    """The file as read once: its document (None while it cannot be read) or why not."""

    raw: bytes | None
    document: dict[str, Any] | None
    error: configfile.ConfigFileError | None = None
    _fingerprints: dict[str, str] = field(default_factory=dict)
    _masked: dict[str, Any] | None = None

    def settings(self) -> dict[str, Any]:
        """The file's settings ({} while it does not exist); the error while unreadable."""
        if self.error is not None:
            raise self.error
        return self.document.get("settings", {}) if self.raw is not None else {}

    def read_error(self) -> str | None:
        """Why config.json cannot be read ("config.json unreadable: PATH line N: reason");
        not being a regular file is left to the export's outcome, which says so."""
        unreadable = isinstance(self.error, configfile.ConfigFileUnreadable)
        return str(self.error) if unreadable else None

    def drifted_keys(self, state: dict[str, Any]) -> list[str]:
        """Owned keys whose value in the file differs from what the last export wrote (the
        fingerprints in `state`); each of the file's fingerprints is taken once."""
        current = self.settings()
        keys = []
        for key, digest in state.get("fingerprints", {}).items():
            if key not in self._fingerprints:
                self._fingerprints[key] = fingerprint(current.get(key))
            if self._fingerprints[key] != digest:
                keys.append(key)
        return keys

    def document_or_stock(self) -> dict[str, Any]:
        """The document, or Triplo's stock defaults while there is no file (what
        `configfile.read_document` answers); the error while unreadable."""
        if self.error is not None:
            raise self.error
        return self.document if self.raw is not None else configfile.stock_document()

    def masked_document(self) -> dict[str, Any]:
        """The document (the stock defaults while there is no file) with secrets masked."""
        if self._masked is None:
            self._masked = masked(self.document_or_stock())
        return self._masked


_last: Snapshot | None = None  # replaced whole, so threads sharing it need no lock


def read() -> Snapshot:
    """config.json now, reusing the last snapshot's work when the bytes are the same."""
    global _last
    path = configfile.config_path()
    try:
        raw = configfile.read_raw(path)
    except configfile.ConfigFileError as exc:
        return Snapshot(None, None, exc)
    last = _last
    if raw is not None and last is not None and last.raw == raw:
        return last
    try:
        document = configfile.parse_shared(raw, path) if raw is not None else None
    except configfile.ConfigFileError as exc:
        return Snapshot(raw, None, exc)
    snapshot = Snapshot(raw, document)
    if raw is not None:
        _last = snapshot
    return snapshot
