"""A syllabus as a Word document (python-docx), the formatted entries' italics and bold kept.

The entries arrive formatted as HTML by the CSL engine and are turned into Word runs.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import cast

from docx import Document as new_word_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ..text import safe_url
from .model import Document, Entry, paragraphs, safe_text


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


# Paper sizes (width, height) and the margin that goes with them.
PAPERS = {"a4": (Mm(210), Mm(297), Mm(25)), "letter": (Inches(8.5), Inches(11), Inches(1))}
_URL = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:]?(?:\s|$))")


def syllabus_docx(document: Document, style_title: str, *, paper: str = "a4",
                  author: str = "") -> bytes:
    """Title, introduction, a heading per section, its entries numbered from 1 in each
    section with their annotations indented below (URLs as links), and a closing line
    naming the style. `author` goes into the file's properties (python-docx's own
    placeholder never does)."""
    word = new_word_document()
    _page_setup(word, paper)
    word.core_properties.title = safe_text(document.title)
    word.core_properties.author = safe_text(author)
    word.core_properties.last_modified_by = safe_text(author)
    word.core_properties.comments = "Made with balint-bib"
    reference = _reference_style(word)
    word.add_heading(safe_text(document.title), level=0)
    for text in paragraphs(document.introduction):
        word.add_paragraph(safe_text(text))
    for section in document.sections:
        word.add_heading(safe_text(section.title), level=1)
        if section.description:
            word.add_paragraph(safe_text(section.description))
        for number, entry in enumerate(section.entries, start=1):
            _entry(word.add_paragraph(style=reference), number, entry)
            if entry.annotation:
                note = word.add_paragraph(safe_text(entry.annotation))
                note.paragraph_format.left_indent = Pt(24)
                note.paragraph_format.keep_together = True
    closing = word.add_paragraph()
    closing.add_run(f"References formatted in {safe_text(style_title)}.").italic = True
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page_setup(word: WordDocument, paper: str) -> None:
    width, height, margin = PAPERS[paper]
    for part in word.sections:
        part.page_width, part.page_height = width, height
        part.left_margin = part.right_margin = part.top_margin = part.bottom_margin = margin


def _reference_style(word: WordDocument) -> ParagraphStyle:
    """Entries: their number in a hanging indent (numbered by the writer, so each section
    starts at 1, as on the web page), kept on the page of their annotation."""
    style = word.styles.add_style("Reference", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.paragraph_format.left_indent = Pt(24)
    style.paragraph_format.first_line_indent = Pt(-24)
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.tab_stops.add_tab_stop(Pt(24))
    return cast(ParagraphStyle, style)


def _entry(paragraph: Paragraph, number: int, entry: Entry) -> None:
    paragraph.add_run(f"{number}.\t")
    linked = False
    for text, italic, bold in runs(entry.formatted):
        for piece, is_url in _split_urls(safe_text(text)):
            if is_url:
                _hyperlink(paragraph, piece, piece, italic, bold)
                linked = True
            else:
                run = paragraph.add_run(piece)
                run.italic = italic or None
                run.bold = bold or None
    if entry.url and not linked:  # as on the web page: a link to the resource
        paragraph.add_run(" ")
        _hyperlink(paragraph, entry.url, "online", False, False)


def _split_urls(text: str) -> Iterator[tuple[str, bool]]:
    start = 0
    for match in _URL.finditer(text):
        if match.start() > start:
            yield text[start:match.start()], False
        yield match.group(), True
        start = match.end()
    if start < len(text):
        yield text[start:], False


def _hyperlink(paragraph: Paragraph, url: str, text: str, italic: bool, bold: bool) -> None:
    """A w:hyperlink to an external URL (python-docx has no API for one)."""
    url = safe_url(url)
    if not url:
        paragraph.add_run(text)
        return
    relation = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag, on in (("w:i", italic), ("w:b", bold)):
        if on:
            properties.append(OxmlElement(tag))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0645AD")
    properties.extend((color, underline))
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)
