"""A restart skips what nothing changed for (core.startcheck), and only that."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core import startcheck
from credentials.models import UNDECRYPTABLE_MESSAGE

SKIPPED = "system checks skipped"


def test_a_restart_skips_the_checks_and_a_replaced_key_is_still_caught(site):
    first = site.run("bootstrap")
    assert first.returncode == 0, first.stderr
    assert SKIPPED not in first.stdout  # a copied data dir under new paths: a new environment
    again = site.run("bootstrap")
    assert again.returncode == 0, again.stderr
    assert SKIPPED in again.stdout

    (site.data_dir / "secret.key").write_text("a-key-replaced-behind-our-back")
    replaced = site.run("bootstrap")
    assert replaced.returncode != 0
    assert SKIPPED not in replaced.stdout
    assert replaced.stderr.strip().splitlines() == [f"CommandError: {UNDECRYPTABLE_MESSAGE}"]


def test_the_checks_run_again_for_another_environment_or_key(settings, monkeypatch):
    startcheck.record_checks_passed()
    assert startcheck.checks_current()
    monkeypatch.setenv("TRIPLO_SOMETHING_NEW", "1")
    assert not startcheck.checks_current()
    monkeypatch.delenv("TRIPLO_SOMETHING_NEW")
    assert startcheck.checks_current()
    monkeypatch.setenv("WEBUI_PASSWORD", "first-password")
    with_password = startcheck.fingerprint()
    monkeypatch.setenv("WEBUI_PASSWORD", "second-password")
    assert startcheck.fingerprint() == with_password  # a secret's value is not digested
    settings.SECRET_KEY = "another-key"
    assert not startcheck.checks_current()


@pytest.mark.django_db(transaction=True)
def test_a_migration_the_database_does_not_record_is_applied(tmp_path, monkeypatch, settings):
    assert startcheck.unapplied_migrations() == []
    package = tmp_path / "new_triplo_migrations"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "0001_new.py").write_text(
        "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n    operations = []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.MIGRATION_MODULES = {"triplo": "new_triplo_migrations"}
    assert startcheck.unapplied_migrations() == ["triplo.0001_new"]

    recorder = MigrationRecorder(connection)
    try:
        call_command("bootstrap")
        assert startcheck.unapplied_migrations() == []
        assert ("triplo", "0001_new") in recorder.applied_migrations()
    finally:  # django_migrations is no model's table: flushing the test database keeps it
        recorder.record_unapplied("triplo", "0001_new")
