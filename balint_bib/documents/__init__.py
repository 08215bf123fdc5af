"""Documents: syllabi and bibliographies as HTML, Markdown, RTF, text and Word, and the
course site built from them.

    model     what a document is: title, introduction, sections of entries
    compose   documents from records (the entries formatted by the CSL engine)
    html, markdown, rtf, plain, docx
              one writer per output format
    site      `balint-bib build`: every file of the course site

    from balint_bib.documents import format_document
    text = format_document(records, "apa", "markdown", syllabus=syllabus, annotated=True)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..syllabus import Syllabus
from .compose import bibliography_document, syllabus_document
from .html import bibliography_html
from .markdown import bibliography_markdown
from .model import Document, Entry, Section
from .plain import bibliography_text
from .rtf import bibliography_rtf
from .site import DEFAULT_STYLES, build_site, render_site, write_site


def write_document(document: Document, output: str, *, standalone: bool = False,
                   lang: str = "en-US") -> str:
    """The document in `output` ("text", "html", "markdown" or "rtf"), its entries already
    formatted for it; `standalone` makes HTML a whole page."""
    if output == "html":
        return bibliography_html(document, standalone=standalone, lang=lang)
    if output == "markdown":
        return bibliography_markdown(document)
    if output == "rtf":
        return bibliography_rtf(document)
    return bibliography_text(document)


def format_document(bibliography: Bibliography, style: str, output: str, *,
                    records: Sequence[Record] | None = None, syllabus: Syllabus | None = None,
                    locale: str = "en-US", annotated: bool = False,
                    standalone: bool = False) -> str:
    """`balint-bib format`: the syllabus's entries under its headings, or `records` (default:
    the whole bibliography) as one list, formatted in `style` and written as `output`."""
    if syllabus is not None:
        document = syllabus_document(bibliography, syllabus, style, output, locale=locale,
                                     annotated=annotated)
    else:
        chosen = bibliography.records if records is None else records
        document = bibliography_document(chosen, style, output, locale=locale,
                                         annotated=annotated)
    return write_document(document, output, standalone=standalone, lang=locale)


__all__ = ["DEFAULT_STYLES", "Document", "Entry", "Section", "bibliography_document", "build_site",
           "format_document", "render_site", "syllabus_document", "write_document",
           "write_site"]
