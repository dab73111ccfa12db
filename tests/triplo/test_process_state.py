"""Triplo's running state comes from a cached answer: the status command runs once, not per
request, and again when the answer cannot be trusted any more."""

import json
import shlex
import time
from datetime import UTC, datetime

import pytest

from triplo import process_state, restart_worker, runtime


@pytest.fixture
def refresher(monkeypatch):
    """A refresher of this test's own that never renews on its own (a thread another test
    started keeps its own refresher and target)."""
    fresh = process_state.Refresher(every=3600.0, idle=3600.0)
    monkeypatch.setattr(process_state, "REFRESHER", fresh)
    return fresh


@pytest.fixture
def counted(settings, tmp_path):
    """A status command that says "running" and appends a line per run; returns the count."""
    runs = tmp_path / "status-runs.log"
    settings.TRIPLO_STATUS_COMMAND = shlex.join(["sh", "-c", f"echo run >> {runs}"])
    return lambda: len(runs.read_text().splitlines()) if runs.exists() else 0


def test_a_fresh_answer_is_used_without_running_the_command(refresher, counted):
    first = runtime.triplo_status()
    answers = [runtime.triplo_status() for _ in range(5)]
    assert counted() == 1
    assert first["running"] is True
    assert {a["checked_at"] for a in answers} == {first["checked_at"]}
    assert datetime.fromisoformat(first["checked_at"]).tzinfo == UTC


def test_another_command_is_asked_at_once(refresher, settings):
    settings.TRIPLO_STATUS_COMMAND = "true"
    assert runtime.triplo_status()["running"] is True
    settings.TRIPLO_STATUS_COMMAND = "false"
    assert runtime.triplo_status()["running"] is False
    settings.TRIPLO_STATUS_COMMAND = "/nonexistent/supervisorctl status triplo"
    missing = runtime.triplo_status()
    assert missing["running"] is None and missing["checked_at"] is not None


@pytest.mark.parametrize("command", ["", "supervisorctl 'unclosed"])
def test_no_usable_command_is_unknown_and_not_cached(refresher, settings, command):
    settings.TRIPLO_STATUS_COMMAND = command
    assert runtime.triplo_status() == {"running": None, "checked_at": None, "last_restart": None}
    assert not (settings.TRIPLO_DATA_DIR / process_state.CACHE_FILE).exists()


def test_a_restart_that_began_or_ended_since_the_check_is_checked_again(
    refresher, counted, settings
):
    runtime.triplo_status()
    data_dir = settings.TRIPLO_DATA_DIR
    restart_worker.record(data_dir, {"started_at": "2026-01-01T00:00:00+00:00", "ended_at": None})
    runtime.triplo_status()
    runtime.triplo_status()
    assert counted() == 2
    ended = {"started_at": "2026-01-01T00:00:00+00:00", "ended_at": "2026-01-01T00:00:02+00:00"}
    restart_worker.record(data_dir, ended)
    assert runtime.triplo_status()["last_restart"] == ended
    assert counted() == 3


def test_an_answer_no_refresher_renewed_is_checked_again(refresher, counted, settings):
    runtime.triplo_status()
    cache = settings.TRIPLO_DATA_DIR / process_state.CACHE_FILE
    entry = json.loads(cache.read_text())
    cache.write_text(json.dumps(entry | {"checked": entry["checked"] - 3 * 3600}))
    runtime.triplo_status()
    assert counted() == 2


def test_the_answer_is_renewed_while_asked_and_the_thread_ends_when_not(
    monkeypatch, counted, settings
):
    fast = process_state.Refresher(every=0.05, idle=0.5)
    monkeypatch.setattr(process_state, "REFRESHER", fast)
    first = runtime.triplo_status()["checked_at"]
    deadline = time.monotonic() + 30
    while counted() < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert counted() >= 3
    assert runtime.triplo_status()["checked_at"] > first
    thread = fast._thread
    assert thread is not None
    thread.join(timeout=30)
    assert not thread.is_alive() and fast._thread is None


def test_a_round_another_process_renewed_runs_no_command(refresher, counted, settings):
    argv = shlex.split(settings.TRIPLO_STATUS_COMMAND)
    target = (argv, settings.TRIPLO_STATUS_COMMAND, settings.TRIPLO_DATA_DIR)
    process_state.renew(*target, every=3600.0)
    process_state.renew(*target, every=3600.0)  # renewed half a round ago or less: skipped
    assert counted() == 1
    process_state.renew(*target, every=0.0)
    assert counted() == 2
