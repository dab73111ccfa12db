"""`make bench`, part 2: how costs grow with the number of profiles n (issue 14's scaling table).

One triplo-config server under gunicorn; at n = 10, 100, 1,000, 5,000 it measures over HTTP:
an activation (median), the bytes the database grows by per activation (what a history version
stores, all tables counted), the creation of one more profile through the API (median), and the
floor an activation could reach: `json.dumps(indent=2)` + write + fsync + replace (+ fsync of
the directory) of the same config.json, in this process. Then a least-squares line a + b·n.

Profiles are seeded straight into SQLite: creating them through the API is O(n²) today (5,000
took 350 s) and `import_profiles` checks each name against every profile as well. The profile
table is found by its columns and each seeded row copies one made through the API, so the
seeding follows the schema rather than any module. Budget: BENCH_SCALING_BUDGET seconds
(default 240); a size whose estimated cost would overrun it is skipped and said so.
"""

import itertools
import json
import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from servers import Client, Server, start_triplo

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10,100,1000,5000").split(","))
BUDGET = float(os.environ.get("BENCH_SCALING_BUDGET", "240"))
ACTIVATIONS, CREATIONS, FLOORS = 15, 5, 10
SWITCHES = itertools.count(1)  # ids[0] is never active first: every activation switches


def profile_table(db: sqlite3.Connection) -> tuple[str, list[str]]:
    wanted = {"id", "name", "provider", "model", "position", "is_active"}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        if wanted <= set(columns):
            return table, columns
    raise AssertionError("no table holds profiles (id, name, provider, model, position, ...)")


def seed(db_path: Path, template_id: str, count: int) -> None:
    """Add `count` inactive copies of one profile, each with its own id, name and position."""
    with sqlite3.connect(db_path, timeout=30) as db:
        table, columns = profile_table(db)
        query = f'SELECT * FROM "{table}" WHERE id = ?'
        template = dict(
            zip(columns, db.execute(query, (template_id.replace("-", ""),)).fetchone(), strict=True)
        )
        top = db.execute(f'SELECT MAX(position) FROM "{table}"').fetchone()[0] or 0
        rows = []
        for i in range(count):
            name = f"seeded {uuid.uuid4().hex[:12]}"
            row = {}
            for column, value in template.items():
                if column == "id":
                    value = uuid.uuid4().hex
                elif column == "position":
                    value = top + 1 + i
                elif column == "is_active":
                    value = 0
                elif column in ("provider", "model"):
                    pass
                elif value == template["name"]:
                    value = name
                elif isinstance(value, str) and value == template["name"].casefold():
                    value = name.casefold()  # a stored case-folded name key, if there is one
                row[column] = value
            rows.append(tuple(row[c] for c in columns))
        marks = ", ".join("?" * len(columns))
        db.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)


def stored_bytes(db_path: Path) -> dict[str, int]:
    """Bytes of content per table (sum of LENGTH of every column of every row)."""
    sizes = {}
    with sqlite3.connect(db_path, timeout=30) as db:
        tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if table.startswith("sqlite_"):
                continue
            columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
            total = " + ".join(f'COALESCE(SUM(LENGTH("{c}")), 0)' for c in columns)
            sizes[table] = db.execute(f'SELECT {total} FROM "{table}"').fetchone()[0]
    return sizes


def floor_ms(config: Path) -> float:
    """json.dumps + temp file + fsync + os.replace + directory fsync of the same document."""
    document = json.loads(config.read_text())
    target = config.with_name("floor.json")
    samples = []
    for _ in range(FLOORS):
        started = time.perf_counter()
        temp = target.with_suffix(".tmp")
        with open(temp, "w") as f:
            f.write(json.dumps(document, indent=2))
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, target)
        directory = os.open(config.parent, os.O_RDONLY)
        os.fsync(directory)
        os.close(directory)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def timed(call, times: int) -> float:
    samples = []
    for i in range(times):
        started = time.perf_counter()
        call(i)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares a + b·n."""
    if len(points) < 2:
        return points[0][1] if points else 0.0, 0.0
    slope, intercept = statistics.linear_regression([n for n, _ in points], [y for _, y in points])
    return intercept, slope


def measure(client: Client, server: Server, db: Path, ids: list[str], n: int) -> dict:
    config = server.config
    # The seeded rows went in behind the server's back, so the first change after them records
    # them in the history: that is the seeding's cost, not an activation's.
    client.ok("POST", "/api/llm/profile/activate", {"id": ids[next(SWITCHES) % 2]})
    before, cpu = stored_bytes(db), server.cpu_seconds()
    activation = timed(
        lambda i: client.ok("POST", "/api/llm/profile/activate", {"id": ids[next(SWITCHES) % 2]}),
        ACTIVATIONS,
    )
    activation_cpu = (server.cpu_seconds() - cpu) * 1000 / ACTIVATIONS
    after = stored_bytes(db)
    grown = {t: (after[t] - before.get(t, 0)) / ACTIVATIONS for t in after}
    biggest = max(grown, key=grown.get)

    def create(i: int) -> None:
        body = {"name": f"new {n}-{i}", "provider": "open_ai", "model": "m"}
        client.ok("POST", "/api/llm/profiles", body)

    cpu = server.cpu_seconds()
    creation = timed(create, CREATIONS)
    creation_cpu = (server.cpu_seconds() - cpu) * 1000 / CREATIONS
    return {"n": n, "activation": activation, "activation_cpu": activation_cpu,
            "floor": floor_ms(config), "bytes": sum(grown.values()), "table": biggest,
            "table_bytes": grown[biggest], "creation": creation, "creation_cpu": creation_cpu,
            "config_bytes": config.stat().st_size}  # fmt: skip


def two_profiles(client: Client) -> list[str]:
    """One profile per provider, each with its credential: activations switch between them."""
    ids = []
    for provider in ("open_ai", "anthropic"):
        client.ok("PUT", f"/api/llm/credentials/{provider}", {"api_key": "sk-bench"})
        body = {"name": f"bench {provider}", "provider": provider, "model": "m"}
        ids.append(client.ok("POST", "/api/llm/profiles", body)["id"])
    return ids


def main() -> None:
    results, skipped = [], []
    spent = 0.0
    with tempfile.TemporaryDirectory(prefix="triplo-scaling-") as tmp:
        server = start_triplo(Path(tmp))
        db = Path(tmp) / "data" / "db.sqlite3"  # where triplo_env puts the data directory
        try:
            client = Client(server.base_url)
            ids = two_profiles(client)
            have = 2
            for n in SIZES:
                per_step = results[-1]["activation"] * ACTIVATIONS + results[-1]["creation"] * (
                    CREATIONS
                ) if results else 0.0  # fmt: skip
                estimate = per_step / 1000 * n / results[-1]["n"] if results else 0.0
                if spent + estimate > BUDGET:
                    skipped.append(f"n = {n:,} (estimated {estimate:.0f} s, {spent:.0f} s spent)")
                    continue
                started = time.perf_counter()
                seed(db, ids[0], n - have)
                have = n
                results.append(measure(client, server, db, ids, n))
                have += CREATIONS
                spent += time.perf_counter() - started
            client.close()
        finally:
            server.stop()
    print("| n profiles | activation | floor: dump + fsync + replace | activation / floor "
          "| bytes stored per activation | of which the largest table | create one profile "
          "| config.json |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['n']:,} | {r['activation']:.1f} ms (CPU {r['activation_cpu']:.0f}) "
              f"| {r['floor']:.1f} ms | {r['activation'] / r['floor']:.1f}× | {r['bytes']:,.0f} B "
              f"| {r['table']}: {r['table_bytes']:,.0f} B "
              f"| {r['creation']:.1f} ms (CPU {r['creation_cpu']:.0f}) "
              f"| {r['config_bytes']:,} B |")  # fmt: skip
    for key, unit, label in (
        ("activation", "ms", "activation"),
        ("activation_cpu", "ms", "activation, server CPU"),
        ("bytes", "B", "bytes stored per activation"),
        ("creation", "ms", "creating one profile"),
        ("creation_cpu", "ms", "creating one profile, server CPU"),
        ("floor", "ms", "floor (dump + fsync + replace)"),
    ):
        a, b = fit([(r["n"], r[key]) for r in results])
        per = f"{b * 1000:.1f} µs" if unit == "ms" else f"{b:.1f} B"
        sizes = ", ".join(f"{r['n']:,}" for r in results)
        print(f"- {label}: {a:.1f} {unit} + {per} · n (least squares over n = {sizes})")
    for line in skipped:
        print(f"- skipped {line}: raise BENCH_SCALING_BUDGET to measure it")
    print(f"- {spent:.0f} s for the table; load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
