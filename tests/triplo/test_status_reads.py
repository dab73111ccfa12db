"""GET /api/status and GET /api/config are polled: their work must not grow with the number of
profiles, nor read the same file twice, nor spawn the status command per request."""

import os
import shlex

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles import credential_services
from profiles import services as profile_services
from profiles.models import LlmProfile
from triplo import configfile, configsnapshot, process_state, regularfile
from triplo.export import export

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def active(config_path):
    credential_services.set_credential("open_ai", api_key="sk-proj-statusreads-00000001")
    profile = profile_services.create_profile(name="Fast", provider="open_ai", model="gpt-4o")
    return profile_services.activate_profile(profile.pk)


def add_profiles(count: int) -> None:
    names = [f"Spare {i}" for i in range(count)]
    LlmProfile.objects.bulk_create(
        LlmProfile(name=n, name_key=LlmProfile.key_of(n), provider="anthropic", model="claude-x",
                   position=i + 1)
        for i, n in enumerate(names)
    )  # fmt: skip
    export(force=True)


def queries(api, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/api/status", "/api/config"])
def test_queries_do_not_grow_with_the_profiles(api, active, path, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert api.get(path).status_code == 200
    few = queries(api, path)
    add_profiles(300)
    assert len(configfile.read_document()["settings"]["llm_profiles"]) == 301
    assert queries(api, path) == few


def test_status_reads_config_json_and_the_export_state_once(api, active, monkeypatch, config_path):
    reads, states = [], []
    real_read, real_state = regularfile.read, configfile.read_state
    monkeypatch.setattr(regularfile, "read", lambda path: reads.append(path) or real_read(path))
    monkeypatch.setattr(configfile, "read_state", lambda: states.append(1) or real_state())
    body = api.get("/api/status").json()
    assert body["config_in_sync"] is True
    assert reads == [config_path] and len(states) == 1


def test_unchanged_bytes_reuse_the_parsed_file_and_a_rewrite_in_place_is_seen(
    api, active, config_path
):
    """Triplo rewrites config.json in place: same inode and size, maybe the same mtime."""
    assert configsnapshot.read() is configsnapshot.read()
    before = os.stat(config_path)
    text = config_path.read_text()
    assert '"openai_model": "gpt-4o"' in text
    with open(config_path, "r+") as handle:  # same length, same file
        handle.write(text.replace('"openai_model": "gpt-4o"', '"openai_model": "gpt-4x"'))
    os.utime(config_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(config_path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino, before.st_size, before.st_mtime_ns
    )  # fmt: skip
    status = api.get("/api/status").json()
    assert status["config_drift"]["openai_model"]["file"] == "gpt-4x"
    assert api.get("/api/config").json()["settings"]["openai_model"] == "gpt-4x"


def test_unreadable_file_is_reported_not_reused(api, active, config_path):
    api.get("/api/status")
    config_path.write_text('{"settings": {')
    body = api.get("/api/status").json()
    assert body["config_error"].startswith("config.json unreadable:")
    assert body["config_in_sync"] is False
    assert api.get("/api/config").status_code == 409


def test_a_status_request_with_a_fresh_answer_spawns_no_command(
    api, settings, tmp_path, monkeypatch
):
    monkeypatch.setattr(process_state, "REFRESHER", process_state.Refresher(3600.0, 3600.0))
    runs = tmp_path / "status-runs.log"
    settings.TRIPLO_STATUS_COMMAND = shlex.join(["sh", "-c", f"echo run >> {runs}"])
    answers = [api.get("/api/status").json()["triplo"] for _ in range(4)]
    assert len(runs.read_text().splitlines()) == 1
    assert [a["running"] for a in answers] == [True] * 4
    assert len({a["checked_at"] for a in answers}) == 1
