"""What a start loads: modules only some requests need stay out of every process until then.

Each check runs in a fresh interpreter on the real settings (on SQLite), as gunicorn's workers
and `manage.py bootstrap` start.
"""

import json

from tests.cli import run_python

WORKER = """
import json, sys
import triplo_config.wsgi
from django.urls import resolve
resolve("/api/llm/providers")
# a deferred module's placeholder has no spec
print(json.dumps(sorted(n for n, m in sys.modules.items() if getattr(m, "__spec__", None))))
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

def state(name):
    module = sys.modules.get(name)
    return "absent" if module is None else "placeholder" if module.__spec__ is None else "real"

print(*map(state, ["rest_framework.test", "yaml", "sqlparse", "drf_spectacular.views"]))
resolve("/api/schema").func  # the schema's view is built on its first request, not here
print(state("drf_spectacular.views"))
print(state("drf_spectacular.openapi"))
from drf_spectacular.generators import SchemaGenerator  # any generator runs the hooks
schema = SchemaGenerator().get_schema(request=None, public=True)
print(len(schema["paths"]), schema["paths"]["/api/account/tokens"]["get"]["summary"])
print(sys.modules["rest_framework.test"].APIClient.__module__)
from drf_spectacular.renderers import OpenApiYamlRenderer
print(OpenApiYamlRenderer().render(schema).decode().splitlines()[0], state("yaml"))
from django.db import connection
print(len(connection.ops.prepare_sql_script("SELECT 1; SELECT 2;")), state("sqlparse"))
"""
COMMAND = """
import json, sys
import django
django.setup()
print(json.dumps(sorted(name for name, module in sys.modules.items() if module)))
"""


def loaded(code: str, tmp_path) -> set[str]:
    return set(json.loads(run_python(code, tmp_path)[-1]))


def test_a_worker_loads_no_provider_client_nor_postgres_nor_test_tools(tmp_path):
    modules = loaded(WORKER, tmp_path)
    assert "rest_framework.views" in modules  # the API itself is loaded
    unwanted = {"httpx", "httpcore", "psycopg", "django.contrib.postgres.fields", "requests"}
    assert unwanted.isdisjoint(modules)
    # deferred to their first use: DRF's test tools and PyYAML to the schema's first build,
    # sqlparse to a SQL script, drf-spectacular's views to the schema's first request
    deferred = {"django.test", "unittest", "xml.dom", "rest_framework.test", "yaml", "sqlparse"}
    assert deferred.isdisjoint(modules)
    assert {"drf_spectacular.views", "drf_spectacular.renderers"}.isdisjoint(modules)
    # and its generator, which the views' annotations would load as they are defined
    generator = {"drf_spectacular.openapi", "drf_spectacular.contrib", "core.api_contract"}
    assert generator.isdisjoint(modules)


def test_a_worker_still_builds_and_renders_the_schema_loading_what_it_needs_then(tmp_path):
    lines = run_python(SCHEMA, tmp_path)
    assert lines[0] == "placeholder placeholder placeholder absent"
    assert lines[1:3] == ["absent", "absent"]  # drf-spectacular's views and generator
    paths, summary = lines[3].split(" ", 1)
    assert int(paths) > 30  # the API's paths, generated with a mock request per operation
    assert summary == "Your API tokens (first characters, date)"  # the views' annotations
    assert lines[4] == "rest_framework.test"  # the real module, loaded on first use
    assert lines[5] == "openapi: 3.0.3 real"  # drf-spectacular's YAML, through the real PyYAML
    assert lines[6] == "2 real"  # sqlparse split the script


def test_commands_load_no_api(tmp_path):
    modules = loaded(COMMAND, tmp_path)
    assert "credentials.models" in modules
    assert {"rest_framework.serializers", "rest_framework.views", "httpx"}.isdisjoint(modules)


def test_the_app_imports_without_a_connection_or_a_thread_a_fork_would_share(tmp_path):
    """gunicorn imports the app in its master and forks the workers (preload_app)."""
    assert run_python(FORKABLE, tmp_path)[-2:] == ["True", "1"]
