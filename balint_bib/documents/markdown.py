"""Documents as Markdown: the `format` command's bibliography and the course site's syllabus.

Entries arrive already formatted as Markdown by the CSL engine; titles, descriptions and
annotations are plain text and are escaped here. The site's page escapes every Markdown
character (its text is written by hand in syllabus files) and numbers its entries; the
`format` output escapes as the entries themselves are escaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..text import MARKDOWN_ALL, escape_markdown
from .model import Document, paragraphs, safe_text


def _blocks(blocks: Iterator[str]) -> str:
    return "\n\n".join(blocks) + "\n"


def _listing_blocks(document: Document) -> Iterator[str]:
    if document.title:
        yield f"# {escape_markdown(document.title)}"
    for section in document.sections:
        if section.title:
            yield f"## {escape_markdown(section.title)}"
            if section.description:
                yield escape_markdown(section.description)
        for entry in section.entries:
            yield entry.formatted
            if entry.annotation:
                yield "> " + escape_markdown(entry.annotation)


def bibliography_markdown(document: Document) -> str:
    """Headings, then each entry as the style wrote it with its annotation quoted below.
    The introduction is not shown."""
    return _blocks(_listing_blocks(document))


# Parentheses are Markdown only right after a `]` (a link), and `]` is escaped: "(UK)" stays.
PAGE_SPECIALS = MARKDOWN_ALL.replace("(", "").replace(")", "")


def _paragraph(text: str) -> str:
    """Hand-written text as one Markdown paragraph that shows as that text."""
    return escape_markdown(safe_text(" ".join(text.split())), PAGE_SPECIALS, paragraph=True)


def _page_blocks(document: Document, style_title: str) -> Iterator[str]:
    yield f"# {_paragraph(document.title)}"
    yield from (_paragraph(p) for p in paragraphs(document.introduction))
    for section in document.sections:
        yield f"## {_paragraph(section.title)}"
        if section.description:
            yield _paragraph(section.description)
        for number, entry in enumerate(section.entries, start=1):
            yield f"{number}. {safe_text(entry.formatted)}"
            if entry.annotation:  # indented: it belongs to the list item above
                yield f"    {_paragraph(entry.annotation)}"
    yield f"*References formatted in {_paragraph(style_title)}.*"


def syllabus_page_markdown(document: Document, style_title: str) -> str:
    """The site's syllabus: title, introduction, numbered entries with their annotations,
    and a closing line naming the style."""
    return _blocks(_page_blocks(document, style_title))
