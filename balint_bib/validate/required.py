"""BB201: the fields an entry type needs, in the file's own dialect.

BibTeX and biblatex agree on almost every requirement (`journal` or `journaltitle`, `year`
or `date`). Where only one asks for a field, a file is held to its own dialect: BibTeX's
`@book` and `@incollection` need a publisher, biblatex's do not; biblatex's `@misc` needs a
title, BibTeX's does not. A file is biblatex when at least 5% of its entries use fields or
types only biblatex has (`date`, `journaltitle`, `location`, `langid`, `@online`, `@thesis` …).
The dataset profile keeps every requirement of both, and its own rule for `@misc`/`@online`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..diagnostics import Diagnostic
from .core import Context, check
from .datamodel import FOLLOWABLE, REQUIRED
from .fields import BB201

# Required by one model only (entry type -> groups).
BIBTEX_ONLY = {"book": (("publisher",),), "incollection": (("publisher",),)}
BIBLATEX_ONLY = {"misc": (("title",),)}
_MARKER_FIELDS = frozenset(["date", "journaltitle", "location", "langid", "eprinttype",
                            "eprintclass", "maintitle", "origdate", "eventdate", "xdata",
                            "ids", "related", "pubstate", "subtitle", "titleaddon",
                            "booksubtitle", "editortype", "bookauthor"])
_MARKER_TYPES = frozenset(["online", "thesis", "report", "mvbook", "collection",
                           "mvcollection", "reference", "mvreference", "mvproceedings",
                           "inreference", "bookinbook", "suppbook", "suppcollection",
                           "suppperiodical", "dataset", "software", "set", "review"])


def biblatex_dialect(bibliography: Bibliography) -> bool:
    records = bibliography.records
    needed = max(1, len(records) // 20)
    marked = 0
    for record in records:
        if record.entry_type in _MARKER_TYPES or not _MARKER_FIELDS.isdisjoint(
                item.name for item in record.fields):
            marked += 1
            if marked >= needed:
                return True
    return False


def _groups(entry_type: str, dialect: str | None) -> Iterator[tuple[str, ...]]:
    skipped = {"biblatex": BIBTEX_ONLY, "bibtex": BIBLATEX_ONLY}.get(dialect or "", {})
    for group in REQUIRED.get(entry_type, ()):
        if group in skipped.get(entry_type, ()):
            continue
        if dialect is not None and group == FOLLOWABLE:
            # The dataset's own rule; biblatex asks an @online for a url, doi or eprint
            # and BibTeX's @misc for nothing.
            if entry_type != "misc":
                yield (*group, "doi", "eprint")
            continue
        yield group


def _missing(record: Record, dialect: str | None) -> Iterator[Diagnostic]:
    present = {item.name for item in record.fields if item.value.strip()}
    for group in _groups(record.entry_type, dialect):
        if present.isdisjoint(group):
            wanted = " or ".join(f"'{name}'" for name in group)
            yield BB201.at(record, None, f"@{record.entry_type} needs {wanted}",
                           fix=f"add {group[0]} = {{…}}")


@check(BB201, scope="bibliography")
def required_fields(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    dialect = None  # the dataset profile: every requirement of both models
    if context.profile != "dataset":
        dialect = "biblatex" if biblatex_dialect(bibliography) else "bibtex"
    for record in bibliography.records:
        yield from _missing(record, dialect)
