"""gunicorn's master bootstraps before forking (TRIPLO_BOOTSTRAP_IN_MASTER=1): what it leaves
behind for the workers, and how a failing bootstrap stops the server."""

import subprocess
import sys

import pytest

from tests.support.processes import ROOT, project_env
from tests.support.server import free_port

USER, PASSWORD = "operator", "server-start-Passw0rd"
# The master's side, as gunicorn.conf.py's on_starting runs it after preloading the app.
MASTER = """
import sys, threading
import triplo_config.wsgi
from django.db import connections
from core import auth
from triplo_config.serverstart import prepare

prepare()
print("connections open:", any(connections[a].connection for a in connections))
print("threads:", threading.active_count())
username, password = sys.argv[1:3]
print("remembered:", auth._verified.get(auth._verified.digest(username, password)) is not None)
"""


def master(tmp_path, password: str = PASSWORD, login: str = PASSWORD) -> list[str]:
    env = project_env(
        tmp_path / "data", tmp_path / "config.json", WEBUI_USERNAME=USER, WEBUI_PASSWORD=password
    )
    done = subprocess.run(
        [sys.executable, "-c", MASTER, USER, login],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_bootstrap_runs_in_a_child_and_the_master_remembers_the_configured_password(tmp_path):
    first = master(tmp_path)
    assert f"created user '{USER}' from WEBUI_USERNAME/WEBUI_PASSWORD" in first  # the child's
    # No user existed when the master looked (before the child created it): nothing to check.
    assert first[-3:] == ["connections open: False", "threads: 1", "remembered: False"]

    restart = master(tmp_path)
    assert "system checks skipped: nothing changed since they last passed" in restart
    assert restart[-3:] == ["connections open: False", "threads: 1", "remembered: True"]


def test_a_password_that_is_not_the_users_is_not_remembered(tmp_path):
    master(tmp_path)
    changed = master(
        tmp_path, password="another-Passw0rd-entirely", login="another-Passw0rd-entirely"
    )
    assert changed[-1] == "remembered: False"  # the user keeps the password it was created with


@pytest.mark.slow
def test_a_failing_bootstrap_stops_gunicorn_with_one_line(tmp_path):
    env = project_env(tmp_path / "data", tmp_path / "config.json", WEBUI_PASSWORD="short",
                      TRIPLO_BOOTSTRAP_IN_MASTER="1")  # fmt: skip
    gunicorn = [sys.executable, "-m", "gunicorn", "triplo_config.wsgi", "--workers", "2",
                "--bind", f"127.0.0.1:{free_port()}"]  # fmt: skip
    done = subprocess.run(gunicorn, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    # Beside gunicorn's own log lines (and whitenoise's warning when collectstatic never ran):
    noise = ("[INFO]", "No directory at", "mw_instance = middleware")
    own = [line for line in done.stderr.splitlines() if not any(n in line for n in noise)]
    assert len(own) == 1 and own[0].startswith("CommandError: WEBUI_PASSWORD is too weak"), own
    assert "Traceback" not in done.stderr
    assert "Listening at" not in done.stderr  # it never served


def test_the_master_hides_what_it_loaded_from_the_workers_garbage_collector():
    """gunicorn.conf.py's pre_fork freezes the preloaded objects, so a worker's full collection
    does not walk Django and the apps each time."""
    script = (
        "import gc, runpy\n"
        "hooks = runpy.run_path('gunicorn.conf.py')\n"
        "before = gc.get_freeze_count()\n"
        "hooks['pre_fork'](None, None)\n"
        "print(before, gc.get_freeze_count())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    before, after = map(int, done.stdout.split())
    assert before == 0 and after > 1000
