"""HTTP Basic authentication that does not re-hash the password on every request.

Django checks a password with PBKDF2 at 1,000,000 rounds (about half a second here), which
made every `curl -u` call cost 0.5 s of CPU and capped a two-worker server at a few requests a
second. A verified (username, password) pair is remembered in process memory for a few minutes
as an HMAC under a per-process random key; a hit still loads the user, and counts only while the
stored password hash and the active flag are unchanged, so a password change or deactivation
takes effect at once. Written by hand: DRF has no such option and no maintained package does
exactly this. A cache hit is a password verified before; django-axes judges every miss.
"""

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from rest_framework.authentication import BasicAuthentication

from core.compiled import CompiledQuery

TTL_SECONDS = 300
MAX_ENTRIES = 256
_PROCESS_KEY = secrets.token_bytes(32)


class _VerifiedCache:
    def __init__(self) -> None:
        self._entries: OrderedDict[bytes, tuple[Any, str, float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def digest(username: str, password: str) -> bytes:
        return hmac.new(_PROCESS_KEY, f"{username}\0{password}".encode(), hashlib.sha256).digest()

    def get(self, digest: bytes) -> tuple[Any, str] | None:
        with self._lock:
            entry = self._entries.get(digest)
            if entry is None or entry[2] < time.monotonic():
                self._entries.pop(digest, None)
                return None
            return entry[0], entry[1]

    def put(self, digest: bytes, user_pk: Any, password_hash: str) -> None:
        with self._lock:
            self._entries[digest] = (user_pk, password_hash, time.monotonic() + TTL_SECONDS)
            self._entries.move_to_end(digest)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)


_verified = _VerifiedCache()


# A cache hit loads the user by primary key with a statement compiled once: the ORM spent
# ~0.6 ms compiling it on every request, a third of an authenticated GET. A fresh instance each
# time (never shared between requests: it caches permissions).
_USER_BY_PK = CompiledQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk), -271828)


class CachedBasicAuthentication(BasicAuthentication):
    www_authenticate_realm = "triplo-config"

    def authenticate_credentials(self, userid: str, password: str, request: Any = None) -> Any:
        digest = _verified.digest(userid, password)
        if hit := _verified.get(digest):
            user_pk, password_hash = hit
            user = _USER_BY_PK.first(user_pk)
            if user is not None and user.is_active and user.password == password_hash:
                return user, None
        # Django's request, not DRF's: django-axes records the failure from it (DRF's would
        # parse the body to read form fields) and its middleware answers a lockout from it.
        user, auth = super().authenticate_credentials(userid, password, request._request)
        _verified.put(digest, user.pk, user.password)
        return user, auth


def remember_if_valid(username: str, password: str, user: Any) -> bool:
    """Check a password outside any request and remember it as a request's check would.

    gunicorn's master does this at start with WEBUI_USERNAME / WEBUI_PASSWORD (see
    triplo_config.serverstart): the workers it forks inherit the entry, so the first request
    after a restart does not wait half a second for PBKDF2. No upgrade of the stored hash (no
    write), and nothing remembered for an inactive user or a password that is not theirs."""
    if not (user.is_active and check_password(password, user.password)):
        return False
    _verified.put(_verified.digest(username, password), user.pk, user.password)
    return True
