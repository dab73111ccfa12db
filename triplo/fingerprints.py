"""Fingerprints of config.json values: what the state file keeps of each owned key, so drift
can be noticed without keeping the values (secrets among them)."""

import contextlib
import functools
import hashlib
import json
from typing import Any

import orjson

# Fingerprints judge values by meaning since format 2; an older state file's are not used.
FINGERPRINT_FORMAT = 2


def _by_value(value: Any) -> Any:
    """Numbers in one form, so 0.0 and 0 agree: Triplo (Electron) re-saves the file with
    JSON.stringify, which writes 0.0 as 0. Key order is left to the sorted encoding."""
    if isinstance(value, dict):
        return {key: _by_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_by_value(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool):
        with contextlib.suppress(OverflowError):  # beyond any float: compared as it is
            if float(value) == value:
                return float(value)
    return value


def _digest(value: Any) -> str:
    normalised = _by_value(value)
    try:
        encoded = orjson.dumps(normalised, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:  # ints beyond 64 bits
        text = json.dumps(normalised, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        encoded = text.encode()
    return hashlib.sha256(encoded).hexdigest()


@functools.lru_cache(maxsize=16)
def _digest_of_encoded(encoded: bytes) -> str:
    return _digest(orjson.loads(encoded))


def fingerprint(value: Any) -> str:
    """A digest of a value's meaning (numbers by value, keys in any order), so the state file
    can compare without holding secrets.

    Remembered by the value's exact encoding: every export fingerprints the whole profile list,
    which seldom changes, and normalising it cost 5 ms at 1,000 profiles; encoding it plainly
    costs a tenth of that. The same bytes always decode to the same value, so a remembered
    digest is always the right one.
    """
    try:
        encoded = orjson.dumps(value)
    except orjson.JSONEncodeError:  # what orjson cannot encode (ints beyond 64 bits)
        return _digest(value)
    return _digest_of_encoded(encoded)
