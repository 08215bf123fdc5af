"""Documents from records: the entries formatted by the CSL engine, arranged as a syllabus
or as a plain bibliography. Nothing here knows how a format is written."""

from __future__ import annotations

from collections.abc import Sequence

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..csl import FormattedEntry, format_bibliography
from ..syllabus import Syllabus
from ..text import safe_url
from .coins import context_object
from .model import Document, Entry, Section


def _entry(formatted: FormattedEntry, record: Record) -> Entry:
    return Entry(formatted.key, formatted.text, formatted.annotation or "",
                 safe_url(record.verbatim("url")), context_object(record))


def syllabus_document(bibliography: Bibliography, syllabus: Syllabus, style: str,
                      output: str, *, locale: str = "en-US",
                      annotated: bool = True) -> Document:
    """The syllabus's entries formatted in `style` for `output`, under its section headings.

    An entry listed in two sections is formatted once and shown in both.
    """
    syllabus.check_against(bibliography)
    records = [bibliography[key] for key in dict.fromkeys(syllabus.keys)]
    formatted = {e.key: e for e in format_bibliography(
        records, style, output=output, locale=locale, annotated=annotated)}
    sections = tuple(
        Section(section.title, section.description,
                tuple(_entry(formatted[key], bibliography[key]) for key in section.keys))
        for section in syllabus.sections)
    return Document(syllabus.title, syllabus.introduction, sections)


def bibliography_document(records: Sequence[Record], style: str, output: str, *,
                          title: str = "", locale: str = "en-US",
                          annotated: bool = False) -> Document:
    """All `records` formatted in `style` for `output`, in the style's order, as one list."""
    by_key = {record.key: record for record in records}
    entries = tuple(_entry(e, by_key[e.key]) for e in format_bibliography(
        records, style, output=output, locale=locale, annotated=annotated))
    return Document(title, "", (Section("", "", entries),))
