"""The least a DRF view can do per request: the stack floor of bench/bench.py.

Django 5.2 and Django REST framework, as triplo-config uses them, with everything else taken
away: no database, no history, no lock, no middleware but CommonMiddleware (for the
Content-Length the other two servers send; without it gunicorn chunks the answer), and HTTP
Basic checked as cheaply as bench/oldui.py checks it (compared with the configured user: no
password hash, no user row). Each endpoint does what bench/oldui.py's does, with the two
differences the mission asks for: the switch writes config.json as a file that a reader can
never find half-written (temp file, fsync, `os.replace`, fsync of the directory; REFERENCE
§5), where the old UI wrote over it; and the provider's key it writes is kept encrypted
(django-cryptography-5), decrypted once per process as triplo-config does.

What it bounds: a DRF view that switches safely, or answers an authenticated GET, cannot do
less. Not a bound for everything: plain Django views skip DRF's request handling, and
triplo-config answers GET /api/config from a masked document it keeps while config.json's bytes
are unchanged, where this parses the file each time, as the reference does.

Environment: BENCH_CONFIG_PATH (the file), WEBUI_USERNAME / WEBUI_PASSWORD.
"""

import base64
import binascii
import hmac
import json
import os
import tempfile
from functools import cache
from pathlib import Path

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-" + "x" * 40,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    DATABASES={},
    REST_FRAMEWORK={
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    },
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - needs the settings above
from django.urls import path  # noqa: E402
from django_cryptography.utils.crypto import FernetBytes  # noqa: E402
from rest_framework.authentication import BaseAuthentication  # noqa: E402
from rest_framework.permissions import IsAuthenticated  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

CONFIG_PATH = Path(os.environ["BENCH_CONFIG_PATH"])
USER, PASSWORD = os.environ["WEBUI_USERNAME"], os.environ["WEBUI_PASSWORD"]
PROVIDERS = [{"id": p} for p in ("open_ai", "open_router", "anthropic", "ollama")]
STORED_KEY = FernetBytes().encrypt(b"sk-floor-key")


@cache
def _provider_key() -> str:
    return FernetBytes().decrypt(STORED_KEY).decode()


def _write_whole(document: dict) -> None:
    fd, temp = tempfile.mkstemp(dir=CONFIG_PATH.parent, prefix=".config.json.")
    with os.fdopen(fd, "w") as f:
        json.dump(document, f, indent=2)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp, CONFIG_PATH)
    directory = os.open(CONFIG_PATH.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class _User:
    """The configured user: no row, nothing to load."""

    is_authenticated = True


class ConfiguredUser(BaseAuthentication):
    """HTTP Basic against the configured user, as the reference does it (401 otherwise)."""

    def authenticate(self, request: Request) -> tuple[_User, None] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith("Basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        if hmac.compare_digest(user, USER) & hmac.compare_digest(password, PASSWORD):
            return _User(), None
        return None

    def authenticate_header(self, request: Request) -> str:
        return 'Basic realm="floor"'


class _Floor(APIView):
    """Every endpoint needs the configured user, as on the other two servers."""

    authentication_classes = [ConfiguredUser]
    permission_classes = [IsAuthenticated]


class Config(_Floor):
    """GET: the file as it is; POST: the old-style switch, written safely."""

    def get(self, request: Request) -> Response:
        return Response(json.loads(CONFIG_PATH.read_text()))

    def post(self, request: Request) -> Response:
        document = json.loads(CONFIG_PATH.read_text())
        document.setdefault("settings", {})["ai_source"] = request.data["ai_source"]
        document["floor_key"] = _provider_key()
        _write_whole(document)
        return Response({"success": True})


class Providers(_Floor):
    """The trivial GET: a constant list, as the reference's."""

    def get(self, request: Request) -> Response:
        return Response(PROVIDERS)


urlpatterns = [path("api/config", Config.as_view()), path("api/providers", Providers.as_view())]
app = get_wsgi_application()
