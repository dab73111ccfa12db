"""`make bench`, part 1: triplo-config against an old-style reference, in the same run.

Each row of issue 14's table is measured on both servers, requests alternating between them
(the first of each pair swaps every round so neither always goes first), and printed as
triplo-config's median, the reference's median and their ratio. The reference is bench/oldui.py
under the same gunicorn (gunicorn.conf.py, 2 workers) with the same HTTP Basic. Wall-clock
figures: the load average is printed because the machine may be shared.

BENCH_ROUNDS (default 200) requests per row and server; BENCH_SECONDS (default 6) per
throughput round; BENCH_STARTS (default 3) cold starts per server.
"""

import json
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from servers import Client, Server, start_reference, start_triplo

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


def alternate(servers: tuple[Server, Server], triplo: Call, reference: Call) -> list:
    """ROUNDS calls of each, alternating, the order swapped every round. For each side: median
    and 10th percentile of the wall time, and the server's CPU time per request (which a busy
    machine hardly changes); then the ratio of the medians and the ratio of the CPU times."""
    samples: dict[Call, list[float]] = {triplo: [], reference: []}
    cpu_before = [server.cpu_seconds() for server in servers]
    for i in range(ROUNDS):
        for call in (triplo, reference) if i % 2 else (reference, triplo):
            started = time.perf_counter()
            call(i)
            samples[call].append((time.perf_counter() - started) * 1000)
    cpu = [(s.cpu_seconds() - b) * 1000 / ROUNDS for s, b in zip(servers, cpu_before, strict=True)]
    cells = []
    for call, cpu_ms in zip((triplo, reference), cpu, strict=True):
        tenths = statistics.quantiles(samples[call], n=10)
        cells.append(
            f"{statistics.median(samples[call]):.1f} ms (p10 {tenths[0]:.1f}, CPU {cpu_ms:.1f})"
        )
    ratio = statistics.median(samples[triplo]) / statistics.median(samples[reference])
    return [*cells, ratio, cpu[0] / cpu[1] if cpu[1] else float("inf")]


def latency_rows(t: Server, r: Server, ids: list[str], providers: dict[str, str]) -> list:
    tc, rc = Client(t.base_url), Client(r.base_url)

    def activate(i: int) -> None:
        tc.ok("POST", "/api/llm/profile/activate", {"id": ids[(i + 1) % 2]})

    def switch(i: int) -> None:
        rc.ok("POST", "/api/config", {"ai_source": PROVIDERS[(i + 1) % 2]})

    rows = [("switch the provider (activate vs old-style POST /api/config)",
             *alternate((t, r), activate, switch), 1.0)]  # fmt: skip
    # ids[0] was active: every activation switches. The file is replaced by the time the answer
    # arrives (checked after the timed loop, on both sides).
    switched = (ai_source(t.config), ai_source(r.config))
    assert switched == (providers[ids[ROUNDS % 2]], PROVIDERS[ROUNDS % 2]), switched
    for label, t_path, r_path, goal in (
        ("GET /api/config", "/api/config", "/api/config", 1.5),
        ("GET /api/status", "/api/status", "/api/status", 1.0),
        ("an authenticated trivial GET (providers list)", "/api/llm/providers", "/api/providers",
         1.5),
    ):  # fmt: skip
        cells = alternate(
            (t, r), lambda i, p=t_path: tc.ok("GET", p), lambda i, p=r_path: rc.ok("GET", p)
        )
        rows.append((label, *cells, goal))
    tc.close()
    rc.close()
    return [(label, a, b, f"{ratio:.2f}× (CPU {cpu:.1f}×)", f"≤ {g:.1f}×", ratio <= g)
            for label, a, b, ratio, cpu, g in rows]  # fmt: skip


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


def throughput_row(t: Server, r: Server, ids: list[str]) -> tuple:
    rates: dict[str, list[float]] = {"t": [], "r": []}

    def provider(k: int, n: int) -> dict:
        return {"ai_source": PROVIDERS[(k + n) % 2]}

    def profile(k: int, n: int) -> dict:
        return {"id": ids[(k + n) % len(ids)]}

    cpu = {"t": -t.cpu_seconds(), "r": -r.cpu_seconds()}
    for _ in range(2):
        rates["r"].append(switches_per_second(r, provider, "/api/config"))
        rates["t"].append(switches_per_second(t, profile, "/api/llm/profile/activate"))
    cpu = {"t": cpu["t"] + t.cpu_seconds(), "r": cpu["r"] + r.cpu_seconds()}
    ratio = statistics.mean(rates["t"]) / statistics.mean(rates["r"])
    cells = {
        k: f"{min(v):.0f}–{max(v):.0f} (CPU {cpu[k] * 1000 / (sum(v) * SECONDS):.1f} ms a switch)"
        for k, v in rates.items()
    }
    return (f"switches per second, {CLIENTS} clients ({len(ids)} profiles, 2 × {SECONDS:g} s)",
            cells["t"], cells["r"], f"{ratio:.2f}×", "≥ 1.0×", ratio >= 1.0)  # fmt: skip


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
            f"{r:.2f} s", f"{t / r:.2f}×", "≤ 2 s", t <= 2.0)  # fmt: skip


def main() -> None:
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"load average (1/5/15 min) at start: {load_average()}")
    with tempfile.TemporaryDirectory(prefix="triplo-bench-") as tmp:
        work = Path(tmp)
        triplo = start_triplo(work)
        first_start = triplo.started_in
        reference = None
        try:
            client = Client(triplo.base_url)
            ids = seed_triplo(client, CLIENTS)
            providers = {i: PROVIDERS[n % 2] for n, i in enumerate(ids)}
            client.ok("POST", "/api/llm/profile/activate", {"id": ids[0]})
            client.close()
            document = json.loads(triplo.config.read_text())
            reference = start_reference(work, document)
            rows = latency_rows(triplo, reference, ids[:2], providers)
            rows.append(throughput_row(triplo, reference, ids))
            rss_t, rss_r = max(triplo.worker_rss_mb()), max(reference.worker_rss_mb())
        finally:
            triplo.stop()
            if reference:
                reference.stop()
        rows.append(cold_starts(work, document))
        rss = f"{rss_t / rss_r:.2f}×"
        rows.append(("worker RSS after load (largest of 2 workers)", f"{rss_t:.0f} MB",
                     f"{rss_r:.0f} MB", rss, "≤ 60 MB", rss_t <= 60))  # fmt: skip
    print(f"load average at end: {load_average()}")
    print(f"first start (empty data dir, bootstrap creates everything): {first_start:.2f} s")
    print(f"{ROUNDS} requests per row and server, alternated; medians")
    print(f"the reference read a torn config.json {sum(TORN.values())} times under 8 clients\n")
    print("| request | triplo-config | old-style reference | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for label, t, r, ratio, goal, met in rows:
        print(f"| {label} | {t} | {r} | {ratio} | {goal} | {'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
