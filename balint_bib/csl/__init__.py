"""CSL: formatted bibliographies and citations in any CSL style.

    from balint_bib.csl import format_bibliography
    entries = format_bibliography(records, "apa", output="html")
"""

from .engine import FormattedEntry, format_bibliography, format_citation
from .mapping import to_csl_json
from .styles import StyleFile, resolve_style, search_styles

__all__ = ["FormattedEntry", "StyleFile", "format_bibliography", "format_citation",
           "resolve_style", "search_styles", "to_csl_json"]
