"""Where an activation and the GETs of `make bench` spend their time, in-process (cProfile).

Not a benchmark: a guide for the optimisation. A fresh data directory is bootstrapped with
`manage.py`, then Django runs in this process and Django's test client sends the requests with
HTTP Basic, as a client would. Only Django itself is imported, so the script does not care in
which package the project's code lives. The test client keeps one database connection, so the
new SQLite connection gunicorn opens for each request is not in these figures. Printed for 2
and for 1,000 profiles: SQL statements per request, milliseconds per request (profiler on and
off), and the functions with the highest cumulative and own time.

    .venv/bin/python bench/profile_requests.py [--sizes 2,1000] [--top 25]
"""

import argparse
import base64
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

from scaling import seed
from servers import PASSWORD, ROOT, STATUS_COMMAND, USER, manage, triplo_env

REPEAT = 20


def django_client(work: Path):
    env = triplo_env(work)
    manage(env, "bootstrap")
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triplo_config.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.test import Client

    django.setup()
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    return Client(HTTP_AUTHORIZATION=f"Basic {token}")


def ok(response):
    assert response.status_code < 300, (response.status_code, response.content[:300])
    return response.json()


def _rows(stats: pstats.Stats, keep, key: int, top: int) -> list[str]:
    """(ms per request, calls per request, where) for the `top` entries by column `key`."""
    entries = []
    for (path, line, name), (_, calls, own, cumulative, _) in stats.stats.items():
        if keep(path):
            where = path.removeprefix(f"{ROOT}/") if path.startswith(str(ROOT)) else (
                f"{Path(path).name}:{line}" if line else "")  # fmt: skip
            entries.append(((own, cumulative)[key], calls, f"{where}:{line}({name})"))
    entries.sort(reverse=True)
    return [f"{t / REPEAT * 1000:8.2f} ms {c / REPEAT:7.1f}x  {w}" for t, c, w in entries[:top]]


def run(label: str, call, top: int) -> None:
    from django.db import connection

    for i in range(3):
        call(i)  # warm: imports, connections, caches
    statements: list[str] = []
    with connection.execute_wrapper(lambda ex, sql, *a: statements.append(sql) or ex(sql, *a)):
        call(1)  # the warm-up left ids[0] active: this one really switches
    if os.environ.get("BENCH_SHOW_SQL"):
        print("\n".join(statements))
    started = time.perf_counter()
    for i in range(REPEAT):
        call(i)
    plain = (time.perf_counter() - started) / REPEAT * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(REPEAT):
        call(i)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    print(f"\n### {label}: {plain:.1f} ms per request unprofiled, {len(statements)} SQL statements")
    print(f"(cProfile, {REPEAT} requests; per request: time, calls, function)\n")
    ours = f"{ROOT}/"

    def project(path: str) -> bool:
        return path.startswith(ours) and path[len(ours) :].split("/")[0] not in (".venv", "bench")

    print("the project's functions by cumulative time:\n```")
    print("\n".join(_rows(stats, project, 1, top)))
    print("```\nany function by own time:\n```")
    print("\n".join(_rows(stats, lambda p: True, 0, top)))
    print("```")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2,1000")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(f"TRIPLO_STATUS_COMMAND={STATUS_COMMAND!r}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="triplo-profile-") as tmp:
        client = django_client(Path(tmp))
        for provider in ("open_ai", "anthropic"):
            ok(client.put(f"/api/llm/credentials/{provider}", {"api_key": "sk-bench"},
                          content_type="application/json"))  # fmt: skip
        ids = [
            ok(
                client.post(
                    "/api/llm/profiles",
                    {"name": f"p{i}", "provider": p, "model": "m"},
                    content_type="application/json",
                )
            )["id"]  # fmt: skip
            for i, p in enumerate(("open_ai", "anthropic"))
        ]
        have = 2
        for size in (int(s) for s in args.sizes.split(",")):
            if size > have:
                seed(Path(tmp) / "data" / "db.sqlite3", ids[0], size - have)
                have = size

            def activate(i: int) -> None:
                ok(client.post("/api/llm/profile/activate", {"id": ids[i % 2]},
                               content_type="application/json"))  # fmt: skip

            run(f"activation, {size:,} profiles", activate, args.top)
            for path in ("/api/status", "/api/config", "/api/llm/providers"):
                run(f"GET {path}, {size:,} profiles", lambda i, p=path: ok(client.get(p)), args.top)


if __name__ == "__main__":
    main()
