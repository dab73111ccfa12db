"""The page's ES modules hold together without a build step: small files, and every relative
import names a file that exists and a name that file exports (a browser would otherwise refuse
the whole page with one console error). Read as text: no JavaScript runtime is needed."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static" / "triplo"
MODULES = sorted(STATIC.rglob("*.js"))
ENTRY = STATIC / "manager.js"
MAX_LINES = 400

PATH = r"""["'](?P<path>[^"']+)["']"""
IMPORT = re.compile(r"^\s*import\s+(?:(?P<clause>[\w$*\s{},]+?)\s+from\s+)?" + PATH, re.M)
EXPORT_FROM = re.compile(r"^\s*export\s+(?:\{[^}]*\}|\*(?:\s+as\s+[\w$]+)?)\s+from\s+" + PATH, re.M)
DYNAMIC = re.compile(r"\bimport\(\s*" + PATH + r"\s*\)")
DECLARED = re.compile(
    r"^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)", re.M
)
EXPORT_LIST = re.compile(r"^export\s+\{([^}]*)\}", re.M)


def relative_imports(module: Path) -> list[tuple[str, Path]]:
    """(clause, target) for each import of a relative path; clause is "" for a bare import."""
    text = module.read_text()
    found = [(m["clause"] or "", m["path"]) for m in IMPORT.finditer(text)]
    found += [("", m["path"]) for m in EXPORT_FROM.finditer(text)]
    found += [("", m["path"]) for m in DYNAMIC.finditer(text)]
    return [
        (clause, (module.parent / path).resolve()) for clause, path in found if path.startswith(".")
    ]


def exported_names(module: Path) -> set[str]:
    text = module.read_text()
    names = set(DECLARED.findall(text))
    for group in EXPORT_LIST.findall(text):
        names |= {part.split(" as ")[-1].strip() for part in group.split(",") if part.strip()}
    return names


def test_the_page_has_its_modules():
    assert ENTRY in MODULES
    assert len(MODULES) > 3


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(STATIC)))
def test_no_module_is_over_400_lines(module: Path):
    lines = len(module.read_text().splitlines())
    assert lines <= MAX_LINES, f"{module.name} has {lines} lines: split it into modules"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(STATIC)))
def test_every_relative_import_resolves(module: Path):
    text = module.read_text()
    for clause, target in relative_imports(module):
        assert target.is_file(), f"{module.name} imports {target}, which does not exist"
        exported = exported_names(target)
        braces = re.search(r"\{([^}]*)\}", clause)
        named = [part.split(" as ")[0].strip() for part in braces[1].split(",")] if braces else []
        for name in filter(None, named):
            assert name in exported, f"{module.name} imports {name}, not exported by {target.name}"
        namespace = re.search(r"\*\s+as\s+([\w$]+)", clause)
        if namespace:
            # `store.select(` and the like: not a comment's words, nor the import's `./store.js`.
            code = re.sub(r"^\s*//.*$", "", text, flags=re.M)
            used = re.findall(rf"(?<![\w$./]){re.escape(namespace[1])}\.([\w$]+)", code)
            for name in set(used):
                assert name in exported, f"{module.name} uses {namespace[1]}.{name}, not exported"


def test_no_module_imports_the_entry():
    """Shared helpers live in their own modules, so a part never drags in the whole page."""
    for module in MODULES:
        targets = [target for _, target in relative_imports(module)]
        assert ENTRY not in targets, f"{module.name} imports the page's entry"
