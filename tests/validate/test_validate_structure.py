"""The validation package's modules import each other without a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import balint_bib.validate

PACKAGE = Path(balint_bib.validate.__file__).parent


def _imports(path: Path) -> set[str]:
    """Sibling modules `path` imports (TYPE_CHECKING imports too: a circle for readers)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found


def test_no_import_circle_inside_validate() -> None:
    graph = {p.stem: _imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for module in graph.get(start, ()):
            if module == goal or (module not in seen and reaches(module, goal, seen | {module})):
                return True
        return False

    circles = sorted(name for name in graph if reaches(name, name, set()))
    assert circles == []
