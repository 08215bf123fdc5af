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
# A closing double quote, perhaps right after a closing single (inner) quote.
_CLOSING = re.compile(rf"{_TAGS}(’{_TAGS})?”{_TAGS}")
_APOSTROPHE_OR_CLOSE = re.compile(r"’(?!\w)")


def _closes_inner_quote(markup: str, end: int) -> bool:
    """Whether a ’ ending at `end` closes a ‘ opened inside the same double quotes (rather
    than being an apostrophe, as in “The Doctors’”)."""
    inside = markup[markup.rfind("“", 0, end) + 1:end - 1]
    return inside.count("‘") > len(_APOSTROPHE_OR_CLOSE.findall(inside))


def move_punctuation_into_quotes(markup: str) -> str:
    """en-US `punctuation-in-quote`: `“Title”.` → `“Title.”`; `“Why?”.` → `“Why?”`; with
    an inner quote at the end, past both: `“a ‘b’”,` → `“a ‘b,’”`, as citeproc-js does."""
    out = []
    position = 0
    for match in _CLOSING.finditer(markup):
        following = markup[match.end():match.end() + 1]
        if following not in (".", ",") or match.start() < position:
            continue
        start = match.start()
        if match[1] and not _closes_inner_quote(markup, match.start(1) + 1):
            start = match.end(1)  # an apostrophe: the punctuation goes after it
        before = markup[position:start]
        if following == "." and re.search(r"[?!](?:</[a-z]+>)*$", before):
            following = ""  # “Why?”. → “Why?”
        out += [before, following, markup[start:match.end()]]
        position = match.end() + 1
    out.append(markup[position:])
    return "".join(out)


def collapse_punctuation(markup: str) -> str:
    """A period after a question or exclamation mark, or a second period, is dropped:
    `Group?.` → `Group?`."""
    return re.sub(r"([?!.])\.(?=\s|$|<)", r"\1", markup)
