"""CSL: formatted bibliographies and citations in any CSL style.

    from balint_bib.csl import format_bibliography
    entries = format_bibliography(records, "apa", output="html")
    doc = format_document(records, [parse_cluster("[@Balint1957, p. 12]", note=1)], "apa")
    doc.citations, doc.bibliography
"""

from .document import Citation, Cite
from .engine import (
    FormattedDocument,
    FormattedEntry,
    format_bibliography,
    format_citation,
    format_document,
)
from .mapping import to_csl_json
from .styles import StyleFile, resolve_style, search_styles
from .syntax import parse_cluster

__all__ = [
    "Citation",
    "Cite",
    "FormattedDocument",
    "FormattedEntry",
    "StyleFile",
    "format_bibliography",
    "format_citation",
    "format_document",
    "parse_cluster",
    "resolve_style",
    "search_styles",
    "to_csl_json",
]
