"""crossref and xdata inheritance: the resolved view of a bibliography.

An entry with `crossref = {parent}` takes the fields it lacks from its parent, as
BibTeX and biber do. The rules are biblatex's defaults (biber's `biber-tool.conf` and
biblatex.def): every field is inherited under its own name, except that for the type
pairs below `title`, `subtitle`, `titleaddon` become the child's `booktitle`,
`maintitle` or `journaltitle` family, `author` of a book is also the `bookauthor` of a
part of it, and identity fields (`ids`, `crossref`, `label`, `shorthand`, ...) and the
parent's short and sort titles are never inherited. A field the child has is never
replaced. Inheritance is transitive (an @inbook of a @book of an @mvbook).

`xref` names a parent without inheriting from it; validation still counts that
parent's fields (`lineage`). Cycles and self-references inherit nothing.

`xdata = {a, b}` (biblatex §3.13.6, data containers) copies every field of the @xdata
entries named that the entry lacks, under its own name (no type rules), the first named
first; an @xdata entry may itself use xdata. As in biber, xdata is resolved before
crossref, so an entry's xdata fields count as its own against its crossref parent. The
@xdata entries are not part of the resolved view: they are never cited or exported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .model import Field, Record

if TYPE_CHECKING:
    from .reader import Bibliography

_TITLES = ("title", "subtitle", "titleaddon")


def _pairs(sources: str, targets: str) -> list[tuple[str, str]]:
    return [(s, t) for s in sources.split() for t in targets.split()]


def _titles(prefix: str, fields: tuple[str, ...] = _TITLES) -> dict[str, tuple[str, ...]]:
    return {name: (prefix + name,) for name in fields}


# (parent type, child type) -> {parent field: child fields}, biber's defaults.
_RULES: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
for _pair in _pairs("mvbook book", "inbook bookinbook suppbook"):
    _RULES.setdefault(_pair, {})["author"] = ("author", "bookauthor")
for _sources, _targets, _prefix in (
        ("mvbook", "book inbook bookinbook suppbook", "main"),
        ("mvcollection", "collection incollection suppcollection", "main"),
        ("mvproceedings", "proceedings inproceedings", "main"),
        ("mvreference", "reference inreference", "main"),
        ("book", "inbook bookinbook suppbook", "book"),
        ("collection", "incollection suppcollection", "book"),
        ("reference", "inreference", "book"),
        ("proceedings", "inproceedings", "book")):
    for _pair in _pairs(_sources, _targets):
        _RULES.setdefault(_pair, {}).update(_titles(_prefix))
for _pair in _pairs("periodical", "article suppperiodical"):
    _RULES.setdefault(_pair, {}).update(
        {"title": ("journaltitle",), "subtitle": ("journalsubtitle",)})

# Never inherited (biblatex.def); the short and sort titles only where titles are mapped.
NOT_INHERITED = frozenset(
    ["ids", "crossref", "xref", "xdata", "key", "entryset", "entrysubtype", "execute", "label",
     "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
     "shorthand", "shorthandintro", "sortkey"])
_TITLE_ONLY = frozenset(["shorttitle", "sorttitle", "indextitle", "indexsorttitle"])
# BibTeX's names that biblatex reads as aliases: a child's `journal` is its `journaltitle`.
_ALIASES = {"journal": "journaltitle", "address": "location", "school": "institution",
            "annote": "annotation", "archiveprefix": "eprinttype", "primaryclass": "eprintclass"}


# An xdata container gives everything but the links that make it one.
_NOT_FROM_XDATA = frozenset(["ids", "xdata"])
LINK_FIELDS = ("crossref", "xref", "xdata")
_LINK_FIELDS = frozenset(LINK_FIELDS)


def has_links(records: tuple[Record, ...]) -> bool:
    """Whether any record names another (crossref, xref or xdata): else there is nothing
    to resolve or check."""
    # Asked of every file validated: one set test per record.
    return any(not record.field_names.isdisjoint(_LINK_FIELDS) for record in records)


def link_keys(record: Record, name: str) -> list[str]:
    """The keys a link field names: one for crossref and xref, a list for xdata."""
    value = (record.get(name) or "").strip()
    if name != "xdata":
        return [value] if value else []
    return [key.strip() for key in value.split(",") if key.strip()]


@dataclass(frozen=True, slots=True)
class Link:
    """One crossref, xref or xdata key that cannot be followed: a missing target, or a
    cycle."""

    record: Record
    field: str  # "crossref", "xref" or "xdata"
    target: str
    problem: str  # "missing", "self" or "cycle"


def inherited_fields(child: Record, parent: Record) -> list[Field]:
    """The fields `child` takes from `parent` (already resolved), in the parent's order."""
    rules = _RULES.get((parent.entry_type, child.entry_type), {})
    have = {item.name for item in child.fields}
    have |= {_ALIASES[name] for name in have if name in _ALIASES}
    taken: list[Field] = []
    mapped: list[Field] = []

    def take(item: Field, name: str, into: list[Field]) -> None:
        if name not in have and _ALIASES.get(name, name) not in have:
            have.add(name)
            have.add(_ALIASES.get(name, name))
            into.append(item._replace(name=name))

    for item in parent.fields:
        if item.name in NOT_INHERITED or (rules and item.name in _TITLE_ONLY):
            continue
        if item.name in rules:
            continue  # mapped below, after the same-named fields (BibTeX's own convention
            # of a parent `booktitle` comes first)
        take(item, item.name, taken)
    for item in parent.fields:
        for name in rules.get(item.name, ()):
            take(item, name, mapped)
    return taken + mapped


def xdata_fields(record: Record, container: Record) -> list[Field]:
    """The fields `record` takes from the @xdata entry `container` (already resolved):
    all it lacks, under their own names."""
    have = {item.name for item in record.fields}
    have |= {_ALIASES[name] for name in have if name in _ALIASES}
    taken: list[Field] = []
    for item in container.fields:
        if item.name in _NOT_FROM_XDATA or item.name in have:
            continue
        if _ALIASES.get(item.name, item.name) in have:
            continue
        have.update((item.name, _ALIASES.get(item.name, item.name)))
        taken.append(item)
    return taken


class _Resolver:
    def __init__(self, records: tuple[Record, ...]) -> None:
        self.by_key: dict[str, Record] = {}
        self.by_folded: dict[str, Record] = {}
        for record in records:
            self.by_key.setdefault(record.key, record)
            self.by_folded.setdefault(record.key.casefold(), record)
        for record in records:  # biblatex's `ids`: other keys the entry answers to
            for alias in (record.get("ids") or "").split(","):
                if alias.strip():
                    self.by_key.setdefault(alias.strip(), record)
                    self.by_folded.setdefault(alias.strip().casefold(), record)
        self.done: dict[str, Record] = {}
        # link_keys of each (record, field), by id: resolution and the cycle tests ask
        # again and again while following chains (the records outlive the resolver).
        self.keys: dict[tuple[int, str], list[str]] = {}

    def find(self, key: str) -> Record | None:
        return self.by_key.get(key) or self.by_folded.get(key.casefold())

    def links(self, record: Record, name: str) -> list[str]:
        keys = self.keys.get((id(record), name))
        if keys is None:
            keys = self.keys[id(record), name] = link_keys(record, name)
        return keys

    def target(self, record: Record, name: str) -> Record | None:
        keys = self.links(record, name)
        return self.find(keys[0]) if keys else None

    def resolve(self, record: Record, path: tuple[str, ...] = ()) -> Record:
        if record.key in self.done:
            return self.done[record.key]
        resolved = record
        for key in self.links(record, "xdata"):  # before crossref, as biber does
            container = self.find(key)
            if (container is None or container.key == record.key or container.key in path
                    or _reaches(self, container, record.key)):
                continue
            container = self.resolve(container, (*path, record.key))
            extra = xdata_fields(resolved, container)
            if extra:
                resolved = replace(resolved, fields=resolved.fields + tuple(extra))
        parent = self.target(record, "crossref")
        if (parent is not None and parent.key != record.key and parent.key not in path
                and not _in_cycle(self, record, "crossref")):
            parent = self.resolve(parent, (*path, record.key))
            extra = inherited_fields(resolved, parent)
            if extra:
                resolved = replace(resolved, fields=resolved.fields + tuple(extra))
        self.done[record.key] = resolved
        return resolved


def resolve_records(records: tuple[Record, ...]) -> tuple[Record, ...]:
    """Each record with what it inherits through xdata and crossref (the others
    unchanged), @xdata entries included."""
    resolver = _Resolver(records)
    return tuple(resolver.resolve(record) for record in records)


def resolve(bibliography: Bibliography) -> Bibliography:
    """`bibliography` with xdata and crossref inheritance applied to its records and its
    @xdata containers left out (the view exports and formatting use; the source text, and
    so editing, is unchanged)."""
    records = resolve_records(bibliography.records)
    return replace(bibliography, records=tuple(r for r in records if r.entry_type != "xdata"))


def resolve_and_check(records: tuple[Record, ...]) -> tuple[tuple[Record, ...], list[Link]]:
    """`resolve_records` and `broken_links` together, on one index of the keys (validation
    wants both)."""
    resolver = _Resolver(records)
    resolved = tuple(resolver.resolve(record) for record in records)
    return resolved, list(_broken(resolver, records))


def broken_links(records: tuple[Record, ...]) -> Iterator[Link]:
    """Every crossref/xref/xdata key whose target is missing, the entry itself, or part of
    a cycle."""
    return _broken(_Resolver(records), records)


def _broken(resolver: _Resolver, records: tuple[Record, ...]) -> Iterator[Link]:
    for record in records:
        for name in LINK_FIELDS:
            for key in resolver.links(record, name):
                target = resolver.find(key)
                if target is None:
                    yield Link(record, name, key, "missing")
                elif target.key == record.key:
                    yield Link(record, name, key, "self")
                elif (_reaches(resolver, target, record.key) if name == "xdata"
                      else _in_cycle(resolver, record, name)):
                    yield Link(record, name, key, "cycle")


def _in_cycle(resolver: _Resolver, start: Record, name: str) -> bool:
    seen = {start.key}
    current = resolver.target(start, name)
    while current is not None:
        if current.key in seen:
            return current.key == start.key
        seen.add(current.key)
        current = resolver.target(current, name)
    return False


def _reaches(resolver: _Resolver, start: Record, key: str) -> bool:
    """Whether the xdata links from `start` lead, directly or not, to the entry `key`."""
    seen = {start.key}
    pending = [start]
    while pending:
        for name in resolver.links(pending.pop(), "xdata"):
            found = resolver.find(name)
            if found is None or found.key in seen:
                continue
            if found.key == key:
                return True
            seen.add(found.key)
            pending.append(found)
    return False


def lineage(record: Record, by_key: Mapping[str, Record]) -> Iterator[Record]:
    """The entries `record` draws on for validation: its crossref and xref parents, and
    theirs, each once (`by_key`: case-folded keys)."""
    seen = {record.key.casefold()}
    pending = [record]
    while pending:
        current = pending.pop()
        for name in ("crossref", "xref"):
            key = (current.get(name) or "").strip().casefold()
            parent = by_key.get(key)
            if parent is not None and key not in seen:
                seen.add(key)
                yield parent
                pending.append(parent)
