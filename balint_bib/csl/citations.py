"""A document's citations through citeproc-py's citation layout.

Each citation is rendered in document order, so that positions (first, subsequent, ibid,
ibid-with-locator) see the cites before it: citeproc-py's `position` test reads the citation
element's `cites`, the history this module keeps. Within a citation the cites keep the
author's order unless the style's <citation> sorts them (citeproc-js; citeproc-py sorted
them in bibliography order). Affixes, suppress-author and author-only are the cite's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from citeproc import Citation
from citeproc.source import VariableError
from citeproc.string import String

from .collapse import Delimiters, Rendered, collapse_names, collapse_numbers, join_cites
from .document import Citation as DocumentCitation
from .document import Cite
from .fixes.items import ProjectCitationItem
from .fixes.rendering import cite_names, names_scope, term_predecessor, year_suffix_scope
from .fixes.text import inline_markup
from .markup import to_text
from .positions import History, assign_positions

if TYPE_CHECKING:
    from .renderer import Renderer


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def _item(cite: Cite) -> ProjectCitationItem:
    return ProjectCitationItem(cite.key, locator=cite.locator, label=cite.label,
                               prefix=cite.prefix, suffix=cite.suffix,
                               suppress_author=cite.suppress_author,
                               author_only=cite.author_only, position=cite.position)


def _affixes(prefix: str, suffix: str) -> tuple[str, str]:
    """A cite's prefix and suffix as citeproc-js joins them: a space after a prefix and
    before a suffix that start or end with a word, inline markup rendered."""
    if prefix and re.search(r"[\w.,;:!?)\]>]$", prefix):
        prefix += " "
    if suffix and re.match(r"[\w(\[<]", suffix):
        suffix = " " + suffix
    return inline_markup(prefix), inline_markup(suffix)


def _render_cite(renderer: Renderer, layout: Any, item: Any, suppress: bool = False
                 ) -> tuple[str | None, str | None]:
    """(the cite, its first rendered names)."""
    layout.repressed = {}
    suffix_token = year_suffix_scope.set(set() if renderer.implicit_year_suffix else None)
    names_token = names_scope.set([])
    mode_token = cite_names.set("suppress" if suppress or item.suppress_author else None)
    in_text = renderer.style.root.get("class") == "in-text"
    # a term first in the cite is capitalised, unless a prefix that does not end a
    # sentence comes before it ("Ibid." after "He said “Please work.” ")
    term_token = term_predecessor.set(None if in_text else [
        bool(item.prefix) and not _SENTENCE_END.search(item.prefix)])
    try:
        text = layout.render_children(item)
        names = names_scope.get() or []
    except VariableError:
        return None, None
    finally:
        year_suffix_scope.reset(suffix_token)
        names_scope.reset(names_token)
        cite_names.reset(mode_token)
        term_predecessor.reset(term_token)
    first = names[0] if names else None
    if item.author_only:
        return first, first
    return (None if text is None else str(text)), first


def _year(reference: Any) -> str | None:
    issued = reference.get("issued")
    year = getattr(issued, "get", lambda _: None)("year") if issued is not None else None
    return None if year is None else str(abs(year))


def _rendered(renderer: Renderer, layout: Any, item: Any, collapse: str | None
              ) -> Rendered | None:
    text, names = _render_cite(renderer, layout, item)
    if not text:
        return None
    prefix, suffix = _affixes(item.prefix, item.suffix)
    short = ""
    if collapse and collapse != "citation-number" and names:
        short = _render_cite(renderer, layout, item, suppress=True)[0] or ""
    affixed = bool(item.prefix or item.suffix)
    return Rendered(prefix + text + suffix, to_text(names) if names else None, short,
                    item.number, _year(item.reference), item.reference.get("year_suffix"),
                    plain=not (affixed or item.has_locator),
                    locator=item.has_locator and not affixed)


def _delimiters(element: Any, layout: Any) -> Delimiters:
    delimiter = layout.get("delimiter", "")
    group = element.get("cite-group-delimiter")
    return Delimiters(delimiter, ", " if group is None else group,
                      element.get("year-suffix-delimiter", delimiter if group is None else group),
                      element.get("after-collapse-delimiter", delimiter))


def render_alone(renderer: Renderer, bibliography: Any, key: str,
                 position: str | None = None) -> str | None:
    """The item's cite in first position (or `position`) without a year suffix: its
    printed form, which disambiguation compares."""
    item = ProjectCitationItem(key, position=position)
    Citation([item]).bibliography = bibliography
    renderer.citation_element.cites = []
    layout = renderer.citation_layout
    layout.repressed = {}
    token = year_suffix_scope.set(None)
    try:
        text = layout.render_children(item)
    except VariableError:
        return None
    finally:
        year_suffix_scope.reset(token)
    return None if text is None else str(text)


def render_citation(renderer: Renderer, bibliography: Any, citation: DocumentCitation,
                    history: History) -> str:
    element = renderer.citation_element
    layout = renderer.citation_layout
    items = [_item(cite) for cite in citation.cites]
    Citation(items).bibliography = bibliography
    known = [item for item in items if item.key.lower() in bibliography.source]
    if element.sort is not None:
        known = element.sort.sort(known, layout)
    assign_positions(history, citation.note, known,
                     int(element.get("near-note-distance", "5")))
    collapse = element.get("collapse")
    missing = [Rendered(f"{item.key}?", plain=False)  # citeproc-js reports them; we show them
               for item in items if item.key.lower() not in bibliography.source]
    cites = []
    for item in known:
        rendered = _rendered(renderer, layout, item, collapse)
        if rendered is not None:
            cites.append(rendered)
    cites = missing + cites
    if not cites:
        return ""
    delimiters = _delimiters(element, layout)
    if collapse == "citation-number":
        text = collapse_numbers(cites, delimiters.layout)
    elif collapse in ("year", "year-suffix", "year-suffix-ranged"):
        text = collapse_names(cites, collapse, delimiters)
    elif element.get("cite-group-delimiter") is not None:
        text = collapse_names(cites, "group", delimiters)
    else:
        text = join_cites(cites, delimiters.layout)
    return str(layout.format(layout.wrap(String(text))))


def render_document(renderer: Renderer, bibliography: Any,
                    document: list[DocumentCitation]) -> list[str]:
    if renderer.citation_layout is None:
        from ..errors import UsageError

        raise UsageError(f"style '{renderer.style_file.name}' has no citation layout")
    history = History()
    return [render_citation(renderer, bibliography, citation, history)
            for citation in document]
