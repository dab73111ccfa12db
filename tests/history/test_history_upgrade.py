"""A database from before deltas: its versions hold whole states and keep working after the
migration (listed, diffed against new versions, rolled back to), with nothing rewritten."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from history import services as history
from history.diff import diff_lines
from history.models import FULL, Version
from history.states import state_of
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile

pytestmark = pytest.mark.django_db(transaction=True)

KEY_1 = "sk-proj-first-key-abcdefghijklmnop"
BEFORE, AFTER = ("history", "0002_secret_columns_binary"), ("history", "0003_deltas")


def migrate(target: tuple[str, str]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor


def test_whole_state_versions_survive_the_migration_and_roll_back():
    make_credential("open_ai", api_key=KEY_1)
    a = make_profile("A", provider="open_ai", model="gpt-4o", active=True)
    old_one = state_of(Version.objects.get(number=3))  # what the old code stored whole
    make_profile("B")
    old_two = state_of(Version.objects.get(number=4))
    Version.objects.all().delete()

    executor = migrate(BEFORE)
    OldVersion = executor.loader.project_state([BEFORE]).apps.get_model("history", "Version")
    for number, (state, secrets) in ((1, old_one), (2, old_two)):
        OldVersion.objects.create(
            number=number,
            actor="cli",
            face="command",
            summary=f"old {number}",
            snapshot=state,
            secrets=json.dumps(secrets, sort_keys=True),
        )
    OldVersion.objects.create(  # recorded while the key was unreadable
        number=3, actor="cli", face="command", summary="old 3", snapshot=old_two[0],
        secrets="", secrets_recorded=False,
    )  # fmt: skip
    migrate(AFTER)

    assert list(Version.objects.values_list("kind", flat=True)) == [FULL, FULL, FULL]
    assert state_of(Version.objects.get(number=1)) == old_one
    make_profile("C")  # the first delta: recorded against no head yet
    assert [v.summary for v in history.versions()] == ["created 'C'", "old 3", "old 2", "old 1"]
    diff = history.diff_versions(1, 4)
    assert [p["name"] for p in diff["profiles"]["added"]] == ["B", "C"]
    assert diff["credentials"]["changed"] == []
    with pytest.raises(ValidationError, match="unreadable when it was recorded"):
        history.rollback(3)

    version = history.rollback(1)

    assert [p.name for p in LlmProfile.objects.all()] == ["A"]
    assert LlmProfile.objects.active().pk == a.pk
    assert state_of(version) == old_one
    assert diff_lines(history.diff_versions(1, version.number)) == ["no differences"]
