"""A syllabus as a Word document (python-docx), the formatted entries' italics and bold kept.

The entries arrive formatted as HTML by the CSL engine and are turned into Word runs.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from html.parser import HTMLParser

from docx import Document as new_word_document
from docx.shared import Pt

from .model import Document, paragraphs, safe_text


class _Runs(HTMLParser):
    """The CSL engine's HTML as (text, italic, bold) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool, bool]] = []
        self.italic = self.bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("i", "em"):
            self.italic += 1
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag == "span" and ("style", "font-style:italic") in attrs:
            self.italic += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)

    def handle_data(self, data: str) -> None:
        if data:
            self.runs.append((data, self.italic > 0, self.bold > 0))


def runs(formatted_html: str) -> Iterator[tuple[str, bool, bool]]:
    parser = _Runs()
    parser.feed(formatted_html)
    parser.close()
    yield from parser.runs


def syllabus_docx(document: Document, style_title: str) -> bytes:
    """Title, introduction, a heading per section, numbered entries with their annotations
    indented below, and a closing line naming the style."""
    word = new_word_document()
    word.core_properties.title = safe_text(document.title)
    word.add_heading(safe_text(document.title), level=0)
    for text in paragraphs(document.introduction):
        word.add_paragraph(safe_text(text))
    for section in document.sections:
        word.add_heading(safe_text(section.title), level=1)
        if section.description:
            word.add_paragraph(safe_text(section.description))
        for entry in section.entries:
            item = word.add_paragraph(style="List Number")
            for text, italic, bold in runs(entry.formatted):
                run = item.add_run(safe_text(text))
                run.italic = italic or None
                run.bold = bold or None
            if entry.annotation:
                note = word.add_paragraph(safe_text(entry.annotation))
                note.paragraph_format.left_indent = Pt(24)
    closing = word.add_paragraph()
    closing.add_run(f"References formatted in {safe_text(style_title)}.").italic = True
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
