"""The collection side of a plan: each syllabus's tree as it is in the group and as it
should be. Pure.

A syllabus's collection is found by its title at the top of the library, a section's by its
title under it, whatever its number: inserting a section renames the numbered collections
after it instead of building a second tree. Trashed collections (the API still lists them,
flagged `deleted`) are never reused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..syllabus import Syllabus, collection_names
from .state import Remote

_NUMBER = re.compile(r"^\d+\.\s+")


def _title(name: str) -> str:
    return _NUMBER.sub("", name).strip().casefold()


@dataclass
class TreePlan:
    creates: list[list[dict[str, Any]]] = field(default_factory=list)  # by depth
    updates: list[dict[str, Any]] = field(default_factory=list)  # renames, trashed sections
    wanted: dict[str, set[str]] = field(default_factory=dict)  # entry key → section keys
    ours: set[str] = field(default_factory=set)  # every collection under the syllabi's tops


class _Live:
    def __init__(self, collections: Iterable[Remote]) -> None:
        self.children: dict[str, list[Remote]] = {}
        for collection in sorted(collections, key=lambda c: c.key):
            if not collection.deleted:
                parent = str(collection.data.get("parentCollection") or "")
                self.children.setdefault(parent, []).append(collection)

    def named(self, parent: str, name: str) -> Remote | None:
        return next((c for c in self.children.get(parent, ())
                     if c.data.get("name") == name), None)

    def below(self, key: str, depth: int = 0) -> set[str]:
        found: set[str] = set()
        for child in self.children.get(key, ()) if depth < 32 else ():
            found |= {child.key} | self.below(child.key, depth + 1)
        return found


def plan_tree(syllabi: Iterable[Syllabus], collections: Iterable[Remote],
              new_key: Callable[[], str], *, prune: bool) -> TreePlan:
    live, plan = _Live(collections), TreePlan()
    for syllabus in syllabi:
        title, section_names = collection_names(syllabus)
        top = live.named("", title)
        top_key = top.key if top else _create(plan, 0, title, False, new_key)
        plan.ours |= {top_key} | live.below(top_key)
        unused = {c.key: c for c in live.children.get(top_key, ())}
        for name, section in zip(section_names, syllabus.sections, strict=True):
            match = next((c for c in unused.values()
                          if _title(str(c.data.get("name", ""))) == _title(name)), None)
            if match is None:
                key = _create(plan, 1, name, top_key, new_key)
            else:
                key = match.key
                del unused[key]
                if match.data.get("name") != name:
                    plan.updates.append({"key": key, "version": match.version, "name": name})
            plan.ours.add(key)
            for entry in section.keys:
                plan.wanted.setdefault(entry, set()).add(key)
        for stale in unused.values() if prune else ():
            if _NUMBER.match(str(stale.data.get("name", ""))):  # a section this tool named
                plan.updates.append({"key": stale.key, "version": stale.version,
                                     "deleted": True})
    return plan


def _create(plan: TreePlan, depth: int, name: str, parent: str | bool,
            new_key: Callable[[], str]) -> str:
    key = new_key()
    while len(plan.creates) <= depth:
        plan.creates.append([])
    plan.creates[depth].append({"key": key, "name": name, "parentCollection": parent})
    return key
