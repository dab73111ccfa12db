"""What gunicorn's master does before it forks the workers when the entrypoint asks for it
(TRIPLO_BOOTSTRAP_IN_MASTER=1, see gunicorn.conf.py): bootstrap, a warm URLconf and the
configured password checked once.

Why: a container restart ran `manage.py bootstrap` in a process of its own, then gunicorn: two
interpreters and two Django set-ups (about 0.6 s each here) before the first answer, and the
first authenticated request then spent another 0.45 s on PBKDF2. Here the master has set Django
up already (preload_app) and forks bootstrap from it. Bootstrap runs in that child so that what
only it imports (migrations, importers, commands) does not weigh on every worker; it prints what
`manage.py bootstrap` prints, and a failure stops gunicorn with its exit code.

While the child works, the master imports the URLs and views, and checks WEBUI_PASSWORD against
the stored hash on the other core (hashlib releases the GIL): the workers inherit both.
"""

import os
import sys
import threading
import traceback
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connections
from django.urls import get_resolver

from core import accounts, auth


def prepare() -> None:
    """Bootstrap in a child, warm up meanwhile; SystemExit with bootstrap's code if it failed.
    The master holds no connection and no thread afterwards (the workers are forked next)."""
    to_check = _configured_user()  # read before the fork: the child may be creating the tables
    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        os._exit(_bootstrap())
    checker = threading.Thread(target=_check_password, args=(to_check,), name="password-check")
    checker.start()
    get_resolver().url_patterns  # noqa: B018 - imports every view the workers will need
    checker.join()
    connections.close_all()
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    if code != 0:
        sys.exit(code)


def _bootstrap() -> int:
    """Runs in the child; never returns into gunicorn's code (the caller exits with this)."""
    try:
        call_command("bootstrap", skip_checks=False)
        code = 0
    except CommandError as exc:  # one line, as manage.py prints it
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        code = exc.returncode
    except BaseException:  # noqa: BLE001 - the child must reach os._exit whatever happens
        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _configured_user() -> tuple[str, str, Any] | None:
    try:
        return accounts.webui_user(os.environ)
    except DatabaseError:  # a first start: no tables yet, and no user to remember
        return None


def _check_password(to_check: tuple[str, str, Any] | None) -> None:
    if to_check is not None:
        auth.remember_if_valid(*to_check)
