"""`make bench`, part 1: triplo-config against an old-style reference, in the same run.

Each row of issue 14's table is measured on each server in turn, request by request: every
round runs them in the next of all their orders, so each goes first, and follows each of the
others, equally often. Printed: triplo-config's median, the reference's median and their ratio.
The reference is bench/oldui.py under the same gunicorn (gunicorn.conf.py, 2 workers) with the
same HTTP Basic. Wall-clock figures: the load average is printed because the machine may be
shared.

A third server takes its turn: bench/floorapp.py, the least a DRF view can do per request while
writing config.json safely and keeping the provider's key encrypted. Its ratio to the reference
(the last column) bounds what triplo-config's DRF views could reach: where the floor misses a
goal, no DRF view meets it. (Plain Django views, outside DRF, can do less still.)

BENCH_ROUNDS (default 200) requests per row and server; BENCH_SECONDS (default 6) per
throughput round; BENCH_STARTS (default 3) cold starts per server.
"""

import itertools
import json
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from servers import Client, Server, start_floor, start_reference, start_triplo

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
STARTS = int(os.environ.get("BENCH_STARTS", "3"))
CLIENTS = 8
PROVIDERS = ("open_ai", "anthropic")
Call = Callable[[int], object]
TORN: dict[int, int] = {}  # reference worker pid -> config.json reads that found a torn file


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.platform(terse=True)}"
    )


def seed_triplo(client: Client, count: int) -> list[str]:
    """Credentials for both providers and `count` profiles alternating between them."""
    for provider in PROVIDERS:
        client.ok("PUT", f"/api/llm/credentials/{provider}", {"api_key": f"sk-bench-{provider}"})
    return [
        client.ok(
            "POST",
            "/api/llm/profiles",
            {"name": f"bench {i}", "provider": PROVIDERS[i % 2], "model": f"model-{i}"},
        )["id"]
        for i in range(count)
    ]


def ai_source(config: Path) -> str:
    return json.loads(config.read_text())["settings"]["ai_source"]


class Measured(NamedTuple):
    """One server's figures for one row."""

    cell: str  # as printed: median, 10th percentile and CPU time per request
    median_ms: float
    cpu_ms: float  # the server's CPU time per request, which a busy machine hardly changes


def alternate(servers: dict[str, Server], calls: dict[str, Call]) -> dict[str, Measured]:
    """ROUNDS calls of each side, each round in the next of all the sides' orders."""
    samples: dict[str, list[float]] = {side: [] for side in calls}
    cpu_before = {side: servers[side].cpu_seconds() for side in calls}
    orders = list(itertools.permutations(calls))
    for i in range(ROUNDS):
        for side in orders[i % len(orders)]:
            started = time.perf_counter()
            calls[side](i)
            samples[side].append((time.perf_counter() - started) * 1000)
    measured = {}
    for side, times in samples.items():
        cpu_ms = (servers[side].cpu_seconds() - cpu_before[side]) * 1000 / ROUNDS
        median, p10 = statistics.median(times), statistics.quantiles(times, n=10)[0]
        cell = f"{median:.1f} ms (p10 {p10:.1f}, CPU {cpu_ms:.1f})"
        measured[side] = Measured(cell, median, cpu_ms)
    return measured


def ratio(ours: Measured, reference: Measured) -> tuple[float, str]:
    """The ratio of the medians, and its text with the ratio of the CPU times beside it."""
    value = ours.median_ms / reference.median_ms
    cpu = f"{ours.cpu_ms / reference.cpu_ms:.1f}×" if reference.cpu_ms else "∞"
    return value, f"{value:.2f}× (CPU {cpu})"


def latency_row(label: str, measured: dict[str, Measured], goal: float) -> tuple:
    """A printed row: triplo-config against the reference, and the floor's ratio where it has
    the endpoint."""
    value, text = ratio(measured["triplo"], measured["reference"])
    floor = ratio(measured["floor"], measured["reference"])[1] if "floor" in measured else "–"
    return (label, measured["triplo"].cell, measured["reference"].cell, text,
            f"≤ {goal:.1f}×", value <= goal, floor)  # fmt: skip


def latency_rows(servers: dict[str, Server], ids: list[str], providers: dict[str, str]) -> list:
    clients = {side: Client(server.base_url) for side, server in servers.items()}

    def activate(i: int) -> None:
        clients["triplo"].ok("POST", "/api/llm/profile/activate", {"id": ids[(i + 1) % 2]})

    def switch(side: str) -> Call:
        client = clients[side]
        return lambda i: client.ok("POST", "/api/config", {"ai_source": PROVIDERS[(i + 1) % 2]})

    calls = {"triplo": activate, "reference": switch("reference"), "floor": switch("floor")}
    rows = [latency_row("switch the provider (activate vs old-style POST /api/config)",
                        alternate(servers, calls), 1.0)]  # fmt: skip
    # ids[0] was active: every activation switches. The file is replaced by the time the answer
    # arrives (checked after the timed loop, on every side).
    switched = {side: ai_source(server.config) for side, server in servers.items()}
    expected = PROVIDERS[ROUNDS % 2]
    assert switched == {"triplo": providers[ids[ROUNDS % 2]], "reference": expected,
                        "floor": expected}, switched  # fmt: skip
    for label, paths, goal in (
        ("GET /api/config", {"triplo": "/api/config", "reference": "/api/config",
                             "floor": "/api/config"}, 1.5),
        ("GET /api/status", {"triplo": "/api/status", "reference": "/api/status"}, 1.0),
        ("an authenticated trivial GET (providers list)", {"triplo": "/api/llm/providers",
         "reference": "/api/providers", "floor": "/api/providers"}, 1.5),
    ):  # fmt: skip
        calls = {side: lambda i, c=clients[side], p=path: c.ok("GET", p)
                 for side, path in paths.items()}  # fmt: skip
        rows.append(latency_row(label, alternate(servers, calls), goal))
    for client in clients.values():
        client.close()
    return rows


def switches_per_second(server: Server, body: Callable[[int, int], dict], path: str) -> float:
    """CLIENTS threads switching as fast as they can for SECONDS; failures are fatal."""
    deadline = time.monotonic() + SECONDS
    done = [0] * CLIENTS
    errors: list[str] = []

    def loop(k: int) -> None:
        client = Client(server.base_url)
        try:
            while time.monotonic() < deadline:
                answer = client.ok("POST", path, body(k, done[k]))
                if "torn_reads_in_worker" in answer:  # the reference counts its torn reads
                    TORN[answer["worker"]] = max(TORN.get(answer["worker"], 0),
                                                 answer["torn_reads_in_worker"])  # fmt: skip
                done[k] += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
        finally:
            client.close()

    threads = [threading.Thread(target=loop, args=(k,)) for k in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise AssertionError(f"{server.name}: {len(errors)} clients failed: {errors[0]}")
    return sum(done) / SECONDS


def throughput_row(servers: dict[str, Server], ids: list[str]) -> tuple:
    rates: dict[str, list[float]] = {side: [] for side in servers}

    def provider(k: int, n: int) -> dict:
        return {"ai_source": PROVIDERS[(k + n) % 2]}

    def profile(k: int, n: int) -> dict:
        return {"id": ids[(k + n) % len(ids)]}

    cpu = {side: -server.cpu_seconds() for side, server in servers.items()}
    order = ("reference", "floor", "triplo")
    for round_ in range(2):  # the second round in the opposite order
        for side in order if round_ == 0 else reversed(order):
            body, path = (profile, "/api/llm/profile/activate") if side == "triplo" else (
                provider, "/api/config")  # fmt: skip
            rates[side].append(switches_per_second(servers[side], body, path))
    cells = {}
    for side, server in servers.items():
        cpu_ms = (cpu[side] + server.cpu_seconds()) * 1000 / (sum(rates[side]) * SECONDS)
        cells[side] = (f"{min(rates[side]):.0f}–{max(rates[side]):.0f} "
                       f"(CPU {cpu_ms:.1f} ms a switch)")  # fmt: skip
    value, floor = (statistics.mean(rates[side]) / statistics.mean(rates["reference"])
                    for side in ("triplo", "floor"))  # fmt: skip
    return (f"switches per second, {CLIENTS} clients ({len(ids)} profiles, 2 × {SECONDS:g} s)",
            cells["triplo"], cells["reference"], f"{value:.2f}×", "≥ 1.0×", value >= 1.0,
            f"{floor:.2f}×")  # fmt: skip


def cold_starts(work: Path, document: dict) -> tuple:
    """Restarts on existing data (what a container restart does), alternated, medians in s."""
    times: dict[str, list[float]] = {"t": [], "r": []}
    for _ in range(STARTS):
        for key in ("r", "t"):
            server = start_reference(work, document) if key == "r" else start_triplo(work)
            times[key].append(server.started_in)
            server.stop()
    t, r = statistics.median(times["t"]), statistics.median(times["r"])
    return (f"cold start to the first 200 (restart, median of {STARTS})", f"{t:.2f} s",
            f"{r:.2f} s", f"{t / r:.2f}×", "≤ 2 s", t <= 2.0, "–")  # fmt: skip


def main() -> None:
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"load average (1/5/15 min) at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="triplo-bench-") as tmp:
        work = Path(tmp)
        triplo = start_triplo(work)
        first_start = triplo.started_in
        servers = {"triplo": triplo}
        try:
            client = Client(triplo.base_url)
            ids = seed_triplo(client, CLIENTS)
            providers = {i: PROVIDERS[n % 2] for n, i in enumerate(ids)}
            client.ok("POST", "/api/llm/profile/activate", {"id": ids[0]})
            client.close()
            document = json.loads(triplo.config.read_text())
            servers["reference"] = start_reference(work, document)
            servers["floor"] = start_floor(work, document)
            rows = latency_rows(servers, ids[:2], providers)
            rows.append(throughput_row(servers, ids))
            rss = {side: max(server.worker_rss_mb()) for side, server in servers.items()}
        finally:
            for server in servers.values():
                server.stop()
        rows.append(cold_starts(work, document))
        rows.append(("worker RSS after load (largest of 2 workers)", f"{rss['triplo']:.0f} MB",
                     f"{rss['reference']:.0f} MB", f"{rss['triplo'] / rss['reference']:.2f}×",
                     "≤ 60 MB", rss["triplo"] <= 60, f"{rss['floor']:.0f} MB"))  # fmt: skip
    print(f"load average at end: {load_average()}")
    print(f"first start (empty data dir, bootstrap creates everything): {first_start:.2f} s")
    print(f"{ROUNDS} requests per row and server, rotated; medians")
    print(f"the reference read a torn config.json {sum(TORN.values())} times under 8 clients\n")
    print("| request | triplo-config | old-style reference | ratio | goal | met | stack floor |")
    print("|---|---|---|---|---|---|---|")
    for label, t, r, value, goal, met, floor in rows:
        print(f"| {label} | {t} | {r} | {value} | {goal} | {'yes' if met else 'no'} | {floor} |")


if __name__ == "__main__":
    main()
