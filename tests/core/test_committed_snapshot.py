"""core.changes.committed_snapshot: the export's read waits for no change on SQLite.

Run in a fresh interpreter on the real settings, with a SQLite file in WAL mode (the test
database is in memory, where SQLite locks differently), while a second connection holds the
write lock as another worker's change would.
"""

from tests.cli import run_python

HELD_WRITE_LOCK = """
import sqlite3
import django
from django.conf import settings

settings.DATABASES["default"]["OPTIONS"]["timeout"] = 1  # a queued transaction fails fast
django.setup()
from django.db import OperationalError, connection, transaction
from core.changes import committed_snapshot

settings.DATABASES["default"]["NAME"].parent.mkdir(parents=True, exist_ok=True)
with connection.cursor() as cursor:  # creates the file
    cursor.execute("PRAGMA journal_mode")
    print(cursor.fetchone()[0])  # as the settings ask: a reader there waits for no writer
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
    lines = run_python(HELD_WRITE_LOCK, tmp_path)
    assert lines == ["wal", "read 1", "queued: database is locked", "read 2"]
