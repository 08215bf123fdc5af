"""Formatting records in a CSL style with citeproc-py, corrected towards citeproc-js.

Each style (with its locale) is read once per process; items go through the one mapping
(`mapping.to_csl_json`), the pre-processing fixes, citeproc-py, and the post-processing fixes.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..bibtex.model import Record
from ..errors import InputError, UsageError
from .document import Citation, Cite, cited_keys
from .fixes.layout import trim_html_entry
from .mapping import to_csl_json
from .markup import OUTPUTS, convert
from .renderer import Renderer
from .styles import StyleFile, resolve_style


@dataclass(frozen=True)
class FormattedEntry:
    """One rendered bibliography entry (or citation)."""

    key: str
    text: str  # in the requested output format
    annotation: str | None = None


def _check_output(output: str) -> None:
    if output not in OUTPUTS:
        raise UsageError(f"unknown output format '{output}'; use one of {', '.join(OUTPUTS)}")


def default_workers() -> int:
    """Both cores of a two-core machine; at most 4 processes."""
    return max(1, min(4, os.cpu_count() or 1))


@lru_cache(maxsize=32)
def load_style(style: str, locale: str) -> Renderer:
    """The parsed style (read once per style and locale) with the engine's fixes applied."""
    resolved: StyleFile = resolve_style(style)
    return Renderer(resolved, locale)


def _items(records: Sequence[Record], annotated: bool) -> list[dict[str, Any]]:
    seen: dict[str, str] = {}
    items = []
    for record in records:
        folded = record.key.lower()
        if folded in seen and seen[folded] != record.key:
            raise InputError(f"key differs from '{seen[folded]}' only in case; CSL processors "
                             "cannot tell them apart", path=record.path, line=record.line,
                             key=record.key)
        seen[folded] = record.key
        item = to_csl_json(record, annotated=annotated)
        item.pop("volume-title", None)  # CSL 1.0.2, which citeproc-py does not know
        items.append(item)
    return items


def format_items(items: list[dict[str, Any]], style: str, *, output: str = "text",
                 locale: str = "en-US", workers: int = 1) -> list[tuple[str, str]]:
    """(key, markup converted to `output`) for CSL-JSON items, in the style's order.

    Entries the style renders as nothing are left out, as citeproc-js does (its
    `bibliography_errors` code 1): Chicago notes-bibliography, for one, keeps documents
    that cannot be looked up out of the bibliography.
    """
    _check_output(output)
    loaded = load_style(style, locale)
    finish = trim_html_entry if output == "html" else str
    return [(key, finish(convert(markup, output)))
            for key, markup in loaded.bibliography(items, workers=workers) if markup.strip()]


def format_bibliography(records: Sequence[Record], style: str, *, output: str = "text",
                        locale: str = "en-US", annotated: bool = False
                        ) -> list[FormattedEntry]:  # signature fixed: `build` calls it
    """The records as a bibliography in `style`, one entry each, in the style's order.

    `style` is a style name or a path to a .csl file; `output` is "text", "html",
    "markdown" or "rtf". With `annotated`, each entry carries its annotation as plain text.
    """
    _check_output(output)
    by_key = {record.key: record for record in records}
    items = _items(records, annotated)
    entries = []
    for key, text in format_items(items, style, output=output, locale=locale,
                                  workers=default_workers()):
        annotation = None
        if annotated:
            record = by_key[key]
            annotation = record.text("annote") or record.text("annotation")
        entries.append(FormattedEntry(key, text, annotation))
    return entries


def format_citation(records: Sequence[Record], style: str, *, output: str = "text",
                    locale: str = "en-US", context: Sequence[Record] | None = None) -> str:
    """One in-text citation of all `records` together, e.g. "(Balint, 1957; Salinsky, 2000)".

    `context` is the whole bibliography the citation belongs to (default: the records
    themselves): year suffixes depend on it. Numbers follow the order of citation, as in
    the bibliography of the cited records (`format_document`).
    """
    citation = Citation([Cite(record.key) for record in records])
    return format_document(records, [citation], style, output=output, locale=locale,
                           context=context).citations[0]


@dataclass(frozen=True)
class FormattedDocument:
    """A document's citations, in order, and the bibliography of the works they cite."""

    citations: list[str]
    bibliography: list[FormattedEntry]


def format_document(records: Sequence[Record], document: Sequence[Citation], style: str, *,
                    output: str = "text", locale: str = "en-US",
                    context: Sequence[Record] | None = None) -> FormattedDocument:
    """Each citation of `document` (cites with locators, prefixes, suppress-author...; note
    numbers) rendered as citeproc-js's `processCitationCluster` renders a document's
    citations, and the bibliography of the cited works, numbered alike.

    `records` are the citable works; `context` (default: `records`) is what disambiguation
    looks at. A cite of a key that is not among them is an error.
    """
    _check_output(output)
    by_key = {record.key: record for record in [*(context or ()), *records]}
    cited = cited_keys(list(document))
    missing = [key for key in cited if key not in by_key]
    if missing:
        raise UsageError(f"no entry '{missing[0]}' in the bibliography")
    loaded = load_style(style, locale)
    everything = _items(list(by_key.values()), annotated=False)
    citations = [convert(markup, output) for markup in loaded.document(everything,
                                                                       list(document))]
    bibliography: list[FormattedEntry] = []
    if loaded.style.has_bibliography():
        finish = trim_html_entry if output == "html" else str
        cited_items = _items([by_key[key] for key in cited], annotated=False)
        bibliography = [FormattedEntry(key, finish(convert(markup, output)))
                        for key, markup in loaded.bibliography(cited_items, first=cited)]
    return FormattedDocument(citations, bibliography)


__all__ = ["FormattedDocument", "FormattedEntry", "format_bibliography", "format_citation",
           "format_document", "format_items", "load_style"]
