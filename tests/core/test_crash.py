"""kill -9 the server at random moments while clients activate profiles, 20 times."""

import json
import random
import signal
import stat
import threading
import time

import httpx
import pytest

from tests.support.consistency import compare_with_fresh_export, matches_a_committed_state
from tests.support.processes import project_env
from tests.support.server import ADMIN, gunicorn, start, stop

pytestmark = pytest.mark.slow

ROUNDS = 20
CLIENTS = 4
PROFILES = [
    {"name": "OpenAI", "provider": "open_ai", "model": "gpt-4o-mini", "temperature": 0.3},
    {"name": "Claude", "provider": "anthropic", "model": "claude-x", "temperature": 0.9},
    {"name": "Local", "provider": "ollama", "model": "qwen2", "temperature": 1.4},
    {"name": "Router", "provider": "open_router", "model": "meta/llama", "temperature": 0.1},
]


def activate_until(base_url: str, ids: list[str], stop_flag: threading.Event) -> None:
    with httpx.Client(base_url=base_url, auth=ADMIN, timeout=5) as client:
        while not stop_flag.is_set():
            try:
                client.post("/api/llm/profile/activate", json={"id": random.choice(ids)})
            except httpx.HTTPError:
                return  # the server is gone


def assert_caught_up(base_url: str, config) -> None:
    """After a restart, config.json names the profile the database has active."""
    with httpx.Client(base_url=base_url, auth=ADMIN) as client:
        active = [p["id"] for p in client.get("/api/llm/profiles").json() if p["is_active"]]
    assert json.loads(config.read_text())["settings"]["active_llm_profile"] == active[0]


def test_kill_nine_twenty_times(tmp_path):
    env = project_env(tmp_path / "data", tmp_path / "Triplo AI" / "config.json")
    config = tmp_path / "Triplo AI" / "config.json"
    log = tmp_path / "server.log"
    with gunicorn(env, log) as base_url, httpx.Client(base_url=base_url, auth=ADMIN) as setup:
        for provider, body in [
            ("open_ai", {"api_key": "sk-crash-openai-000"}),
            ("anthropic", {"api_key": "sk-ant-crash-0000000"}),
            ("ollama", {"url": "http://127.0.0.1:9", "models": ["qwen2"]}),
            ("open_router", {"api_key": "sk-or-crash-00000000"}),
        ]:
            setup.put(f"/api/llm/credentials/{provider}", json=body).raise_for_status()
        ids = [setup.post("/api/llm/profiles", json=p).json()["id"] for p in PROFILES]
        setup.post("/api/llm/profile/activate", json={"id": ids[0]}).raise_for_status()

    for round_number in range(ROUNDS):
        process, base_url = start(env, log)
        assert_caught_up(base_url, config)
        stop_flag = threading.Event()
        clients = [
            threading.Thread(target=activate_until, args=(base_url, ids, stop_flag))
            for _ in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        time.sleep(random.uniform(0.2, 1.5))
        stop(process, signal.SIGKILL)
        stop_flag.set()
        for client in clients:
            client.join()

        document = json.loads(config.read_text())
        assert stat.S_IMODE(config.stat().st_mode) == 0o600
        assert document["settings"]["active_llm_profile"] in ids
        state = matches_a_committed_state(env)
        expected = {"active_is_a_profile": True, "differing": [], "integrity": "ok"}
        assert state == expected, f"round {round_number}"

    process, base_url = start(env, log)
    try:
        assert_caught_up(base_url, config)
        assert compare_with_fresh_export(env)["differing"] == []
    finally:
        stop(process)
