"""Does password guessing starve other requests? Prints /api/health latency under guessing.

Six clients send HTTP Basic requests with wrong passwords to gunicorn with 2 workers, each
guess for a different user name (so the per-user lockout never stops them: the worst case,
every guess costs a full PBKDF2 check). Meanwhile one client asks /api/health every 0.2 s.
Run for sync workers (gunicorn's default) and for this project's gthread workers
(gunicorn.conf.py). Not part of the tests: numbers depend on the machine; run it quietly.
"""

import itertools
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
from servers import start_triplo

GUESSERS = 6
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
MODES = {
    "sync, 2 workers (gunicorn's default)": "--worker-class sync --threads 1",
    "gthread, 2 workers x 8 threads (gunicorn.conf.py)": "",
}


def guess(base_url: str, n: int, stop_at: float, counts: list[int]) -> None:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for i in itertools.count():
            if time.monotonic() > stop_at:
                return
            client.get("/api/llm/profiles", auth=(f"guesser-{n}-{i}", "wrong-password"))
            counts[n] += 1


def probe(base_url: str, stop_at: float) -> list[float]:
    samples = []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        while time.monotonic() < stop_at:
            started = time.monotonic()
            assert client.get("/api/health").status_code == 200
            samples.append(time.monotonic() - started)
            time.sleep(0.2)
    return samples


def run(name: str, cmd_args: str, guessers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server = start_triplo(Path(tmp), GUNICORN_CMD_ARGS=cmd_args)
        base_url = server.base_url
        try:
            stop_at = time.monotonic() + SECONDS
            counts = [0] * guessers
            threads = [
                threading.Thread(target=guess, args=(base_url, n, stop_at, counts))
                for n in range(guessers)
            ]
            for thread in threads:
                thread.start()
            time.sleep(1)  # let the guessers fill the workers
            samples = probe(base_url, stop_at)
            for thread in threads:
                thread.join()
        finally:
            server.stop()
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(
        f"| {name} | {guessers} | {sum(counts) / SECONDS:.1f} | {statistics.median(ms):.0f} "
        f"| {p95:.0f} | {ms[-1]:.0f} |"
    )


def main() -> None:
    print(f"{os.cpu_count()} CPUs, {SECONDS:g} s per row")
    print("| server | guessing clients | guesses/s | health p50 ms | p95 ms | max ms |")
    print("|---|---|---|---|---|---|")
    for name, cmd_args in MODES.items():
        run(name, cmd_args, 0)
        run(name, cmd_args, GUESSERS)


if __name__ == "__main__":
    main()
