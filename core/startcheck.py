"""What a restart may skip: bootstrap's system checks and `migrate`, when nothing they judge
changed since the last start.

A container restart runs bootstrap on the code, environment, key and database of the start
before. Two of its steps then only repeat themselves, and cost most of its time after Django's
own set-up: the system checks (they import every URL and view) and `migrate` (it loads every
migration file to find none to apply).

- `migrate` is skipped when every migration file on disk is recorded as applied in the
  database itself, the comparison by name `migrate` makes: a new migration, a new or an older
  restored database all still migrate, with no marker that could go stale.
- The system checks are skipped when the marker of the last passing run matches: an HMAC keyed
  by the secret key over this start's environment and the state of the code (every project
  file's size and mtime, each import directory's mtime, which an installed or removed package
  changes). A new key, variable, file or package runs them again. Of a variable that may hold
  a secret (a password, a key, DATABASE_URL) only the name counts: the checks do not read them,
  and a fast digest of a password must not lie beside the key that would let one test guesses.

The key self-test (every stored secret decrypts) is never skipped: it takes milliseconds, so a
replaced secret.key is caught on the very start that uses it.
"""

import hashlib
import hmac
import os
import pkgutil
import sys
from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

MARKER_FILE = "checks-passed"
SECRET_WORDS = ("PASSWORD", "SECRET", "KEY", "TOKEN", "DATABASE_URL")


def unapplied_migrations() -> list[str]:
    """`app.name` of every migration file that django_migrations does not record, sorted."""
    recorder = MigrationRecorder(connection)
    applied = set(recorder.applied_migrations()) if recorder.has_table() else set()
    return sorted(f"{app}.{name}" for app, name in _on_disk() if (app, name) not in applied)


def _on_disk() -> Iterator[tuple[str, str]]:
    """(app label, migration name) as MigrationLoader finds them, without importing them."""
    for app_config in apps.get_app_configs():
        module_name, _ = MigrationLoader.migrations_module(app_config.label)
        try:
            module = import_module(module_name) if module_name else None
        except ModuleNotFoundError:
            continue  # an app without migrations: `migrate` has nothing to apply for it either
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            if not info.ispkg and info.name[0] not in "_~":
                yield app_config.label, info.name


def checks_current() -> bool:
    """Whether the system checks passed last time on this code, environment and key."""
    try:
        recorded = _marker().read_text().strip()
    except (OSError, UnicodeDecodeError):
        return False
    return hmac.compare_digest(recorded, fingerprint())


def record_checks_passed() -> None:
    marker = _marker()
    marker.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # before bootstrap's handle
    marker.write_text(f"{fingerprint()}\n")


def fingerprint() -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), digestmod=hashlib.sha256)
    for line in (sys.version, *_environment(), *_import_dirs(), *_project_files()):
        digest.update(line.encode(errors="surrogateescape") + b"\0")
    return digest.hexdigest()


def _marker() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / MARKER_FILE


def _environment() -> list[str]:
    return [
        name if any(word in name.upper() for word in SECRET_WORDS) else f"{name}={value}"
        for name, value in sorted(os.environ.items())
    ]


def _import_dirs() -> list[str]:
    return [f"{path} {os.stat(path).st_mtime_ns}" for path in sys.path if os.path.isdir(path)]


def _project_files() -> list[str]:
    """Size and mtime of every file in the project's own packages: the apps, and the one of the
    URLs and settings (found, not imported: importing the URLs is the slow part)."""
    base = Path(settings.BASE_DIR)
    roots = {Path(app.path) for app in apps.get_app_configs() if Path(app.path).parent == base}
    roots.add(Path(find_spec(settings.ROOT_URLCONF).origin).parent)
    lines = []
    for root in sorted(roots):
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                lines.append(f"{folder}/{name} {stat.st_size} {stat.st_mtime_ns}")
    return lines
