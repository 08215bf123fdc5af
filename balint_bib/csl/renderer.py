"""One CSL style, parsed once, rendering CSL-JSON items through citeproc-py.

The style is read with the hardened parser (no network, no entity expansion). Rendering is
citeproc-py with the fixes of `balint_bib.csl.fixes`: patches on the pinned version, then
pre-processing of the items and post-processing of each entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import LOCALES_PATH as CITEPROC_LOCALES
from citeproc.model import CitationStylesElement
from citeproc.source.json import CiteProcJSON
from lxml import etree

from ..errors import UsageError
from . import fixes
from .markup import HtmlFormatter
from .styles import StyleFile, hardened_parser

LOCALES_DIR = Path(CITEPROC_LOCALES)


def check_locale(locale: str) -> None:
    if not (LOCALES_DIR / f"locales-{locale}.xml").is_file():
        known = sorted(p.stem.removeprefix("locales-") for p in LOCALES_DIR.glob("locales-*.xml"))
        close = [name for name in known if name.split("-")[0] == locale.split("-")[0]]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown locale '{locale}'{hint}")


class HardenedStyle(CitationStylesStyle):
    """citeproc-py's style, but parsed without network access or entity expansion."""

    def __init__(self, path: Path, locale: str) -> None:  # no super(): it would re-parse
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace("http://purl.org/net/xbiblio/csl")
        namespace[None] = CitationStylesElement
        namespace.update({cls.__name__.replace("_", "-").lower(): cls
                          for cls in CitationStylesElement.__subclasses__()})
        parser = hardened_parser()
        parser.set_element_class_lookup(lookup)
        self.parser = parser
        self.xml = etree.parse(str(path), parser)
        self.root = self.xml.getroot()
        self.root.set_locale_list(locale, validate=False)


class Renderer:
    """A style and locale, ready to render any number of item lists."""

    def __init__(self, style: StyleFile, locale: str) -> None:
        check_locale(locale)
        fixes.install()
        self.style_file = style
        self.locale = locale
        self.style = HardenedStyle(style.path, locale)
        self.options = fixes.StyleOptions.read(self.style.root)

    def _bibliography(self, items: list[dict[str, Any]]) -> tuple[CitationStylesBibliography,
                                                                   dict[str, str]]:
        ids = {str(item["id"]).lower(): str(item["id"]) for item in items}
        items = fixes.preprocess(items, self.options)
        bibliography = CitationStylesBibliography(self.style, CiteProcJSON(items), HtmlFormatter)
        for item in items:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        return bibliography, ids

    def bibliography(self, items: list[dict[str, Any]]) -> list[tuple[str, str]]:
        """(original key, HTML of the entry), in the style's bibliography order."""
        if not self.style.has_bibliography():
            raise UsageError(f"style '{self.style_file.name}' has no bibliography")
        bibliography, ids = self._bibliography(items)
        bibliography.sort()
        fixes.assign_year_suffixes(bibliography, self.options)
        layout = self.style.root.bibliography.layout
        rendered = []
        for item in bibliography.items:
            layout.repressed = {}
            entry = layout.render_children(item)
            text = layout.format(layout.wrap(entry)) if entry is not None else ""
            rendered.append((ids[item.key], str(text)))
        return fixes.postprocess_bibliography(rendered, self.options, bibliography)

    def citation(self, items: list[dict[str, Any]]) -> str:
        bibliography, _ = self._bibliography(items)
        bibliography.sort()
        fixes.assign_year_suffixes(bibliography, self.options)
        cites = [CitationItem(str(item["id"])) for item in items]
        citation = Citation(cites)
        bibliography.register(citation)
        return fixes.postprocess(str(bibliography.cite(citation, lambda item: None)),
                                 self.options)
