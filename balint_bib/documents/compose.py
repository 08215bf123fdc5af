"""Documents from records: the entries formatted by the CSL engine, arranged as a syllabus
or as a plain bibliography. Nothing here knows how a format is written."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..csl import FormattedEntry, format_bibliography, resolve_style
from ..syllabus import Syllabus
from ..text import safe_url
from .coins import context_object
from .model import Document, Entry, Section


def _entry(formatted: FormattedEntry, record: Record, own: bool = False) -> Entry:
    annotation = "" if own else formatted.annotation or ""
    return Entry(formatted.key, formatted.text, annotation,
                 safe_url(record.verbatim("url")), context_object(record))


_ANNOTE = re.compile(r"""variable=["'][^"']*\bannote\b""")


@lru_cache(maxsize=64)
def prints_annotation(style: str) -> bool:
    """Whether the style prints the annotation itself (`balint-annotated` does): it then
    gets the annotation always, and no second copy is added below the entry."""
    return bool(_ANNOTE.search(resolve_style(style).path.read_text(encoding="utf-8")))


def syllabus_document(bibliography: Bibliography, syllabus: Syllabus, style: str,
                      output: str, *, locale: str = "en-US",
                      annotated: bool = True) -> Document:
    """The syllabus's entries formatted in `style` for `output`, under its section headings.

    An entry listed in two sections is formatted once and shown in both.
    """
    syllabus.check_against(bibliography)
    records = [bibliography[key] for key in dict.fromkeys(syllabus.keys)]
    own = prints_annotation(style)
    formatted = {e.key: e for e in format_bibliography(
        records, style, output=output, locale=locale, annotated=annotated or own)}
    sections = tuple(
        Section(section.title, section.description,
                tuple(_entry(formatted[key], bibliography[key], own) for key in section.keys))
        for section in syllabus.sections)
    return Document(syllabus.title, syllabus.introduction, sections)


def bibliography_document(records: Sequence[Record], style: str, output: str, *,
                          title: str = "", locale: str = "en-US",
                          annotated: bool = False) -> Document:
    """All `records` formatted in `style` for `output`, in the style's order, as one list."""
    by_key = {record.key: record for record in records}
    own = prints_annotation(style)
    entries = tuple(_entry(e, by_key[e.key], own) for e in format_bibliography(
        records, style, output=output, locale=locale, annotated=annotated or own))
    return Document(title, "", (Section("", "", entries),))
