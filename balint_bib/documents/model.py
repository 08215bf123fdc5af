"""What a document is, apart from any format: a title, an introduction and sections of
formatted entries with their annotations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import UNSAFE_CHARACTERS


@dataclass(frozen=True)
class Entry:
    """One entry: the reference as the style formatted it (already in the document's output
    format), its annotation as plain text, the record's http(s) URL if it has one, and its
    OpenURL ContextObject (KEV) for COinS."""

    key: str
    formatted: str
    annotation: str = ""
    url: str = ""
    context: str = ""


@dataclass(frozen=True)
class Section:
    """Entries under a heading (a syllabus section); the heading is empty for a plain list."""

    title: str
    description: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Document:
    """A syllabus or a bibliography; `title` and `introduction` may be empty."""

    title: str
    introduction: str
    sections: tuple[Section, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for section in self.sections for entry in section.entries)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of an introduction (blank-line separated), each on one line."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def safe_text(text: str) -> str:
    """`text` without the characters no output may carry (controls, bidi overrides)."""
    return UNSAFE_CHARACTERS.sub("", text)
