"""What a start loads: modules only some requests need stay out of every process until then.

Each check runs in a fresh interpreter on the real settings (on SQLite), as gunicorn's workers
and `manage.py bootstrap` start.
"""

import json
import subprocess
import sys

from tests.cli import REPO

WORKER = """
import json, sys
import triplo_config.wsgi
from django.urls import resolve
resolve("/api/llm/providers")
print(json.dumps(sorted(name for name, module in sys.modules.items() if module)))
"""
FORKABLE = """
import threading
import triplo_config.wsgi
from django.db import connections
print(all(connections[alias].connection is None for alias in connections))
print(threading.active_count())
"""
SCHEMA = """
import sys
import triplo_config.wsgi
from django.urls import resolve
resolve("/api/llm/providers")
print("placeholder" if sys.modules["rest_framework.test"].__spec__ is None else "real")
from drf_spectacular.generators import SchemaGenerator
print(len(SchemaGenerator().get_schema(request=None, public=True)["paths"]))
print(sys.modules["rest_framework.test"].APIClient.__module__)
"""
COMMAND = """
import json, sys
import django
django.setup()
print(json.dumps(sorted(name for name, module in sys.modules.items() if module)))
"""


def run(code: str, tmp_path) -> list[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "triplo_config.settings",
        "TRIPLO_DATA_DIR": str(tmp_path / "data"),
        "TRIPLO_CONFIG_PATH": str(tmp_path / "config.json"),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def loaded(code: str, tmp_path) -> set[str]:
    return set(json.loads(run(code, tmp_path)[-1]))


def test_a_worker_loads_no_provider_client_nor_postgres_nor_test_tools(tmp_path):
    modules = loaded(WORKER, tmp_path)
    assert "rest_framework.views" in modules  # the API itself is loaded
    unwanted = {"httpx", "httpcore", "psycopg", "django.contrib.postgres.fields", "requests"}
    assert unwanted.isdisjoint(modules)
    # drf-spectacular's import of DRF's request factory is deferred to the schema's first build
    assert {"django.test", "unittest", "xml.dom"}.isdisjoint(modules)


def test_a_worker_still_builds_the_schema_with_drf_test_tools_loaded_then(tmp_path):
    lines = run(SCHEMA, tmp_path)
    assert lines[0] == "placeholder"
    assert int(lines[1]) > 30  # the API's paths, generated with a mock request per operation
    assert lines[2] == "rest_framework.test"  # the real module, loaded on first use


def test_commands_load_no_api(tmp_path):
    modules = loaded(COMMAND, tmp_path)
    assert "credentials.models" in modules
    assert {"rest_framework.serializers", "rest_framework.views", "httpx"}.isdisjoint(modules)


def test_the_app_imports_without_a_connection_or_a_thread_a_fork_would_share(tmp_path):
    """gunicorn imports the app in its master and forks the workers (preload_app)."""
    assert run(FORKABLE, tmp_path)[-2:] == ["True", "1"]
