"""The layer rules of docs/architecture.md, checked on the source as text (nothing is imported or run)."""

from __future__ import annotations

import ast
import re
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lindung"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def _app_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def _imported_modules(node: ast.AST, path: Path) -> list[str]:
    """Absolute names of the Lindung modules an import statement reaches."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("lindung.")]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        package = list(path.relative_to(ROOT).with_suffix("").parts)[: -node.level]
        return [".".join([*package, *([node.module] if node.module else [])])]
    return [node.module] if node.module and node.module.startswith("lindung.") else []


def _function_imports(tree: ast.AST) -> set[int]:
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Import | ast.ImportFrom)
    }


def _contract_layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    return [[m.strip().removeprefix("lindung.") for m in layer.split("|")] for layer in layers]


def test_the_documented_layer_order_is_the_enforced_one():
    text = (ROOT / "docs" / "architecture.md").read_text()
    line = next(ln for ln in text.splitlines() if ln.startswith("core →"))
    documented = [[m.strip() for m in layer.split("|")] for layer in line.split("→")]
    assert documented == list(reversed(_contract_layers()))


def test_every_app_is_in_a_layer():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists() or p.name == "api"}
    layered = {app for layer in _contract_layers() for app in layer}
    assert apps == layered


def test_no_function_hides_an_import_of_lindung():
    hidden = []
    for path in _sources():
        tree = ast.parse(path.read_text())
        inside = _function_imports(tree)
        for node in ast.walk(tree):
            if id(node) in inside and _imported_modules(node, path):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_no_two_apps_import_each_other():
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _sources():
        app = _app_of(path)
        for node in ast.walk(ast.parse(path.read_text())):
            for module in _imported_modules(node, path):
                target = module.split(".")[1] if module.count(".") else ""
                if app and target and target != app:
                    edges[app].add(target)
    mutual = sorted((a, b) for a in edges for b in edges[a] if a < b and a in edges.get(b, set()))
    assert mutual == []


def test_no_module_or_function_is_too_long():
    too_long = []
    for path in _sources():
        text = path.read_text()
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines")
    assert too_long == []


# A region code handled by hand: its level by counting dots, its parts by splitting, a subtree by prefix.
_BY_HAND = re.compile(r'\.count\("\."\)|\.split\("\."\)|startswith\([^)]*\+ ?"\."\)')


def test_region_codes_are_read_only_in_regions_codes():
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in _sources()
        if path != PACKAGE / "regions" / "codes.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if _BY_HAND.search(line)
    ]
    assert found == []
