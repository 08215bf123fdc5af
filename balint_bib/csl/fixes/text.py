"""Fixes as pre-processing of the CSL-JSON items and post-processing of rendered HTML."""

from __future__ import annotations

import re
from typing import Any

from ..markup import escape

_NOCASE = re.compile(r'(<span class="nocase">|</span>)')
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")
_DOUBLE_QUOTES = re.compile(r'"([^"]*)"')
# Fields rendered as they are: no typographic quotes.
_VERBATIM = {"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"}


def typographic_quotes(text: str) -> str:
    """Straight apostrophes and quotes as citeproc-js prints them: ’ and “…”."""
    text = _DOUBLE_QUOTES.sub("“\\1”", text)
    return _APOSTROPHE.sub("’", text)


def escape_value(text: str, quotes: bool = True) -> str:
    """Escape `&`, `<`, `>` for the HTML formatter (citeproc-py inserts variables unescaped;
    the text output unescapes them again) and, with `quotes`, make quotes typographic;
    the nocase spans stay markup."""
    return "".join(
        piece if _NOCASE.fullmatch(piece)
        else escape(typographic_quotes(piece) if quotes else piece)
        for piece in _NOCASE.split(text))


def prepare_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item as citeproc-py needs it: typographic quotes, HTML-escaped text."""
    prepared: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in _VERBATIM:
            prepared[key] = escape_value(value)
        elif isinstance(value, str) and key != "id":
            prepared[key] = escape_value(value, quotes=False)
        elif isinstance(value, list) and value and isinstance(value[0], dict) \
                and "date-parts" not in value[0]:
            prepared[key] = [{part: escape_value(text)
                              for part, text in name.items()} for name in value]
        else:
            prepared[key] = value
    return prepared


_TAGS = r"(?:</[a-z]+>)*"


def move_punctuation_into_quotes(markup: str) -> str:
    """en-US `punctuation-in-quote`: `“Title”.` → `“Title.”`; `“Why?”.` → `“Why?”`."""
    markup = re.sub(rf"([?!])({_TAGS}”{_TAGS})\.", r"\1\2", markup)
    return re.sub(rf"({_TAGS}”{_TAGS})([.,])", r"\2\1", markup)


def collapse_punctuation(markup: str) -> str:
    """A period after a question or exclamation mark, or a second period, is dropped:
    `Group?.` → `Group?`."""
    return re.sub(r"([?!.])\.(?=\s|$|<)", r"\1", markup)
