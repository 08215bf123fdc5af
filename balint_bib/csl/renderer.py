"""One CSL style, parsed once, rendering CSL-JSON items through citeproc-py.

The style is read with the hardened parser (no network, no entity expansion) into the
project's own element classes (fixes/elements.py: citeproc-py's classes with the fixes of
fixes/table.py mixed in). Items are pre-processed (fixes/text.py) and each entry
post-processed; citations go through csl/citations.py.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from citeproc import LOCALES_PATH as CITEPROC_LOCALES
from citeproc import PRIMARY_DIALECTS, Citation, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON

from ..errors import UsageError
from . import fixes
from .checks import check_style
from .citations import render_alone, render_document
from .disambiguation import disambiguate
from .document import Citation as DocumentCitation
from .document import cited_keys
from .fixes.elements import parse
from .fixes.items import ProjectCitationItem
from .fixes.layout import second_field_align, substitute_subsequent_authors
from .fixes.names import with_hyphenated_names
from .fixes.rendering import names_scope, term_predecessor, variables_of, year_suffix_scope
from .fixes.source import ProjectCiteProcJSON
from .fixes.table import check_version
from .markup import HtmlFormatter, escape
from .styles import CSL_NS, StyleFile

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


def check_locale(locale: str, style_locales: frozenset[str] = frozenset()) -> None:
    """A locale is known by its file, by its language's primary dialect ("fr": fr-FR, as
    citeproc-py falls back) or by a <locale> of the style itself."""
    if locale in style_locales or locale in PRIMARY_DIALECTS:
        return
    locale = locale.split("-x-")[0]  # a private-use extension ("en-US-x-sort-ja") is ignored
    if not (LOCALES_DIR / f"locales-{locale}.xml").is_file():
        known = sorted(p.stem.removeprefix("locales-") for p in LOCALES_DIR.glob("locales-*.xml"))
        close = [name for name in known if name.split("-")[0] == locale.split("-")[0]]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown locale '{locale}'{hint}")


# citeproc-py has no type information: its classes are Any to mypy.
class HardenedStyle(CitationStylesStyle):  # type: ignore[misc]
    """citeproc-py's style, parsed without network access or entity expansion into the
    project's element classes."""

    def __init__(self, path: Path, locale: str,
                 disabled: frozenset[str] = frozenset()) -> None:  # no super(): it re-parses
        self.xml = parse(path, disabled)
        root: Any = self.xml.getroot()  # citeproc-py's element classes, untyped
        root.disabled_fixes = disabled
        root.set_locale_list(locale, validate=False)
        self.root = root
        # Every element's proxy held: lxml would otherwise make a new one each time an
        # element is reached, dropping what the fixes keep on it (fixes/speed.py).
        self.elements = [*root.iter(), *(e for loc in root.locales for e in loc.iter())]


class Renderer:
    """A style and locale, ready to render any number of item lists."""

    def __init__(self, style: StyleFile, locale: str,
                 disabled: frozenset[str] = frozenset()) -> None:
        check_version()
        tree = parse(style.path, disabled)
        check_style(tree.getroot(), style.path)
        check_locale(locale, frozenset(tree.xpath("//cs:locale/@xml:lang", namespaces={
            "cs": CSL_NS, "xml": "http://www.w3.org/XML/1998/namespace"})))
        self.style_file = style
        self.locale = locale
        self.style = HardenedStyle(style.path, locale, disabled)
        self.disabled = disabled
        self.cite_prints_year = self.style.root.citation is not None and any(
            variable == "issued" for _, variable in variables_of(self.style.root.citation, set()))
        # Held, so that the attributes citeproc-py keeps on these proxies (`cites`,
        # `repressed`) stay with them: lxml makes a new proxy for an unreferenced element.
        self.citation_element: Any = self.style.root.citation
        self.citation_layout: Any = None if self.citation_element is None \
            else self.citation_element.layout
        self.options = fixes.StyleOptions.read(self.style.root, disabled)
        self.cite_prints_names = self.style.root.citation is not None and any(
            tag == f"{{{CSL_NS}}}names"
            for tag, _ in variables_of(self.style.root.citation, set()))
        # Cites after the first print differently: disambiguation compares those too.
        self.cites_by_position = self.citation_element is not None and bool(
            self.citation_element.xpath(".//cs:if[@position] | .//cs:else-if[@position] | "
                                        "//cs:macro//*[@position] | "
                                        "//@et-al-subsequent-min | "
                                        "//@et-al-subsequent-use-first",
                                        namespaces={"cs": CSL_NS}))
        # A style that places the year-suffix itself gets no implicit one after the year.
        self.implicit_year_suffix = not self.style.root.xpath(
            "//cs:text[@variable='year-suffix']", namespaces={"cs": CSL_NS})

    def _bibliography(self, items: list[dict[str, Any]],
                      first: list[str] | None = None) -> tuple[Any, dict[str, str]]:
        """citeproc-py's bibliography of `items`: the keys in `first` (the cited ones, in
        order) are registered before the rest, so that citation numbers follow first
        citation, as in citeproc-js; sorted when the style has a <bibliography>."""
        ids = {str(item["id"]).lower(): str(item["id"]) for item in items}
        prepared = fixes.preprocess(items, self.disabled)
        source = CiteProcJSON if "dates-as-citeproc-js" in self.disabled else ProjectCiteProcJSON
        bibliography = CitationStylesBibliography(
            self.style, with_hyphenated_names(source(prepared)), HtmlFormatter)
        for key in [*(first or []), *(str(item["id"]) for item in prepared)]:
            bibliography.register(Citation([ProjectCitationItem(key)]))
        if self.style.has_bibliography():
            bibliography.sort()
        if self.options.disambiguation and any(self.options.disambiguation.values()) \
                and self.citation_layout is not None:
            later = None
            if self.cites_by_position:
                def later(item: Any) -> str | None:
                    return render_alone(self, bibliography, item.key, "subsequent")
            disambiguate(bibliography.items,
                         lambda item: render_alone(self, bibliography, item.key),
                         self.options.disambiguation, self.cite_prints_year,
                         self.options.givenname_rule, later, self.cite_prints_names)
        return bibliography, ids

    def bibliography(self, items: list[dict[str, Any]], workers: int = 1,
                     first: list[str] | None = None) -> list[tuple[str, str]]:
        """(original key, HTML of the entry), in the style's bibliography order.

        Sorting and year suffixes need every item and are done once; the entries are then
        rendered in `workers` processes (forked, so each starts with the parsed style).
        """
        if not self.style.has_bibliography():
            raise UsageError(f"style '{self.style_file.name}' has no bibliography")
        bibliography, ids = self._bibliography(items, first)
        rendered = self._render_all(bibliography, workers)
        entries = [markup for markup, _ in rendered]
        first_names = [names for _, names in rendered]
        if self.options.subsequent_author_substitute is not None:
            entries = substitute_subsequent_authors(
                entries, first_names, escape(self.options.subsequent_author_substitute))
        # entries the style renders as nothing are left out, as citeproc-js does
        return [(ids[item.key], markup) for item, markup in zip(bibliography.items, entries,
                                                                strict=True) if markup.strip()]

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
        term_token = term_predecessor.set([False])
        try:
            layout.repressed = {}
            entry = layout.render_children(item)
            markup = str(layout.format(layout.wrap(entry))) if entry is not None else ""
            names = names_scope.get() or []
        finally:
            year_suffix_scope.reset(suffix_token)
            names_scope.reset(names_token)
            term_predecessor.reset(term_token)
        first_field = None
        if self.options.second_field_align and len(layout):
            layout.repressed = {}
            rendered = layout[0].render(item)
            first_field = fixes.postprocess(str(rendered), self.options) if rendered else None
        return fixes.postprocess(markup, self.options), names, first_field

    def order(self, items: list[dict[str, Any]]) -> list[str]:
        """The ids of `items` in the style's bibliography order."""
        bibliography, ids = self._bibliography(items)
        return [ids[key] for key in bibliography.keys]

    def document(self, items: list[dict[str, Any]], document: list[DocumentCitation]
                 ) -> list[str]:
        """Each citation of `document` as HTML, in order, over the bibliography of `items`
        (positions, numbers and year suffixes over the whole document)."""
        bibliography, _ = self._bibliography(items, cited_keys(document))
        return [fixes.postprocess(markup, self.options)
                for markup in render_document(self, bibliography, document)]

    def citation(self, items: list[dict[str, Any]], cited: list[str]) -> str:
        """The one citation of the `cited` ids, among all `items` of the bibliography."""
        from .document import Cite

        return self.document(items, [DocumentCitation([Cite(key) for key in cited])])[0]
