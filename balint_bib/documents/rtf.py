"""Documents as RTF that Word opens: hanging-indented entries, annotations indented below.

Entries arrive already formatted as RTF fragments by the CSL engine; headings and
annotations are plain text and are escaped here.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..text import escape_rtf
from .model import Document

_HEADER = r"{\rtf1\ansi\deff0{\fonttbl{\f0\froman Times New Roman;}}\f0\fs24"


def _paragraphs(document: Document) -> Iterator[str]:
    if document.title:
        yield r"{\pard\sa240\b\fs32 " + escape_rtf(document.title) + r"\par}"
    for section in document.sections:
        if section.title:
            yield r"{\pard\sb240\sa120\b\fs28 " + escape_rtf(section.title) + r"\par}"
            if section.description:
                yield r"{\pard\sa120 " + escape_rtf(section.description) + r"\par}"
        for entry in section.entries:
            yield r"{\pard\fi-720\li720\sa120 " + entry.formatted + r"\par}"
            if entry.annotation:
                yield r"{\pard\li720\sa240 " + escape_rtf(entry.annotation) + r"\par}"


def bibliography_rtf(document: Document) -> str:
    """The whole document as RTF; the introduction is not shown."""
    return "\n".join([_HEADER, *_paragraphs(document), "}"]) + "\n"
