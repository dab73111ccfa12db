"""How a stored secret is shown after it is saved: never in clear."""

import re

FULL_MASK = "••••••••"
# Vendor prefixes are public knowledge and help a user tell keys apart.
_PUBLIC_PREFIX = re.compile(r"^(sk-(?:or-v1-|or-|ant-api\d\d-|ant-|proj-)?)")
# However long the prefix, at least this many characters stay hidden.
_MIN_HIDDEN = 8


def mask(secret: str) -> str:
    """`sk-…abcd` for a secret of 12+ characters, a full mask otherwise, "" for none."""
    if not secret:
        return ""
    if len(secret) < 12:
        return FULL_MASK
    match = _PUBLIC_PREFIX.match(secret)
    prefix = match.group(1) if match else ""
    if len(secret) - len(prefix) - 4 < _MIN_HIDDEN:
        prefix = ""
    return f"{prefix}…{secret[-4:]}"
