"""The last config.json content parsed in this process, shared by the readers of the same bytes.

Every change read the file twice: the history records Triplo's own settings
(triplo.configsnapshot), then the export merges the owned keys into it under its lock
(triplo.configfile). At 1,000 profiles that was two parses of 250 KB per activation, of the
same bytes unless something wrote the file in between. The bytes are compared whole (a
fraction of a parse), so a document is reused only for exactly the content it was parsed
from. Shared: read it, never change it.
"""

from collections.abc import Callable
from typing import Any

_last: tuple[bytes, Any] | None = None  # replaced whole, so threads sharing it need no lock


def parsed(raw: bytes, parse: Callable[[bytes], Any]) -> Any:
    """`parse(raw)`, or the document the last parse made of the same bytes; what `parse`
    raises is raised (and nothing is remembered)."""
    global _last
    last = _last
    if last is not None and last[0] == raw:
        return last[1]
    document = parse(raw)
    _last = (raw, document)
    return document
