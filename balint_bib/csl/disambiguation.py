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

import re
import string
from collections.abc import Callable, Iterator
from typing import Any

from .fixes.cites import FULL, INITIALS, SHORT, name_slot, rendered_names
from .fixes.rendering import disambiguation_scope
from .fixes.sorting import collation_key
from .markup import to_text

Render = Callable[[Any], str | None]


def _candidate_key(reference: Any, by_year: bool, by_name: bool = True) -> tuple[str, Any]:
    """Items can only print the same if they share this: the first name (or the title)
    when the cite prints names, and the year when it prints the date."""
    first = ""
    for variable in ("author", "editor", "translator") if by_name else ():
        names = reference.get(variable)
        if names:
            parts = names[0]
            first = str(parts.get("family") or parts.get("literal") or parts.get("given") or "")
            break
    if not first and by_name:
        first = str(reference.get("title") or "")
    issued = reference.get("issued") if by_year else None
    year = getattr(issued, "get", lambda _: None)("year") if issued is not None else None
    return collation_key(first), year


def _groups(items: list[Any], render: Render, by_year: bool, by_name: bool = True
            ) -> Iterator[list[Any]]:
    candidates: dict[tuple[str, Any], list[Any]] = {}
    for item in items:
        candidates.setdefault(_candidate_key(item.reference, by_year, by_name), []).append(item)
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


Option = dict[str, Any]


def _merge(old: Option, new: Option) -> Option:
    """`new` over `old`; name levels only ever rise."""
    merged = {**old, **new}
    if "levels" in old and "levels" in new:
        levels = dict(old["levels"])
        for name, level in new["levels"].items():
            levels[name] = max(levels.get(name, 0), level)
        merged["levels"] = levels
    return merged


def _with(item: Any, option: Option) -> Option:
    return _merge(item.reference.get("disambiguation", {}), option)


def _distinct(group: list[Any], render: Render, option: Option) -> int:
    """How many different cites `group` prints with `option`."""
    texts = set()
    for item in group:
        token = disambiguation_scope.set(_with(item, option))
        try:
            texts.add(to_text(render(item) or ""))
        finally:
            disambiguation_scope.reset(token)
    return len(texts)


def _try(group: list[Any], render: Render, option: Option | Callable[[Any], Option]
         ) -> list[Any]:
    """Give each item of `group` its `option` when that tells more of its cites apart
    than they are now; the items still ambiguous are returned."""
    chosen = {id(item): option(item) if callable(option) else option for item in group}
    texts: dict[str, list[Any]] = {}
    for item in group:
        token = disambiguation_scope.set(_with(item, chosen[id(item)]))
        try:
            texts.setdefault(to_text(render(item) or ""), []).append(item)
        finally:
            disambiguation_scope.reset(token)
    if len(texts) <= _distinct(group, render, {}):
        return group
    left = []
    for same in texts.values():
        for item in same:
            item.reference["disambiguation"] = _with(item, chosen[id(item)])
        if len(same) > 1:
            left += same
    return left


class _FirstNamesHeard(Exception):
    """Ends a render once its first name list is known (`_names_of(first_only=True)`)."""


class _FirstOnly(list[tuple[str, int]]):
    def append(self, heard: tuple[str, int]) -> None:
        super().append(heard)
        raise _FirstNamesHeard


def _names_of(item: Any, render: Render, option: Option | None = None,
              first_only: bool = False) -> list[tuple[str, int]]:
    """(variable, names shown) of each name list the item's cite renders (with `option`);
    `first_only`: of the first, the render ending there."""
    heard: list[tuple[str, int]] = _FirstOnly() if first_only else []
    token = rendered_names.set(heard)
    scope = disambiguation_scope.set(_with(item, option or {}))
    try:
        render(item)
    except _FirstNamesHeard:
        pass
    finally:
        rendered_names.reset(token)
        disambiguation_scope.reset(scope)
    return list(heard)


def _expand_names_by_cite(group: list[Any], render: Render, names: Option) -> list[Any]:
    """disambiguate-add-givenname, givenname-disambiguation-rule="by-cite": the names the
    cites show, one at a time in order, each raised to initials and then to the full
    given name where that tells some of the cites apart."""
    shown: dict[int, list[str]] = {}
    for item in group:
        shown[id(item)] = [name_slot(variable, i) for variable, count in
                           _names_of(item, render, names) for i in range(count)]
    for position in range(max((len(slots) for slots in shown.values()), default=0)):
        for level in (INITIALS, FULL):
            if len(group) < 2:
                return group

            def option(item: Any, position: int = position, level: int = level) -> Option:
                slots = shown.get(id(item), [])
                if position >= len(slots):
                    return names
                return {**names, "levels": {slots[position]: level}}

            group = _try(group, render, option)
    return group


def _names_step(group: list[Any], render: Render, add_names: bool,
                add_givenname: bool) -> list[Any]:
    """More names, given names (by cite), or both: CSL's order, each kept where it tells
    some of `group` apart."""
    most = max((len(item.reference.get("author") or item.reference.get("editor") or [])
                for item in group), default=1)
    shown: list[Option] = [{}]
    if add_names:
        shown += [{"et-al-use-first": n} for n in range(2, most + 1)]
    widest = {**shown[-1], **({"given-all": FULL} if add_givenname else {})}
    if not widest or _distinct(group, render, widest) == 1:
        return group  # not even every name in full tells them apart: nothing to try
    for names in shown:
        if len(group) < 2:
            return group
        if names:
            group = _try(group, render, names)
        if add_givenname:
            group = _expand_names_by_cite(group, render, names)
    return group


def _initials(given: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)


def _person(name: Any) -> tuple[tuple[str, str], str] | None:
    """(family name with its particle, given name) of a personal name."""
    family, given = name.get("family"), name.get("given")
    if not family or not given or "literal" in name:
        return None
    particle = str(name.get("non-dropping-particle") or "")
    # "J.J." and "J. J." are one person's initials, however they are spaced
    return (particle, str(family)), " ".join(part for part in re.split(r"[.\s]+", str(given))
                                             if part)


def _level_needed(given: str, others: set[str], initials_only: bool) -> int:
    """The lowest level that tells a name from the `others` of its family name."""
    if not others:
        return SHORT
    differ = [_initials(other) != _initials(given) for other in others]
    if all(differ) or (initials_only and any(differ)):
        return INITIALS
    return SHORT if initials_only else FULL


def expand_names_globally(items: list[Any], render: Render, rule: str) -> None:
    """givenname-disambiguation-rule "all-names", "all-names-with-initials",
    "primary-name", "primary-name-with-initials": every name the cites print that another
    person's name prints the same is expanded, in cites ambiguous or not, until the names
    differ: to initials, then (not for "-with-initials") to the full given name. The
    "primary-" rules expand only the first name of each cite."""
    primary = rule.startswith("primary-name")
    initials_only = rule.endswith("-with-initials")
    slots: dict[int, list[tuple[str, int]]] = {}
    first: dict[int, tuple[str, int]] = {}  # an item's primary name
    people: dict[tuple[str, str], set[str]] = {}
    for item in items:
        # the primary rules need only the first name list: its render ends there
        variables = list(dict.fromkeys(variable for variable, _ in _names_of(
            item, render, first_only=primary)))
        if variables:
            first[id(item)] = (variables[0], 0)
        for variable in variables[:1] if primary else variables:
            for i, name in enumerate(item.reference.get(variable) or []):
                if primary and i:
                    break  # the primary rules tell the first names apart, of each other
                person = _person(name)
                if person is not None:
                    people.setdefault(person[0], set()).add(person[1])
                    slots.setdefault(id(item), []).append((variable, i))
    for item in items:
        levels: dict[str, int] = {}
        for variable, i in slots.get(id(item), []):
            if primary and (variable, i) != first.get(id(item)):
                continue
            person = _person(item.reference[variable][i])
            assert person is not None
            level = _level_needed(person[1], people[person[0]] - {person[1]}, initials_only)
            if level:
                levels[name_slot(variable, i)] = level
        if levels:
            item.reference["disambiguation"] = _merge(
                item.reference.get("disambiguation", {}), {"levels": levels})


def disambiguate(items: list[Any], render: Render, options: dict[str, int],
                 by_year: bool = False, givenname_rule: str = "by-cite",
                 later: Render | None = None, by_name: bool = True) -> None:
    """Mark the references of `items` (in bibliography order) so that their cites differ:
    `reference["disambiguation"]` (name options) and `reference["year_suffix"]`.
    `by_year`: the cite prints the issued date, so items of different years differ.
    `givenname_rule`: the citation's givenname-disambiguation-rule. `later`: the cite after
    an item's first, when the style prints it differently (a short form, et al. sooner):
    cites that print the same there are told apart too. `by_name`: the cite prints names
    (else items of different authors may print the same)."""
    render, later = _remembered(render), None if later is None else _remembered(later)
    by_cite = givenname_rule not in ("all-names", "all-names-with-initials", "primary-name",
                                     "primary-name-with-initials")
    add_givenname = bool(options.get("add-givenname"))
    if add_givenname and not by_cite:
        expand_names_globally(items, render, givenname_rule)
    _disambiguate_form(items, render, options, by_year, by_name, add_givenname and by_cite)
    if later is not None:  # which may leave out the date
        _disambiguate_form(items, later, options, False, by_name, add_givenname and by_cite)


def _remembered(render: Render) -> Render:
    """`render`, each cite rendered once for each set of options in force: the steps
    compare the same cites again (how many differ now, which still print the same). A
    render that disambiguation listens to (the names it shows) is always made."""
    printed: dict[tuple[Any, ...], str | None] = {}

    def remembered(item: Any) -> str | None:
        if rendered_names.get() is not None:
            return render(item)
        options = disambiguation_scope.get()
        if options is None:
            options = item.reference.get("disambiguation")
        key = (item.key, _frozen(options or {}), item.reference.get("year_suffix"))
        if key not in printed:
            printed[key] = render(item)
        return printed[key]

    return remembered


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((name, _frozen(v)) for name, v in value.items()))
    return value


def _disambiguate_form(items: list[Any], render: Render, options: dict[str, int],
                       by_year: bool, by_name: bool, by_cite: bool) -> None:
    add_givenname = by_cite
    for group in list(_groups(items, render, by_year, by_name)):
        if options.get("add-names") or add_givenname:
            group = _names_step(group, render, bool(options.get("add-names")),
                                add_givenname)
        for level in range(1, int(options.get("uses-condition") or 0) + 1):
            if len(group) < 2:
                break
            group = _try(group, render, {"disambiguate": level})
        if options.get("add-year-suffix") and len(group) > 1:
            # each set of cites still printing the same counts its own suffixes: names
            # added may have split the group into several
            for same in _same_print(group, render):
                for index, item in enumerate(same):
                    item.reference["year_suffix"] = _suffix(index)


def _same_print(group: list[Any], render: Render) -> list[list[Any]]:
    printed: dict[str, list[Any]] = {}
    for item in group:
        token = disambiguation_scope.set(item.reference.get("disambiguation", {}))
        try:
            printed.setdefault(to_text(render(item) or ""), []).append(item)
        finally:
            disambiguation_scope.reset(token)
    return list(printed.values())
