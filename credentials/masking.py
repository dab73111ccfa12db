"""How a stored secret is shown after it is saved: never in clear."""

import re
from collections.abc import Iterable
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


# Key-shaped words: a vendor-style prefix (sk-, pk-, rk-, key_ …) or a long opaque token.
_KEY_LIKE = re.compile(r"\b(?:sk|pk|rk|key)[-_][\w*\-]{4,}|[\w\-]{32,}")


def mask_key_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Text from elsewhere (a provider's error message quoting the key it got) with the given
    secrets and anything key-shaped masked."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, mask(secret))
    return _KEY_LIKE.sub(lambda match: mask(match.group()), text)
