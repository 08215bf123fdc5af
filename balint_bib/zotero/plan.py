"""What a publish run must write: the group as read, the syllabi as wanted, and the
difference between them. Pure: no network, keys for new objects from a given factory.

Ownership: every item and note this tool creates carries the automatic tag `balint-bib`
and its entry's `Citation Key: KEY` in Extra, so a re-run finds its own objects in the
group and never touches (or deletes) anyone else's. Collections are found by name under
their parent, so an interrupted run's partial tree is completed, not duplicated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..exporters.items import Item
from ..syllabus import Syllabus
from ..text import clean
from .fields import citation_key, is_owned, item_json, owner_tag, template_fields

Path = tuple[str, ...]  # a collection's names from the top: (syllabus title, section)


@dataclass(frozen=True)
class Remote:
    key: str
    version: int
    data: Mapping[str, Any]


@dataclass(frozen=True)
class GroupState:
    library_version: int
    collections: tuple[Remote, ...] = ()
    objects: tuple[Remote, ...] = ()  # the items and notes this tool owns

    def collection_keys(self) -> dict[Path, str]:
        by_key = {c.key: c for c in self.collections}
        paths: dict[Path, str] = {}

        def path_of(collection: Remote, depth: int = 0) -> Path:
            parent = by_key.get(str(collection.data.get("parentCollection") or ""))
            own = (str(collection.data.get("name", "")),)
            return own if parent is None or depth > 32 else path_of(parent, depth + 1) + own

        for collection in sorted(self.collections, key=lambda c: c.key):
            paths.setdefault(path_of(collection), collection.key)
        return paths

    def items(self) -> dict[str, Remote]:
        return {key: o for o in self.objects if o.data.get("itemType") != "note"
                and (key := citation_key(o.data) or "")}

    def notes(self) -> dict[str, Remote]:
        return {str(o.data.get("parentItem")): o for o in self.objects
                if o.data.get("itemType") == "note" and o.data.get("parentItem")}


@dataclass
class Plan:
    collections: list[list[dict[str, Any]]] = field(default_factory=list)  # by depth
    creates: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    note_creates: list[dict[str, Any]] = field(default_factory=list)
    note_updates: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    entry_of: dict[str, str] = field(default_factory=dict)  # object key → entry key

    @property
    def writes(self) -> int:
        return (sum(map(len, self.collections)) + len(self.creates) + len(self.updates)
                + len(self.note_creates) + len(self.note_updates))


def syllabus_paths(syllabus: Syllabus) -> list[tuple[Path, tuple[str, ...]]]:
    """The syllabus's collections (its own, then one per numbered section) with their
    entry keys, named as the Zotero RDF export names them."""
    top = (clean(syllabus.title),)
    width = len(str(len(syllabus.sections)))
    paths: list[tuple[Path, tuple[str, ...]]] = [(top, ())]
    for number, section in enumerate(syllabus.sections, start=1):
        paths.append(((*top, f"{number:0{width}d}. {clean(section.title)}"), section.keys))
    return paths


def make_plan(items: Sequence[Item], syllabi: Iterable[Syllabus], state: GroupState,
              templates: Mapping[str, Mapping[str, Any]], new_key: Callable[[], str], *,
              prune: bool = False) -> Plan:
    plan = Plan()
    keys = state.collection_keys()
    wanted: dict[str, set[str]] = {item.key: set() for item in items}
    ours: set[str] = set()  # every collection of the published syllabi
    for syllabus in syllabi:
        for path, entry_keys in syllabus_paths(syllabus):
            if path not in keys:
                keys[path] = new_key()
                parent = keys[path[:-1]] if len(path) > 1 else False
                while len(plan.collections) < len(path):
                    plan.collections.append([])
                plan.collections[len(path) - 1].append(
                    {"key": keys[path], "name": path[-1], "parentCollection": parent})
            ours.add(keys[path])
            for entry in entry_keys:
                if entry in wanted:
                    wanted[entry].add(keys[path])
    if ours:  # with syllabi, an entry none of their sections lists is not published
        wanted = {key: held for key, held in wanted.items() if held}
    remote_items, remote_notes = state.items(), state.notes()
    for item in items:
        if item.key in wanted:
            _plan_item(plan, item, templates[item.item_type], remote_items.get(item.key),
                       remote_notes, wanted[item.key], ours, new_key, prune)
    if prune:
        for entry, remote in remote_items.items():
            if entry not in wanted:
                _prune(plan, entry, remote, ours)
    return plan


def _plan_item(plan: Plan, item: Item, template: Mapping[str, Any], remote: Remote | None,
               notes: Mapping[str, Remote], wanted: set[str], ours: set[str],
               new_key: Callable[[], str], prune: bool) -> None:
    data = item_json(item, template)
    if remote is None:
        key = new_key()
        plan.creates.append({**data, "key": key, "collections": sorted(wanted)})
    else:
        key = remote.key
        held = set(remote.data.get("collections") or ())
        kept = held - ours if prune else held
        data["collections"] = sorted(kept | wanted)
        if _differs(data, remote.data, template):
            plan.updates.append({**data, "key": key, "version": remote.version})
        else:
            plan.unchanged.append(item.key)
    plan.entry_of[key] = item.key
    _plan_note(plan, item, key, notes.get(key), new_key)


def _plan_note(plan: Plan, item: Item, parent: str, remote: Remote | None,
               new_key: Callable[[], str]) -> None:
    from ..exporters.zotero_rdf import note_html

    if not item.annotation:
        return
    note = note_html(item.annotation)
    if remote is None:
        key = new_key()
        plan.note_creates.append({"itemType": "note", "key": key, "parentItem": parent,
                                  "note": note, "tags": [owner_tag()], "collections": [],
                                  "relations": {}})
        plan.entry_of[key] = item.key
    elif remote.data.get("note") != note:
        plan.note_updates.append({"key": remote.key, "version": remote.version,
                                  "itemType": "note", "note": note})
        plan.entry_of[remote.key] = item.key


def _prune(plan: Plan, entry: str, remote: Remote, ours: set[str]) -> None:
    held = set(remote.data.get("collections") or ())
    if not held & ours:
        return
    remaining = sorted(held - ours)
    update: dict[str, Any] = {"key": remote.key, "version": remote.version,
                              "collections": remaining}
    if not remaining and is_owned(remote.data):
        update["deleted"] = 1  # to the trash, where a user can still restore it
    plan.updates.append(update)
    plan.pruned.append(entry)
    plan.entry_of[remote.key] = entry


def _differs(data: Mapping[str, Any], remote: Mapping[str, Any],
             template: Mapping[str, Any]) -> bool:
    for name in (*template_fields(template), "itemType", "creators"):
        if (data.get(name) or "") != (remote.get(name) or ""):
            return True
    tags = {(t.get("tag"), int(t.get("type") or 0)) for t in remote.get("tags") or ()}
    if tags != {(t["tag"], int(t.get("type") or 0)) for t in data["tags"]}:
        return True
    return set(data["collections"]) != set(remote.get("collections") or ())
