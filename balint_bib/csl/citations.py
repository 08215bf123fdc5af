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
from citeproc.string import join

from .document import Citation as DocumentCitation
from .document import Cite
from .fixes.items import ProjectCitationItem
from .fixes.rendering import cite_names, names_scope, year_suffix_scope
from .fixes.text import inline_markup

if TYPE_CHECKING:
    from .renderer import Renderer


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


def _render_cite(renderer: Renderer, layout: Any, item: Any) -> str | None:
    layout.repressed = {}
    suffix_token = year_suffix_scope.set(set() if renderer.implicit_year_suffix else None)
    names_token = names_scope.set([])
    mode_token = cite_names.set("suppress" if item.suppress_author else None)
    try:
        text = layout.render_children(item)
        names = names_scope.get() or []
    except VariableError:
        return None
    finally:
        year_suffix_scope.reset(suffix_token)
        names_scope.reset(names_token)
        cite_names.reset(mode_token)
    if item.author_only:
        return names[0] if names else None
    return None if text is None else str(text)


def render_alone(renderer: Renderer, bibliography: Any, key: str) -> str | None:
    """The item's cite in first position without a year suffix: its printed form, which
    disambiguation compares."""
    item = ProjectCitationItem(key)
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
                    history: list[Any]) -> str:
    element = renderer.citation_element
    layout = renderer.citation_layout
    items = [_item(cite) for cite in citation.cites]
    Citation(items).bibliography = bibliography
    known = [item for item in items if item.key in bibliography.source]
    if element.sort is not None:
        known = element.sort.sort(known, layout)
    element.cites = history
    out = []
    for item in items:
        if item.key not in bibliography.source:
            out.append(f"{item.key}?")  # citeproc-js reports the missing item; we show it
    for item in known:
        text = _render_cite(renderer, layout, item)
        history.append(item)
        if text is not None:
            prefix, suffix = _affixes(item.prefix, item.suffix)
            out.append(prefix + text + suffix)
    if not out:
        return ""
    return str(layout.format(layout.wrap(join(out, layout.get("delimiter", "")))))


def render_document(renderer: Renderer, bibliography: Any,
                    document: list[DocumentCitation]) -> list[str]:
    if renderer.citation_layout is None:
        from ..errors import UsageError

        raise UsageError(f"style '{renderer.style_file.name}' has no citation layout")
    history: list[Any] = []
    return [render_citation(renderer, bibliography, citation, history)
            for citation in document]
