"""The package's shape, held by tests: small modules, short functions, and sub-packages
that depend on each other one way only (issue: one home for each job)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.support.tools import REPO

PACKAGE = REPO / "balint_bib"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MODULES = sorted(PACKAGE.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The balint_bib modules `path` imports at run time (relative imports resolved; imports
    under `if TYPE_CHECKING:` are for annotations only and do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            node.body = []
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "balint_bib"}


def _sub_package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lines"


def test_functions_are_short() -> None:
    long: list[str] = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name} ({length})")
    assert not long, "functions over the bound:\n" + "\n".join(long)


def test_no_import_cycle_between_sub_packages() -> None:
    """Sub-packages (balint_bib.csl, balint_bib.exporters, ...) and top-level modules form
    a graph without cycles; lazy imports inside functions count too."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in MODULES:
        source = _sub_package(_module_name(path))
        for target in _imports(path):
            target_unit = _sub_package(target)
            if target_unit not in (source, "balint_bib"):
                graph[source].add(target_unit)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for unit in sorted(graph):
        if unit not in state:
            visit(unit, [unit])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_only_the_bibtex_package_imports_bibtexparser() -> None:
    importers = [str(path.relative_to(REPO)) for path in MODULES
                 if any(line.lstrip().startswith(("import bibtexparser", "from bibtexparser"))
                        for line in path.read_text(encoding="utf-8").splitlines())]
    assert importers and all(p.startswith("balint_bib/bibtex/") for p in importers), importers
