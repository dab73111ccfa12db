"""16 concurrent clients over real HTTP against gunicorn (2 workers, SQLite) for 20 seconds."""

import os
import random
import threading
import time
from collections import Counter

import httpx
import pytest

from tests.support.consistency import compare_with_fresh_export
from tests.support.processes import project_env
from tests.support.server import ADMIN, gunicorn

pytestmark = pytest.mark.slow

CLIENTS = 16
SECONDS = float(os.environ.get("TRIPLO_LOAD_SECONDS", "20"))
OPERATIONS = ("list", "create", "update", "duplicate", "reorder", "activate", "credential")


def random_profile(client: httpx.Client) -> str | None:
    profiles = client.get("/api/llm/profiles").json()
    return random.choice(profiles)["id"] if profiles else None


def run_operation(client: httpx.Client, operation: str, number: int) -> httpx.Response:
    if operation == "list":
        return client.get("/api/llm/profiles")
    if operation == "create":
        provider = random.choice(["open_ai", "ollama"])
        body = {"name": f"load {number}", "provider": provider, "model": "model-a"}
        return client.post("/api/llm/profiles", json=body)
    if operation == "credential":
        return client.patch(
            "/api/llm/credentials/open_ai", json={"api_key": f"sk-load-{number:08d}"}
        )
    profile_id = random_profile(client)
    if operation == "update":
        return client.patch(
            f"/api/llm/profiles/{profile_id}", json={"temperature": random.random()}
        )
    if operation == "duplicate":
        return client.post(f"/api/llm/profiles/{profile_id}/duplicate")
    if operation == "activate":
        return client.post("/api/llm/profile/activate", json={"id": profile_id})
    order = [p["id"] for p in client.get("/api/llm/profiles").json()]
    random.shuffle(order)
    return client.post("/api/llm/profiles/reorder", json={"order": order})


def test_sixteen_clients_for_twenty_seconds(tmp_path):
    env = project_env(tmp_path / "data", tmp_path / "Triplo AI" / "config.json")
    log = tmp_path / "server.log"
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    lock = threading.Lock()
    with gunicorn(env, log) as base_url:
        with httpx.Client(base_url=base_url, auth=ADMIN, timeout=30) as setup:
            setup.put("/api/llm/credentials/open_ai", json={"api_key": "sk-load-initial0"})
            setup.put("/api/llm/credentials/ollama", json={"url": "http://127.0.0.1:9"})
            first = setup.post(
                "/api/llm/profiles", json={"name": "seed", "provider": "open_ai", "model": "m"}
            ).json()
            setup.post("/api/llm/profile/activate", json={"id": first["id"]}).raise_for_status()
        deadline = time.monotonic() + SECONDS

        def client_loop(index: int) -> None:
            with httpx.Client(base_url=base_url, auth=ADMIN, timeout=30) as client:
                number = 0
                while time.monotonic() < deadline:
                    number += 1
                    operation = OPERATIONS[(index + number) % len(OPERATIONS)]
                    try:
                        response = run_operation(client, operation, index * 100_000 + number)
                    except httpx.HTTPError as exc:
                        with lock:
                            failures.append(f"{operation}: {type(exc).__name__}")
                        continue
                    with lock:
                        statuses[response.status_code] += 1
                        if response.status_code >= 500:
                            failures.append(f"{operation}: {response.status_code}")

        threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    total = sum(statuses.values())
    print(f"\nload: {total} requests in {SECONDS:g} s ({total / SECONDS:.0f}/s): {dict(statuses)}")
    server_log = log.read_text()
    assert failures == []
    assert "database is locked" not in server_log
    assert total > CLIENTS * 10
    state = compare_with_fresh_export(env)
    assert state["active_count"] == 1
    assert state["differing"] == []
    assert state["integrity"] == "ok"
