"""How a stored secret is shown after it is saved: never in clear."""

import re
from urllib.parse import urlsplit, urlunsplit

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


def mask_url_password(text: str) -> str:
    """The text with the password of a URL like http://user:pw@host masked; else unchanged."""
    if "@" not in text or "://" not in text:
        return text
    try:
        parts = urlsplit(text)
        password = parts.password
    except ValueError:
        return text
    if not password:
        return text
    userinfo, _, hostinfo = parts.netloc.rpartition("@")
    user = userinfo.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:{FULL_MASK}@{hostinfo}"))
