"""One CSL style, parsed once, rendering CSL-JSON items through citeproc-py.

The style is read with the hardened parser (no network, no entity expansion). Rendering is
citeproc-py with the fixes of `balint_bib.csl.fixes`: patches on the pinned version, then
pre-processing of the items and post-processing of each entry.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from citeproc import LOCALES_PATH as CITEPROC_LOCALES
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.model import CitationStylesElement
from citeproc.source.json import CiteProcJSON
from lxml import etree

from ..errors import UsageError
from . import fixes
from .fixes.layout import (
    assign_year_suffixes,
    second_field_align,
    substitute_subsequent_authors,
)
from .fixes.patches import names_scope, year_suffix_scope
from .markup import HtmlFormatter, escape
from .styles import CSL_NS, StyleFile, hardened_parser

LOCALES_DIR = Path(CITEPROC_LOCALES)
# Below this many entries, starting a process costs more than it saves.
PARALLEL_THRESHOLD = 400
# What a forked worker renders from: (renderer, bibliography), set just before the fork.
_forked_job: tuple[Any, Any] | None = None


def _render_forked(start: int, stop: int) -> list[tuple[str, str | None]]:
    assert _forked_job is not None
    renderer, bibliography = _forked_job
    rendered: list[tuple[str, str | None]] = renderer._render_range(bibliography, start, stop)
    return rendered


def check_locale(locale: str) -> None:
    if not (LOCALES_DIR / f"locales-{locale}.xml").is_file():
        known = sorted(p.stem.removeprefix("locales-") for p in LOCALES_DIR.glob("locales-*.xml"))
        close = [name for name in known if name.split("-")[0] == locale.split("-")[0]]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown locale '{locale}'{hint}")


# citeproc-py has no type information: its classes are Any to mypy.
class HardenedStyle(CitationStylesStyle):  # type: ignore[misc]
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
        root: Any = self.xml.getroot()  # citeproc-py's element classes, untyped
        root.set_locale_list(locale, validate=False)
        self.root = root


class Renderer:
    """A style and locale, ready to render any number of item lists."""

    def __init__(self, style: StyleFile, locale: str) -> None:
        check_locale(locale)
        fixes.install()
        self.style_file = style
        self.locale = locale
        self.style = HardenedStyle(style.path, locale)
        self.options = fixes.StyleOptions.read(self.style.root)
        # A style that places the year-suffix itself gets no implicit one after the year.
        self.implicit_year_suffix = not self.style.root.xpath(
            "//cs:text[@variable='year-suffix']", namespaces={"cs": CSL_NS})

    def _bibliography(self, items: list[dict[str, Any]]) -> tuple[CitationStylesBibliography,
                                                                   dict[str, str]]:
        ids = {str(item["id"]).lower(): str(item["id"]) for item in items}
        prepared = fixes.preprocess(items)
        bibliography = CitationStylesBibliography(self.style, CiteProcJSON(prepared),
                                                  HtmlFormatter)
        for item in prepared:
            bibliography.register(Citation([CitationItem(str(item["id"]))]))
        bibliography.sort()
        if self.options.year_suffix:
            assign_year_suffixes(bibliography.items, bibliography.source)
        return bibliography, ids

    def bibliography(self, items: list[dict[str, Any]], workers: int = 1
                     ) -> list[tuple[str, str]]:
        """(original key, HTML of the entry), in the style's bibliography order.

        Sorting and year suffixes need every item and are done once; the entries are then
        rendered in `workers` processes (forked, so each starts with the parsed style).
        """
        if not self.style.has_bibliography():
            raise UsageError(f"style '{self.style_file.name}' has no bibliography")
        bibliography, ids = self._bibliography(items)
        rendered = self._render_all(bibliography, workers)
        entries = [markup for markup, _ in rendered]
        first_names = [names for _, names in rendered]
        if self.options.subsequent_author_substitute is not None:
            entries = substitute_subsequent_authors(
                entries, first_names, escape(self.options.subsequent_author_substitute))
        return [(ids[item.key], markup) for item, markup in zip(bibliography.items, entries,
                                                                strict=True)]

    def _render_range(self, bibliography: Any, start: int, stop: int
                      ) -> list[tuple[str, str | None]]:
        layout = self.style.root.bibliography.layout
        out = []
        for item in bibliography.items[start:stop]:
            markup, names, first_field = self._entry(layout, item)
            if self.options.second_field_align:
                markup = second_field_align(markup, first_field)
            out.append((markup, names[0] if names else None))
        return out

    def _render_all(self, bibliography: Any, workers: int) -> list[tuple[str, str | None]]:
        count = len(bibliography.items)
        if workers <= 1 or count < PARALLEL_THRESHOLD or "fork" not in \
                multiprocessing.get_all_start_methods():
            return self._render_range(bibliography, 0, count)
        bounds = [count * i // workers for i in range(workers + 1)]
        global _forked_job
        _forked_job = (self, bibliography)
        try:
            with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
                pending = [pool.apply_async(_render_forked, (bounds[i], bounds[i + 1]))
                           for i in range(1, workers)]
                first = self._render_range(bibliography, bounds[0], bounds[1])
                return first + [entry for job in pending for entry in job.get()]
        finally:
            _forked_job = None

    def _entry(self, layout: Any, item: Any) -> tuple[str, list[str], str | None]:
        suffix_token = year_suffix_scope.set(set() if self.implicit_year_suffix else None)
        names_token = names_scope.set([])
        try:
            layout.repressed = {}
            entry = layout.render_children(item)
            markup = str(layout.format(layout.wrap(entry))) if entry is not None else ""
            names = names_scope.get() or []
        finally:
            year_suffix_scope.reset(suffix_token)
            names_scope.reset(names_token)
        first_field = None
        if self.options.second_field_align and len(layout):
            layout.repressed = {}
            rendered = layout[0].render(item)
            first_field = fixes.postprocess(str(rendered), self.options) if rendered else None
        return fixes.postprocess(markup, self.options), names, first_field

    def citation(self, items: list[dict[str, Any]], cited: list[str]) -> str:
        """The citation of the `cited` ids, among all `items` of the bibliography."""
        bibliography, _ = self._bibliography(items)
        citation = Citation([CitationItem(key) for key in cited])
        bibliography.register(citation)
        token = year_suffix_scope.set(set() if self.implicit_year_suffix else None)
        try:
            markup = str(bibliography.cite(citation, lambda item: None))
        finally:
            year_suffix_scope.reset(token)
        return fixes.postprocess(markup, self.options)
