"""BB201's requirements: the fields an entry type needs, in the file's own dialect
(checked on the resolved view by `inheritance.py`).

BibTeX and biblatex agree on almost every requirement (`journal` or `journaltitle`, `year`
or `date`). Where only one asks for a field, a file is held to its own dialect: BibTeX's
`@book` and `@incollection` need a publisher, biblatex's do not; biblatex's `@misc` needs a
title, BibTeX's does not. A file is biblatex when at least 5% of its entries use fields or
types only biblatex has (`date`, `journaltitle`, `location`, `langid`, `@online`, `@thesis` …).
The dataset profile keeps every requirement of both, and its own rule for `@misc`/`@online`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..bibtex.reader import Bibliography
from .core import Context
from .datamodel import FOLLOWABLE, REQUIRED

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
        if record.entry_type in _MARKER_TYPES or not record.field_names.isdisjoint(
                _MARKER_FIELDS):
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


def dialect_of(bibliography: Bibliography, context: Context) -> str | None:
    """None for the dataset profile (every requirement of both models), else the file's."""
    if context.profile == "dataset":
        return None
    return "biblatex" if biblatex_dialect(bibliography) else "bibtex"


@lru_cache(maxsize=512)  # asked for every entry; the answer depends on these two only
def required_groups(entry_type: str, dialect: str | None) -> tuple[tuple[str, ...], ...]:
    """The field groups an entry type needs (one field of each), in `dialect`."""
    return tuple(_groups(entry_type, dialect))
