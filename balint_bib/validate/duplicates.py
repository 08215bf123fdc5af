"""BB501-BB502: one work entered twice — the same DOI, or the same title, year and
first author. Entries that differ where one work cannot (pages, volume, issue, venue,
DOI, entry type) are different works: the yearly "Production notes" of a journal, the
report and the paper of one title, two chapters of one book with the book's DOI."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..bibtex.model import Record
from ..bibtex.names import AND_SEPARATOR
from ..bibtex.reader import Bibliography
from ..diagnostics import ERROR, WARNING, Diagnostic
from ..doi import doi_key
from ..kinds import biblatex_entry_type
from ..text import strip_marks
from .core import Context, check, rule

BB501 = rule("BB501", ERROR, "the same DOI on two entries", "dataset")
BB502 = rule("BB502", WARNING, "the same work twice (title, year, first author; nothing that "
             "tells two works apart)", "dataset")

# Parts of a book: two of them may carry the book's DOI.
_PARTS = frozenset(["inbook", "incollection", "inproceedings", "conference", "inreference",
                    "bookinbook", "suppbook", "suppcollection"])
# Fields on which two records of one work agree whenever both have them.
_DISTINCT = (("pages",), ("volume",), ("number", "issue"),
             ("journal", "journaltitle", "booktitle"))

_COMMAND = re.compile(r"\\[a-zA-Z]+|\\.")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(value: str) -> str:
    """A crude, fast match key: LaTeX commands, accents, case and punctuation removed,
    so `M{\\"u}ller` and `Müller` agree without decoding the LaTeX."""
    if "\\" in value:
        value = _COMMAND.sub("", value)
    if not value.isascii():
        value = strip_marks(value)  # what is left outside a-z0-9 goes below
    return _NOT_ALNUM.sub("", value.lower())


def _first_family(record: Record) -> str:
    value = record.get("author") or record.get("editor") or ""
    # Only a match key: an `and` inside braces may cut a corporate name short, the
    # same way in both entries.
    first = AND_SEPARATOR.split(value.strip(), maxsplit=1)[0]
    family = first.split(",", 1)[0] if "," in first else first.rsplit(" ", 1)[-1]
    return fold(family)


def _value(record: Record, names: tuple[str, ...]) -> str:
    for name in names:
        value = record.get(name)
        if value and value.strip():
            return fold(value)
    return ""


def differ(one: Record, other: Record) -> str | None:
    """The first thing that makes `one` and `other` two works, if any."""
    if biblatex_entry_type(one.entry_type) != biblatex_entry_type(other.entry_type):
        return "entry type"
    for names in _DISTINCT:
        mine, theirs = _value(one, names), _value(other, names)
        if mine and theirs and mine != theirs:
            return names[0]
    mine, theirs = one.get("doi") or "", other.get("doi") or ""
    if mine.strip() and theirs.strip() and doi_key(mine) != doi_key(theirs):
        return "doi"
    return None


def _where(record: Record) -> str:
    return f"{record.key} ({record.location})"


def _all_records(bibliographies: Sequence[Bibliography]) -> Iterator[Record]:
    for bibliography in bibliographies:
        yield from bibliography.records


def _same_doi(record: Record, first: Record) -> Diagnostic | None:
    same_title = fold(record.get("title") or "") == fold(first.get("title") or "")
    if same_title:
        return BB501.at(record, "doi", f"same DOI as {_where(first)}",
                        fix="merge the two entries")
    if record.entry_type in _PARTS and first.entry_type in _PARTS:
        return None  # two chapters of one book, each with the book's DOI
    return BB501.at(record, "doi", f"same DOI as {_where(first)}, but another title: a DOI "
                    "names one work", fix="check which of the two the DOI belongs to")


@check(BB501, BB502, scope="collection")
def duplicates(bibliographies: Sequence[Bibliography], context: Context) -> Iterator[Diagnostic]:
    by_doi: dict[str, Record] = {}
    # (title, year) -> each record with them and its first author's family name (None
    # until a second record has the title and year: most titles are unique, and the
    # family name is the dearer part of the key).
    by_work: dict[tuple[str, str], list[tuple[Record, str | None]]] = {}
    for record in _all_records(bibliographies):
        doi = record.get("doi")
        if doi and doi.strip():
            first = by_doi.setdefault(doi_key(doi), record)
            if first is not record and (finding := _same_doi(record, first)) is not None:
                yield finding
                continue
        title = fold(record.get("title") or "")
        if not title:
            continue
        year = (record.get("year") or record.get("date") or "").strip()[:4]
        earlier = by_work.get((title, year))
        if earlier is None:
            by_work[title, year] = [(record, None)]
            continue
        first, family = earlier[0]
        if family is None:
            earlier[0] = (first, _first_family(first))
        family = _first_family(record)
        same = next((other for other, theirs in earlier
                     if theirs == family and differ(record, other) is None), None)
        earlier.append((record, family))
        if same is not None:
            yield BB502.at(record, "title", f"same title, year and first author as "
                           f"{_where(same)}", fix="merge the two entries")
