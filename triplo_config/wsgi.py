"""WSGI entry point used by gunicorn."""

import importlib
import os
import sys
import threading
import types

from django.core.wsgi import get_wsgi_application

# Packages the development venv installs for the tests, which DRF and Django's test utilities
# (loaded with the schema's first build, below) import whenever they are installed: requests
# for DRF's test client, pygments for its browsable API, jinja2 for Django's template tests. A
# worker uses none of them and the image installs none; without this, a worker started from the
# venv (`make run`, the tests, bench/) carries more than the image's and starts later.
for _unused in ("requests", "pygments", "jinja2"):
    sys.modules.setdefault(_unused, None)


def _defer_drf_test_tools() -> None:
    """drf-spectacular imports DRF's APIRequestFactory when it loads, for the mock request it
    builds while generating the schema; with it come django.test, unittest, xml.dom, http.server
    and wsgiref (about 2 MB in every worker). The name it imports stands in for the real factory
    and loads DRF's test module on first use (a GET /api/schema); any other name loads it too."""
    placeholder = types.ModuleType("rest_framework.test")
    swap = threading.Lock()  # two threads building the schema at once load it once

    def real() -> types.ModuleType:
        with swap:
            if sys.modules.get("rest_framework.test") is placeholder:
                del sys.modules["rest_framework.test"]
            return importlib.import_module("rest_framework.test")

    placeholder.APIRequestFactory = lambda *args, **kwargs: real().APIRequestFactory(
        *args, **kwargs
    )

    def attribute(name: str) -> object:
        if name.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(name)
        return getattr(real(), name)

    placeholder.__getattr__ = attribute
    sys.modules.setdefault("rest_framework.test", placeholder)


_defer_drf_test_tools()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triplo_config.settings")
application = get_wsgi_application()
