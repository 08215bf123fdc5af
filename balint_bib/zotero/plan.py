"""What a publish run must write: the group as read (`state`), the syllabi as wanted, and
the difference. Pure: no network; keys for new objects come from a given factory.

Ownership: every item and note this tool creates carries the automatic tag `balint-bib`
and its entry's citation key (Zotero 8's `citationKey` field, or `Citation Key: KEY` in
Extra before it), so a re-run finds its own objects and never changes or deletes anyone
else's. Members' own (manual) tags on those items are kept. Collections: `tree.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..exporters.items import Item
from ..syllabus import Syllabus
from .fields import AUTOMATIC, is_owned, item_json, owner_tag, template_fields
from .state import GroupState, Remote, child_notes, note_text, owned_items
from .tree import plan_tree


@dataclass
class Plan:
    collections: list[list[dict[str, Any]]] = field(default_factory=list)  # by depth
    collection_updates: list[dict[str, Any]] = field(default_factory=list)
    creates: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    note_creates: list[dict[str, Any]] = field(default_factory=list)
    note_updates: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    entry_of: dict[str, str] = field(default_factory=dict)  # object key → entry key

    @property
    def writes(self) -> int:
        return (sum(map(len, self.collections)) + len(self.collection_updates)
                + len(self.creates) + len(self.updates) + len(self.note_creates)
                + len(self.note_updates))


@dataclass
class _Context:
    plan: Plan
    ours: set[str]
    notes: Mapping[str, list[Remote]]
    new_key: Callable[[], str]


def make_plan(items: Sequence[Item], syllabi: Iterable[Syllabus], state: GroupState,
              templates: Mapping[str, Mapping[str, Any]], new_key: Callable[[], str], *,
              prune: bool = False) -> Plan:
    syllabi = list(syllabi)
    tree = plan_tree(syllabi, state.collections, new_key, prune=prune)
    plan = Plan(collections=tree.creates, collection_updates=tree.updates)
    wanted = tree.wanted if syllabi else {item.key: set() for item in items}
    listed = [item for item in items if item.key in wanted]
    owned = owned_items(state, wanted, tree.ours)
    context = _Context(plan, tree.ours, child_notes(state), new_key)
    orphans = [r for key, r in owned.items() if key not in wanted and not r.deleted]
    for item in listed:
        remote = owned.get(item.key) or _renamed(item, orphans)
        _plan_item(context, item, templates[item.item_type], remote, wanted[item.key])
    if prune:
        for entry, remote in owned.items():
            # an entry no syllabus lists, unless its item went to a renamed entry
            if entry not in wanted and remote.key not in plan.entry_of:
                _prune(plan, entry, remote, tree.ours)
    return plan


def _renamed(item: Item, orphans: list[Remote]) -> Remote | None:
    """An item of ours that no entry claims and that has this entry's DOI, ISBN or URL: the
    same work under a renamed key (so no second copy is created)."""
    for remote in orphans:
        for name, value in (("DOI", item.doi), ("ISBN", item.isbn), ("url", item.url)):
            if value and remote.data.get(name) == value:
                orphans.remove(remote)
                return remote
    return None


def _plan_item(context: _Context, item: Item, template: Mapping[str, Any],
               remote: Remote | None, wanted: set[str]) -> None:
    plan = context.plan
    data = item_json(item, template)
    if remote is None:
        key = context.new_key()
        plan.creates.append({**data, "key": key, "collections": sorted(wanted)})
    else:
        key = remote.key
        held = set(remote.data.get("collections") or ())
        data["collections"] = sorted((held - context.ours) | wanted)
        data["tags"] += [t for t in remote.data.get("tags") or ()
                         if isinstance(t, dict) and int(t.get("type") or 0) != AUTOMATIC]
        if remote.deleted:
            data["deleted"] = 0  # back from the trash
        if _differs(data, remote.data, template):
            plan.updates.append({**data, "key": key, "version": remote.version})
        else:
            plan.unchanged.append(item.key)
    plan.entry_of[key] = item.key
    _plan_note(context, item, key, context.notes.get(key, []) if remote else [])


def _plan_note(context: _Context, item: Item, parent: str, notes: list[Remote]) -> None:
    from ..exporters.zotero_rdf import note_html

    plan = context.plan
    wanted = note_html(item.annotation) if item.annotation else ""
    ours = [n for n in notes if is_owned(n.data)] or [
        n for n in notes if wanted and note_text(str(n.data.get("note", ""))) == wanted]
    note = ours[0] if ours else None
    if note is None and wanted:
        key = context.new_key()
        plan.note_creates.append({"itemType": "note", "key": key, "parentItem": parent,
                                  "note": wanted, "tags": [owner_tag()], "collections": [],
                                  "relations": {}})
        plan.entry_of[key] = item.key
    elif note is not None:
        change: dict[str, Any] = {}
        if not wanted and not note.deleted:
            change = {"deleted": 1}  # the annotation is gone: its note to the trash
        elif wanted and (note_text(str(note.data.get("note", ""))) != wanted or note.deleted):
            change = {"note": wanted, "deleted": 0}
        if change:
            plan.note_updates.append({"key": note.key, "version": note.version, **change})
            plan.entry_of[note.key] = item.key


def _prune(plan: Plan, entry: str, remote: Remote, ours: set[str]) -> None:
    held = set(remote.data.get("collections") or ())
    if not held & ours or remote.deleted:
        return
    remaining = sorted(held - ours)
    update: dict[str, Any] = {"key": remote.key, "version": remote.version,
                              "collections": remaining}
    if not remaining and is_owned(remote.data):
        update["deleted"] = 1  # to the trash, where a user can still restore it
    plan.updates.append(update)
    plan.pruned.append(entry)
    plan.entry_of[remote.key] = entry


def _same(name: str, ours: Any, theirs: Any) -> bool:
    if name == "accessDate" and ours and theirs:
        return str(ours)[:10] == str(theirs)[:10]
    return (ours or "") == (theirs or "")


def _differs(data: Mapping[str, Any], remote: Mapping[str, Any],
             template: Mapping[str, Any]) -> bool:
    for name in (*template_fields(template), "itemType", "creators"):
        if not _same(name, data.get(name), remote.get(name)):
            return True
    if bool(data.get("deleted")) != bool(remote.get("deleted")):
        return True
    tags = {(t.get("tag"), int(t.get("type") or 0)) for t in remote.get("tags") or ()}
    if tags != {(t["tag"], int(t.get("type") or 0)) for t in data["tags"]}:
        return True
    return set(data["collections"]) != set(remote.get("collections") or ())
