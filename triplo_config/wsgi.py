"""WSGI entry point used by gunicorn."""

import importlib
import os
import sys
import threading
import types
from collections.abc import Callable

# Packages the development venv installs for the tests, which DRF and Django's test utilities
# (loaded with the schema's first build, below) import whenever they are installed: requests
# for DRF's test client, pygments for its browsable API, jinja2 for Django's template tests. A
# worker uses none of them and the image installs none; without this, a worker started from the
# venv (`make run`, the tests, bench/) carries more than the image's and starts later.
for _unused in ("requests", "pygments", "jinja2"):
    sys.modules.setdefault(_unused, None)


def _defer(name: str, *stand_ins: str) -> None:
    """Puts a placeholder for module `name` in sys.modules, which imports the real module the
    first time anything reads from it, under a lock so two threads load it once. `stand_ins`
    are names an importer takes at load time (`from name import X`) without using them yet:
    each calls the real X when called.

    Why: libraries import modules at load time that a worker needs only for rare requests, and
    each costs every worker its code objects for good (see the calls below)."""
    placeholder = types.ModuleType(name)
    swap = threading.RLock()  # re-entrant: the real module's import may read from it
    loaded: list[types.ModuleType] = []

    def real() -> types.ModuleType:
        if loaded:  # importers that kept the placeholder still read through it
            return loaded[0]
        with swap:
            if not loaded:
                if sys.modules.get(name) is placeholder:
                    del sys.modules[name]
                loaded.append(importlib.import_module(name))
            return loaded[0]

    for stand_in in stand_ins:
        setattr(placeholder, stand_in, _calling(real, stand_in))

    def attribute(attr: str) -> object:
        # The import system asks for __path__, __spec__ and the like on every `from name
        # import X`: a plain module's answers. (So nothing may import a submodule of `name`
        # before reading from it; nothing in a worker does.)
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(real(), attr)

    placeholder.__getattr__ = attribute
    sys.modules.setdefault(name, placeholder)


def _calling(real: Callable[[], types.ModuleType], attribute: str) -> Callable[..., object]:
    return lambda *args, **kwargs: getattr(real(), attribute)(*args, **kwargs)


# drf-spectacular imports DRF's APIRequestFactory when it loads, for the mock request it builds
# while generating the schema; with it come django.test, unittest, xml.dom, http.server and
# wsgiref (about 2 MB). The schema's first build (GET /api/schema) loads them.
_defer("rest_framework.test", "APIRequestFactory")
# Django imports sqlparse for SQL scripts (migrations, sqlflush) and DRF imports PyYAML for its
# YAML renderer, which only the schema's YAML form uses. With drf-spectacular's views built on
# their first request (core.api_schema), a worker holds about 1 MB less. Both placeholders must
# be in place before Django is imported.
_defer("sqlparse")
_defer("yaml")

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after the placeholders

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triplo_config.settings")
application = get_wsgi_application()
