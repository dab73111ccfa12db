"""core.changes.committed_snapshot: the export's read waits for no change on SQLite.

Run in a fresh interpreter on the real settings, with a SQLite file in WAL mode (the test
database is in memory, where SQLite locks differently), while a second connection holds the
write lock as another worker's change would.
"""

import subprocess
import sys

from tests.cli import REPO

HELD_WRITE_LOCK = """
import sqlite3
import django
from django.conf import settings

settings.DATABASES["default"]["OPTIONS"]["timeout"] = 1  # a queued transaction fails fast
django.setup()
from django.db import OperationalError, connection, transaction
from core.changes import committed_snapshot

settings.DATABASES["default"]["NAME"].parent.mkdir(parents=True, exist_ok=True)
connection.ensure_connection()  # creates the file, in WAL mode
change = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
change.execute("CREATE TABLE revision (n)")
change.execute("INSERT INTO revision VALUES (1)")
change.execute("BEGIN IMMEDIATE")  # another worker's change, under way
change.execute("UPDATE revision SET n = 2")

with committed_snapshot():
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM revision")
        print("read", cursor.fetchone()[0])  # the committed state, not the change under way
try:
    with transaction.atomic():  # an ordinary transaction queues behind the change again
        pass
    print("did not queue")
except OperationalError as exc:
    print("queued:", exc)
change.execute("COMMIT")
with committed_snapshot():
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM revision")
        print("read", cursor.fetchone()[0])
"""


def test_the_snapshot_reads_the_committed_state_while_a_change_holds_the_write_lock(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "triplo_config.settings",
        "TRIPLO_DATA_DIR": str(tmp_path / "data"),
        "TRIPLO_CONFIG_PATH": str(tmp_path / "config.json"),
    }
    result = subprocess.run(
        [sys.executable, "-c", HELD_WRITE_LOCK],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["read 1", "queued: database is locked", "read 2"]
