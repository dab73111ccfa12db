"""The least the decided stack can do per request, for bench/floors.py.

Django 5.2 and Django REST framework, as triplo-config uses them, with everything else taken
away: no middleware, no authentication, no database, no history, no lock. Each endpoint does
what bench/oldui.py's does, with the two differences the mission asks for: the switch writes
config.json as a file that a reader can never find half-written (temp file, fsync,
`os.replace`, fsync of the directory; REFERENCE §5), where the old UI wrote over it; and the
provider's key it writes is kept encrypted (django-cryptography-5), decrypted once per process
as triplo-config does.

Whatever triplo-config adds (authentication, the security middlewares, the database, the
history, the export's lock and state) can only cost more, so a goal this misses cannot be met
by any code on this stack that writes safely.

Environment: BENCH_CONFIG_PATH (the file).
"""

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
    MIDDLEWARE=[],
    DATABASES={},
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    },
)
django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402 - needs the settings above
from django.urls import path  # noqa: E402
from django_cryptography.utils.crypto import FernetBytes  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

CONFIG_PATH = Path(os.environ["BENCH_CONFIG_PATH"])
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


class Config(APIView):
    def get(self, request: Request) -> Response:
        return Response(json.loads(CONFIG_PATH.read_text()))

    def post(self, request: Request) -> Response:
        document = json.loads(CONFIG_PATH.read_text())
        document.setdefault("settings", {})["ai_source"] = request.data["ai_source"]
        document["floor_key"] = _provider_key()
        _write_whole(document)
        return Response({"success": True})


class Providers(APIView):
    def get(self, request: Request) -> Response:
        return Response(PROVIDERS)


urlpatterns = [path("api/config", Config.as_view()), path("api/providers", Providers.as_view())]
app = get_wsgi_application()
