"""A syllabus as a Word document (python-docx), the formatted entries' italics and bold kept."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser

from docx import Document
from docx.shared import Pt

from ..syllabus import Syllabus
from .pages import PageSection, _paragraphs, safe_text


class _Runs(HTMLParser):
    """The CSL engine's HTML as (text, italic, bold) runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool, bool]] = []
        self.italic = self.bold = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
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


def syllabus_docx(syllabus: Syllabus, sections: Sequence[PageSection], style_title: str) -> bytes:
    document = Document()
    document.core_properties.title = safe_text(syllabus.title)
    document.add_heading(safe_text(syllabus.title), level=0)
    for paragraph in _paragraphs(syllabus.introduction):
        document.add_paragraph(safe_text(paragraph))
    for section in sections:
        document.add_heading(safe_text(section.title), level=1)
        if section.description:
            document.add_paragraph(safe_text(section.description))
        for entry in section.entries:
            paragraph = document.add_paragraph(style="List Number")
            for text, italic, bold in runs(entry.formatted):
                run = paragraph.add_run(safe_text(text))
                run.italic = italic or None
                run.bold = bold or None
            if entry.annotation:
                note = document.add_paragraph(safe_text(entry.annotation))
                note.paragraph_format.left_indent = Pt(24)
    closing = document.add_paragraph()
    closing.add_run(f"References formatted in {safe_text(style_title)}.").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
