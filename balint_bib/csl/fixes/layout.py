"""Fixes that need the whole bibliography: year suffixes, author substitution, alignment."""

from __future__ import annotations

import re
import string
from typing import Any

from .sorting import collation_key


def _author_key(reference: Any) -> tuple[str, ...] | None:
    for variable in ("author", "editor"):
        names = reference.get(variable)
        if names:
            return tuple(collation_key(" ".join(str(p) for p in name.parts() if p))
                         for name in names)
    title = reference.get("title")
    return (str(title),) if title else None


_UNDATED = "n.d."


def _year(reference: Any) -> int | str | None:
    """The year a citation shows; undated entries all cite as "n.d.", so they share one."""
    issued = reference.get("issued")
    if issued is None:
        return _UNDATED
    year = getattr(issued, "get", lambda _: None)("year")
    return year if isinstance(year, int) else None


def assign_year_suffixes(items: list[Any], source: dict[str, Any]) -> None:
    """Entries with the same names and year get a, b, c… in bibliography order (CSL
    `disambiguate-add-year-suffix`), stored as the `year-suffix` variable. Undated entries
    of the same names are told apart too ("n.d.-a", "n.d.-b"), as citeproc-js does."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for item in items:
        reference = source[item.key]
        key = (_author_key(reference), _year(reference))
        if key[0] is not None and key[1] is not None:
            groups.setdefault(key, []).append(reference)
    for references in groups.values():
        if len(references) > 1:
            for letter, reference in zip(string.ascii_lowercase, references, strict=False):
                reference["year_suffix"] = letter


def second_field_align(markup: str, first_field: str | None) -> str:
    """The first field (the citation number) in its own block, as citeproc-js writes it."""
    if not first_field or not markup.startswith(first_field):
        return markup
    rest = markup[len(first_field):].lstrip()
    return (f'<div class="csl-left-margin">{first_field}</div>'
            f'<div class="csl-right-inline">{rest}</div>')


_RIGHT_INLINE_END = re.compile(r"\s+(?=</div>$)")


def trim_html_entry(markup: str) -> str:
    """An HTML entry without whitespace at its ends, also inside the block right of the
    citation number, as citeproc-js writes it (its text output keeps a trailing space)."""
    return _RIGHT_INLINE_END.sub("", markup.strip())


def substitute_subsequent_authors(entries: list[str], first_names: list[str | None],
                                  substitute: str) -> list[str]:
    """`subsequent-author-substitute` (rule complete-all): an entry whose names are those of
    the entry before it shows `substitute` in their place."""
    out = []
    previous = None
    for markup, names in zip(entries, first_names, strict=True):
        if names and names == previous and markup.startswith(names):
            markup = substitute + markup[len(names):]
        out.append(markup)
        previous = names
    return out
