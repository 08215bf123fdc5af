"""Telling cites apart that print the same (CSL disambiguation, as citeproc-js does it).

Two items are ambiguous when their first cites render to the same text. For each group of
ambiguous items the style's methods are tried in CSL's order: `disambiguate-add-names`
(more names before "et al."), then `disambiguate-add-givenname` (initials, then full given
names), then the style's `disambiguate="true"` branches, then `disambiguate-add-year-suffix`
(a, b, c... in bibliography order). Only the
items that could print the same (the same first name, or title) are rendered, so the cost
stays near linear in the number of entries.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from typing import Any

from .fixes.rendering import disambiguation_scope
from .fixes.sorting import collation_key
from .markup import to_text

Render = Callable[[Any], str | None]


def _candidate_key(reference: Any, by_year: bool) -> tuple[str, Any]:
    """Items can only print the same if they share this: the first name (or the title),
    and the year when the cite prints the date."""
    first = ""
    for variable in ("author", "editor", "translator"):
        names = reference.get(variable)
        if names:
            parts = names[0]
            first = str(parts.get("family") or parts.get("literal") or parts.get("given") or "")
            break
    if not first:
        first = str(reference.get("title") or "")
    issued = reference.get("issued") if by_year else None
    year = getattr(issued, "get", lambda _: None)("year") if issued is not None else None
    return collation_key(first), year


def _groups(items: list[Any], render: Render, by_year: bool) -> Iterator[list[Any]]:
    candidates: dict[tuple[str, Any], list[Any]] = {}
    for item in items:
        candidates.setdefault(_candidate_key(item.reference, by_year), []).append(item)
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


def _distinct(group: list[Any], render: Render, option: dict[str, Any]) -> int:
    """How many different cites `group` prints with `option`."""
    token = disambiguation_scope.set(option)
    try:
        return len({to_text(render(item) or "") for item in group})
    finally:
        disambiguation_scope.reset(token)


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


def _names_step(group: list[Any], render: Render, add_names: bool,
                add_givenname: bool) -> list[Any]:
    """More names, given names, or both: the first that tells some of `group` apart."""
    most = max((len(item.reference.get("author") or item.reference.get("editor") or [])
                for item in group), default=1)
    shown: list[dict[str, Any]] = [{}]
    if add_names:
        shown += [{"et-al-use-first": n} for n in range(2, most + 1)]
    given = [{"given": "initials"}, {"given": "full"}] if add_givenname else []
    widest = {**shown[-1], **(given[-1] if given else {})}
    if not widest or _distinct(group, render, widest) == 1:
        return group  # not even every name in full tells them apart: nothing to try
    for names in shown:
        for option in ([names] if names else []) + [{**names, **g} for g in given]:
            if not group:
                return group
            left = _try(group, render, option)
            if len(left) < len(group):
                group = left
    return group


def disambiguate(items: list[Any], render: Render, options: dict[str, bool],
                 by_year: bool = False) -> None:
    """Mark the references of `items` (in bibliography order) so that their cites differ:
    `reference["disambiguation"]` (name options) and `reference["year_suffix"]`.
    `by_year`: the cite prints the issued date, so items of different years differ."""
    for group in list(_groups(items, render, by_year)):
        if options.get("add-names") or options.get("add-givenname"):
            group = _names_step(group, render, bool(options.get("add-names")),
                                bool(options.get("add-givenname")))
        if group and options.get("uses-condition"):
            group = _try(group, render, {"disambiguate": True})
        if options.get("add-year-suffix") and len(group) > 1:
            for index, item in enumerate(group):
                item.reference["year_suffix"] = _suffix(index)
