"""Issue 12, point 1: files are private and API tokens are stored as digests only."""

import importlib
import os
import re
import stat
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.cli import Site

CLEAR_TOKEN = "0123456789abcdef0123456789abcdef01234567"  # DRF's format: 40 hex digits


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The default umask of a shell, as a user's `make run` would have it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.slow
def test_bootstrap_leaves_the_data_dir_0700_and_its_files_0600(tmp_path, loose_umask):
    site = Site(tmp_path / "fresh-install", tmp_path / "config" / "config.json")
    result = site.run("bootstrap")
    assert result.returncode == 0, result.stderr
    assert mode(site.data_dir) == 0o700
    files = sorted(site.data_dir.iterdir())
    assert {p.name for p in files} >= {"db.sqlite3", "secret.key"}
    assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert mode(site.config_path) == 0o600


@pytest.mark.slow
def test_bootstrap_tightens_an_older_looser_data_dir(tmp_path, loose_umask):
    data = tmp_path / "older-install"
    data.mkdir(mode=0o755)
    (data / "old-notes.txt").write_text("x")
    (data / "old-notes.txt").chmod(0o644)
    site = Site(data, tmp_path / "config" / "config.json")
    result = site.run("bootstrap")
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700 and mode(data / "old-notes.txt") == 0o600
    assert re.search(
        r"tightened permissions in \S*older-install \(owner only\): older-install, old-notes\.txt",
        result.stdout,
    )
    again = site.run("bootstrap")
    assert "tightened" not in again.stdout


@pytest.mark.django_db
def test_a_token_made_in_the_admin_is_shown_once_and_stored_as_a_digest(admin_client, admin_user):
    response = admin_client.post(
        "/admin/knox/authtoken/add/", {"user": admin_user.pk, "expiry": ""}, follow=True
    )
    assert response.status_code == 200
    (token,) = re.findall(r"TOKEN ([0-9a-f]{64})", response.content.decode())
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key) and len(stored.token_key) < len(token)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        assert token not in repr(cursor.fetchall())
    listing = admin_client.get("/admin/knox/authtoken/").content.decode()
    assert token not in listing
    api = APIClient()
    ok = api.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Token {token}")
    assert ok.status_code == 200
    altered = token[:-1] + ("1" if token.endswith("0") else "0")  # always another token
    assert api.get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Token {altered}").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_clear_drf_tokens_are_hashed_by_the_migration_and_keep_working():
    user = User.objects.create_superuser("ops", "", "a-long-enough-password-1")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id int)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s)", [CLEAR_TOKEN, user.pk])
    migration = importlib.import_module("credentials.migrations.0003_hash_drf_tokens")
    with connection.schema_editor() as editor:
        migration.hash_clear_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert CLEAR_TOKEN not in repr(list(AuthToken.objects.values()))
    response = APIClient().get("/api/llm/profiles", HTTP_AUTHORIZATION=f"Token {CLEAR_TOKEN}")
    assert response.status_code == 200
