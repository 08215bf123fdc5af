"""A style's structure checked before it renders: what would otherwise crash citeproc-py
deep in a render (or recurse until Python's stack runs out) is one error naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from .styles import CSL_NS

_NS = {"cs": CSL_NS}


def _line(element: Any) -> int | None:
    return element.sourceline if isinstance(element.sourceline, int) else None


def _check_layouts(root: Any, path: Path) -> None:
    parts = [root.find(f"cs:{name}", _NS) for name in ("citation", "bibliography")]
    if all(part is None for part in parts):
        raise InputError("the style has neither <citation> nor <bibliography>", path=path)
    for part in parts:
        if part is not None and part.find("cs:layout", _NS) is None:
            raise InputError(f"<{part.tag.split('}')[1]}> has no <layout>", path=path,
                             line=_line(part))


def _check_macros(root: Any, path: Path) -> None:
    macros = {m.get("name"): m for m in root.findall("cs:macro", _NS)}
    calls: dict[str, list[str]] = {}
    for element in root.iter():
        called = element.get("macro") if isinstance(element.tag, str) else None
        if called is None:
            continue
        if called not in macros:
            raise InputError(f"macro '{called}' is called but not defined", path=path,
                             line=_line(element))
        caller = next((a.get("name") for a in element.iterancestors()
                       if a.tag == f"{{{CSL_NS}}}macro"), None)
        if caller is not None:
            calls.setdefault(caller, []).append(called)
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> None:
        if name in chain:
            cycle = " -> ".join([*chain[chain.index(name):], name])
            raise InputError(f"macro calls itself: {cycle}", path=path,
                             line=_line(macros[name]))
        if name not in done:
            for called in calls.get(name, []):
                visit(called, [*chain, name])
            done.add(name)

    for name in macros:
        visit(name, [])


def check_style(root: Any, path: Path) -> None:
    """An InputError for a style without a layout, a call to an undefined macro or a macro
    that calls itself (directly or through others)."""
    _check_layouts(root, path)
    _check_macros(root, path)
