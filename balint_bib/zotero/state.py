"""The group as read: its collections and items (trash included), and which of them
belong to this tool. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .fields import citation_key, is_owned

_WRAPPER = re.compile(r'^<div data-schema-version="\d+">(.*)</div>$', re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")


@dataclass(frozen=True)
class Remote:
    key: str
    version: int
    data: Mapping[str, Any]

    @property
    def deleted(self) -> bool:
        return bool(self.data.get("deleted"))

    @property
    def is_note(self) -> bool:
        return self.data.get("itemType") == "note"


@dataclass(frozen=True)
class GroupState:
    library_version: int
    collections: tuple[Remote, ...] = ()
    objects: tuple[Remote, ...] = ()  # every item and note, trashed ones flagged


def note_text(html: str) -> str:
    """A note's HTML as compared: without the wrapper Zotero's editor adds, and without
    whitespace between tags."""
    inner = _WRAPPER.match(html.strip())
    return _BETWEEN_TAGS.sub("><", (inner.group(1) if inner else html).strip())


def owned_items(state: GroupState, entries: Iterable[str], ours: set[str]
                ) -> dict[str, Remote]:
    """Entry key → this tool's item for it: tagged as ours, or (its tag deleted in Zotero)
    an item with the entry's citation key in one of the syllabi's collections. A live item
    wins over a trashed one."""
    wanted = set(entries)
    found: dict[str, Remote] = {}
    for obj in sorted(state.objects, key=lambda o: (o.deleted, o.key)):
        key = citation_key(obj.data)
        if obj.is_note or not key or key in found:
            continue
        if is_owned(obj.data) or (key in wanted
                                  and set(obj.data.get("collections") or ()) & ours):
            found[key] = obj
    return found


def child_notes(state: GroupState) -> dict[str, list[Remote]]:
    notes: dict[str, list[Remote]] = {}
    for obj in sorted(state.objects, key=lambda o: (o.deleted, o.key)):
        if obj.is_note and obj.data.get("parentItem"):
            notes.setdefault(str(obj.data["parentItem"]), []).append(obj)
    return notes
