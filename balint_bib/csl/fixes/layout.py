"""Fixes on rendered entries: author substitution, alignment, trimming."""

from __future__ import annotations

import re


def second_field_align(markup: str, first_field: str | None) -> str:
    """The first field (the citation number) in its own block, as citeproc-js writes it."""
    if not first_field or not markup.startswith(first_field):
        return markup
    rest = markup[len(first_field):]  # citeproc-js keeps what separates the fields
    return (f'<div class="csl-left-margin">{first_field}</div>'
            f'<div class="csl-right-inline">{rest}</div>')


_RIGHT_INLINE_END = re.compile(r"\s+(?=</div>$)")


def trim_right_inline(markup: str) -> str:
    """An HTML entry without whitespace at the end of the block right of the citation
    number, as citeproc-js writes it."""
    return _RIGHT_INLINE_END.sub("", markup)


def trim_html_entry(markup: str) -> str:
    """An HTML entry without whitespace at its ends, also inside the block right of the
    citation number, as citeproc-js writes it (its text output keeps a trailing space)."""
    return trim_right_inline(markup.strip())


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
