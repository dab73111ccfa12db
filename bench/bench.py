"""Benchmarks for triplo-config: prints one table. Run with `make bench` (not part of the tests).

1. activation round trip (POST activate -> config.json replaced) vs a trivial authenticated GET
2. GET /api/llm/profiles with 10 / 1,000 / 10,000 profiles: median time and SQL queries
3. export of 1,000 profiles vs json.dumps + atomic write of the same document
4. resident memory of one gunicorn worker after a load run
5. cold start: bootstrap + first /api/health 200
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.processes import manage, project_env  # noqa: E402
from tests.support.server import ADMIN, start, stop  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
rows: list[tuple[str, str, str, str]] = []


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_activation(base_url: str, config: Path) -> None:
    with httpx.Client(base_url=base_url, auth=ADMIN, timeout=30) as client:
        client.put("/api/llm/credentials/open_ai", json={"api_key": "sk-bench-00000000"})
        ids = [
            client.post(
                "/api/llm/profiles",
                json={"name": f"bench {i}", "provider": "open_ai", "model": "m"},
            ).json()["id"]
            for i in range(2)
        ]
        client.get("/api/llm/providers").raise_for_status()
        gets, activations = [], []
        for round_number in range(ROUNDS):
            started = time.perf_counter()
            client.get("/api/llm/providers").raise_for_status()
            gets.append(time.perf_counter() - started)
            target = ids[round_number % 2]
            started = time.perf_counter()
            client.post("/api/llm/profile/activate", json={"id": target}).raise_for_status()
            while json.loads(config.read_text())["settings"]["active_llm_profile"] != target:
                time.sleep(0.0005)
            activations.append(time.perf_counter() - started)
    ratio = median_ms(activations) / median_ms(gets)
    rows.append(
        (
            "activation round trip vs authenticated GET",
            f"{median_ms(activations):.1f} ms vs {median_ms(gets):.1f} ms",
            f"{ratio:.2f}x",
            "<= 3x",
        )
    )


LIST_SCRIPT = """
import json, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.contrib.auth.models import User
from profiles.models import LlmProfile
n = int(sys.argv[-1])
LlmProfile.objects.all().delete()
LlmProfile.objects.bulk_create(
    [LlmProfile(name=f"p{i}", provider="open_ai", model="m", position=i) for i in range(n)],
    batch_size=2000,
)
client = Client()
client.force_login(User.objects.get(username="admin"))
samples = []
for _ in range(7 if n >= 10000 else 25):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get("/api/llm/profiles")
        samples.append(time.perf_counter() - started)
    assert response.status_code == 200 and len(response.json()) == n
print(json.dumps({"median_ms": statistics.median(samples) * 1000, "queries": len(queries)}))
"""


def bench_list(env: dict[str, str]) -> None:
    for count in (10, 1_000, 10_000):
        done = manage({**env, "ALLOWED_HOSTS": "testserver"}, "shell", "--no-imports", "-c",
                      LIST_SCRIPT.replace("sys.argv[-1]", str(count)))  # fmt: skip
        result = json.loads(done.stdout.strip().splitlines()[-1])
        target = "<= 4 queries" + (", <= 250 ms" if count == 10_000 else "")
        rows.append(
            (
                f"GET /api/llm/profiles, {count:,} profiles",
                f"{result['median_ms']:.1f} ms",
                f"{result['queries']} queries",
                target,
            )
        )


EXPORT_SCRIPT = """
import json, statistics, time
from pathlib import Path
from triplo.export import export, owned_values
from profiles.models import LlmProfile
from triplo import configfile
LlmProfile.objects.all().delete()
LlmProfile.objects.bulk_create(
    [LlmProfile(name=f"p{i}", provider="open_ai", model="m", position=i) for i in range(1000)]
)
exports, plain = [], []
target = configfile.config_path().with_name("plain.json")
for round_number in range(30):
    LlmProfile.objects.filter(position=0).update(temperature=0.1 + (round_number % 2) / 10)
    started = time.perf_counter()
    export(force=True)
    exports.append(time.perf_counter() - started)
    document = configfile.read_document()
    started = time.perf_counter()
    configfile.write_atomic(target, json.dumps(document, indent=2))
    plain.append(time.perf_counter() - started)
print(json.dumps({"export_ms": statistics.median(exports) * 1000,
                  "plain_ms": statistics.median(plain) * 1000}))
"""


def bench_export(env: dict[str, str]) -> None:
    done = manage(env, "shell", "--no-imports", "-c", EXPORT_SCRIPT)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    ratio = result["export_ms"] / result["plain_ms"]
    rows.append(
        (
            "export of 1,000 profiles vs json.dumps + atomic write",
            f"{result['export_ms']:.1f} ms vs {result['plain_ms']:.1f} ms",
            f"{ratio:.2f}x",
            "<= 2x",
        )
    )


def worker_rss_mb(master_pid: int) -> float:
    children = subprocess.run(
        ["pgrep", "-P", str(master_pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return max(sizes)


def load(base_url: str, seconds: float = 10, clients: int = 16) -> int:
    deadline = time.monotonic() + seconds
    counts = [0] * clients

    def loop(index: int) -> None:
        with httpx.Client(base_url=base_url, auth=ADMIN, timeout=30) as client:
            number = 0
            while time.monotonic() < deadline:
                number += 1
                if number % 3 == 0:
                    client.post(
                        "/api/llm/profiles",
                        json={
                            "name": f"load {index}-{number}",
                            "provider": "open_ai",
                            "model": "m",
                        },
                    )
                else:
                    client.get("/api/llm/profiles")
                counts[index] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="triplo-bench-") as tmp:
        tmp_path = Path(tmp)
        env = project_env(tmp_path / "data", tmp_path / "Triplo AI" / "config.json")
        log = tmp_path / "server.log"
        started = time.perf_counter()
        process, base_url = start(env, log)
        cold = time.perf_counter() - started
        try:
            bench_activation(base_url, tmp_path / "Triplo AI" / "config.json")
            requests = load(base_url)
            rss = worker_rss_mb(process.pid)
        finally:
            stop(process)
        rows.append(("cold start: bootstrap + first /api/health 200", f"{cold:.2f} s", "", ""))
        rows.append(
            (
                f"RSS of one gunicorn worker after load ({requests} requests)",
                f"{rss:.0f} MB",
                "",
                "<= 120 MB",
            )  # fmt: skip
        )
        bench_list(env)
        bench_export(env)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"date: {time.strftime('%Y-%m-%d')}\n")
    print("| benchmark | measured | ratio / count | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
