"""The packages form layers: each imports only the ones below it (docs/ARCHITECTURE.md).

The import graph is read from the source with `ast`, imports inside functions included (a
lazy import is still a dependency), so a cycle cannot hide behind one.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Bottom first. The project package sits on top: its urls import the apps, no app imports it.
LAYERS = ("core", "credentials", "profiles", "triplo", "history", "triplo_config")
NOT_SHIPPED = {"tests", "bench", "docker", "scripts"}


def first_party_packages() -> set[str]:
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_SHIPPED
    }


def imported_modules(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def package_edges() -> dict[tuple[str, str], list[str]]:
    """(importer, imported) -> the files where the importer's package imports the other."""
    packages = first_party_packages()
    edges: dict[tuple[str, str], list[str]] = {}
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            for module in imported_modules(ast.parse(path.read_text(), str(path))):
                target = module.split(".")[0]
                if target in packages and target != package:
                    where = str(path.relative_to(ROOT))
                    edges.setdefault((package, target), []).append(where)
    return edges


def cycles(edges: dict[tuple[str, str], list[str]]) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    found = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt == path[0]:
                found.append([*path, nxt])
            elif nxt not in path and nxt > path[0]:  # each cycle once, from its smallest node
                visit(nxt, [*path, nxt])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_every_first_party_package_has_a_layer():
    assert first_party_packages() == set(LAYERS)


def test_no_cycle_between_packages():
    assert cycles(package_edges()) == []


def test_each_package_imports_only_the_layers_below_it():
    upward = {
        f"{source} -> {target}": files
        for (source, target), files in package_edges().items()
        if LAYERS.index(target) > LAYERS.index(source)
    }
    assert upward == {}


def test_no_app_imports_the_project_package():
    assert {s: f for (s, t), f in package_edges().items() if t == "triplo_config"} == {}


def test_the_walk_sees_lazy_imports_and_cycles():
    """The checks above can fail: a function-level import is an edge, and a loop is found."""
    tree = ast.parse("def f():\n    from triplo_config import settings\n")
    assert imported_modules(tree) == ["triplo_config"]
    loop = {("core", "profiles"): ["a"], ("profiles", "core"): ["b"]}
    assert cycles(loop) == [["core", "profiles", "core"]]


def test_the_restart_worker_needs_no_django():
    """It runs as `python -m triplo.restart_worker`, detached from the server."""
    probe = (
        "import sys, triplo.restart_worker; print(sorted(m for m in sys.modules if 'django' in m))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": os.environ.get("PATH", "")},
    )  # fmt: skip
    assert done.stdout.strip() == "[]"
