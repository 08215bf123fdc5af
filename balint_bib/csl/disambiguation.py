"""Telling cites apart that print the same (CSL disambiguation, as citeproc-js does it).

Two items are ambiguous when their first cites render to the same text. For each group of
ambiguous items the style's methods are tried in CSL's order: `disambiguate-add-names`
(more names before "et al."), then `disambiguate-add-givenname` (initials, then full given
names), then `disambiguate-add-year-suffix` (a, b, c... in bibliography order). Only the
items that could print the same (same first name or title, and year) are rendered, so the
cost stays linear in the number of entries.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from typing import Any

from .fixes.rendering import disambiguation_scope
from .fixes.sorting import collation_key
from .markup import to_text

Render = Callable[[Any], str | None]


def _candidate_key(reference: Any) -> tuple[str, Any]:
    """Items that can only print the same if they share this (first name or title, year)."""
    first = ""
    for variable in ("author", "editor", "translator"):
        names = reference.get(variable)
        if names:
            parts = names[0]
            first = str(parts.get("family") or parts.get("literal") or parts.get("given") or "")
            break
    if not first:
        first = str(reference.get("title") or "")
    issued = reference.get("issued")
    year = getattr(issued, "get", lambda _: None)("year") if issued is not None else None
    return collation_key(first), year


def _groups(items: list[Any], render: Render) -> Iterator[list[Any]]:
    candidates: dict[tuple[str, Any], list[Any]] = {}
    for item in items:
        candidates.setdefault(_candidate_key(item.reference), []).append(item)
    for group in candidates.values():
        if len(group) < 2:
            continue
        printed: dict[str, list[Any]] = {}
        for item in group:
            text = render(item)
            if text:
                printed.setdefault(to_text(text), []).append(item)
        yield from (same for same in printed.values() if len(same) > 1)


def _suffix(index: int) -> str:
    """a..z, then aa, ab... as citeproc-js counts."""
    letters = string.ascii_lowercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _try(group: list[Any], render: Render, option: dict[str, Any]) -> list[Any]:
    """Give each item of `group` `option` when that makes its cite unique in the group;
    the items still ambiguous are returned."""
    texts: dict[str, list[Any]] = {}
    for item in group:
        token = disambiguation_scope.set({**item.reference.get("disambiguation", {}), **option})
        try:
            texts.setdefault(to_text(render(item) or ""), []).append(item)
        finally:
            disambiguation_scope.reset(token)
    if len(texts) == 1:
        return group
    left = []
    for same in texts.values():
        for item in same:
            item.reference["disambiguation"] = {**item.reference.get("disambiguation", {}),
                                                **option}
        if len(same) > 1:
            left += same
    return left


def disambiguate(items: list[Any], render: Render, options: dict[str, bool]) -> None:
    """Mark the references of `items` (in bibliography order) so that their cites differ:
    `reference["disambiguation"]` (name options) and `reference["year_suffix"]`."""
    for group in list(_groups(items, render)):
        if options.get("add-names"):
            for extra in range(2, 8):
                group = _try(group, render, {"et-al-use-first": extra}) if group else group
        if options.get("add-givenname") and group:
            group = _try(group, render, {"initialize-with": ". ", "given": "initials"})
            if group:
                group = _try(group, render, {"given": "full"})
        if options.get("add-year-suffix") and len(group) > 1:
            for index, item in enumerate(group):
                item.reference["year_suffix"] = _suffix(index)
