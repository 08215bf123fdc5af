"""Fixes as pre-processing of the CSL-JSON items and post-processing of rendered HTML."""

from __future__ import annotations

import re
from typing import Any

from ..markup import escape
from .flipflop import NODECOR
from .names import parse_particles

_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")
_DOUBLE_QUOTES = re.compile(r'"([^"]*)"')
_SINGLE_QUOTES = re.compile(r"(?<![\w'])'(?=[^\s'])([^']*?[^\s'])'(?![\w'])")
# Fields rendered as they are: no typographic quotes.
_VERBATIM = {"id", "type", "URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"}
# Fields citeproc-py splits at "&" (page ranges, numbers): "&" is escaped after the split.
_NUMERIC = {"page", "page-first", "locator", "number", "volume", "issue", "edition",
            "number-of-pages", "number-of-volumes", "chapter-number", "collection-number"}

# CSL-JSON's inline rich text (<i>, <b>, <sup>, <sub>, <sc> and the nocase span) and the
# markup citeproc-js writes for each. Through citeproc-py each tag travels as one
# private-use character, which case changes and the sort keys leave alone.
_OUTPUT_TAGS = ("<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>",
                '<span style="font-variant:small-caps;">', "</span>", NODECOR)
_PLACEHOLDER = {tag: chr(0xE010 + i) for i, tag in enumerate(_OUTPUT_TAGS)}
_FROM_PLACEHOLDER = {chr(0xE010 + i): tag for i, tag in enumerate(_OUTPUT_TAGS)}
_INPUT_TAGS = {"<i>": "<i>", "</i>": "</i>", "<b>": "<b>", "</b>": "</b>", "<sup>": "<sup>",
               "</sup>": "</sup>", "<sub>": "<sub>", "</sub>": "</sub>",
               "<sc>": _OUTPUT_TAGS[8], "</sc>": "</span>",
               '<span style="font-variant:small-caps;">': _OUTPUT_TAGS[8], NODECOR: NODECOR}
_TAG = re.compile(r"(<[^<>]*>)")
_NOCASE_OPEN = '<span class="nocase">'
_PLACEHOLDERS = re.compile("[\ue010-\ue01f]")


def typographic_quotes(text: str) -> str:
    """Straight apostrophes and quotes as citeproc-js prints them: ’ and “…”; a pair of
    single quotes around words is quoting too ('Little' → “Little”)."""
    text = _DOUBLE_QUOTES.sub("“\\1”", text)
    text = _SINGLE_QUOTES.sub("“\\1”", text)
    return _APOSTROPHE.sub("’", text)


def _rich_text(text: str, quotes: bool, numeric: bool, final: bool) -> str:
    """`text` with its inline tags as placeholders (or, `final`, as output markup), nocase
    spans kept for citeproc-py's parser (dropped when `final`), the rest escaped (a closing
    tag that closes nothing, too)."""
    if numeric:  # citeproc-js reads no markup in numbers: "1<sup>er</sup>" stays text
        return (typographic_quotes(text) if quotes else text).replace(
            "<", "&#60;").replace(">", "&#62;")
    out: list[str] = []
    spans: list[str] = []  # what each open <span> closes with
    opened: list[str] = []  # the inline tags open, to tell a stray closing tag
    for piece in _TAG.split(text):
        lowered = piece.lower()
        if lowered == _NOCASE_OPEN:
            spans.append("" if final else "</span>")
            out.append("" if final else _NOCASE_OPEN)
        elif lowered == "</span>" and spans:
            out.append(spans.pop())
        elif lowered in _INPUT_TAGS and (not lowered.startswith("</") or lowered in opened):
            tag = _INPUT_TAGS[lowered]
            if lowered.startswith("<span"):
                spans.append("</span>" if final else _PLACEHOLDER["</span>"])
            elif lowered.startswith("</"):
                opened.remove(lowered)
            else:
                opened.append("</" + lowered[1:])
            out.append(tag if final else _PLACEHOLDER[tag])
        elif piece:
            out.append(escape(typographic_quotes(piece) if quotes else piece))
    return "".join(out)


def escape_value(text: str, quotes: bool = True, numeric: bool = False) -> str:
    """A CSL-JSON string for citeproc-py: `&`, `<`, `>` escaped for the HTML formatter
    (citeproc-py inserts variables unescaped) except in numeric fields, where citeproc-py
    splits at "&" and escapes it; with `quotes`, quotes made typographic; inline tags as
    placeholders (`restore_markup` turns them into citeproc-js's markup)."""
    return _rich_text(text, quotes, numeric, final=False)


def inline_markup(text: str) -> str:
    """Text with inline rich-text tags (a cite's prefix or suffix) as output HTML."""
    return _rich_text(text, True, False, final=True)


def restore_markup(markup: str) -> str:
    return _PLACEHOLDERS.sub(lambda m: _FROM_PLACEHOLDER[m.group()], markup)


def _prepared_name(name: dict[str, Any]) -> dict[str, Any]:
    # isInstitution, comma-suffix, static-ordering...: not text
    return {part: escape_value(value) if isinstance(value, str) else value
            for part, value in parse_particles(name).items()}


def prepare_item(item: dict[str, Any]) -> dict[str, Any]:
    """The item as citeproc-py needs it: typographic quotes, HTML-escaped text."""
    prepared: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in _VERBATIM:
            prepared[key] = escape_value(value, numeric=key in _NUMERIC)
        elif isinstance(value, str) and key != "id":
            prepared[key] = escape_value(value, quotes=False)
        elif isinstance(value, list) and value and isinstance(value[0], dict) \
                and "date-parts" not in value[0]:
            prepared[key] = [_prepared_name(name) if isinstance(name, dict) else name
                             for name in value]
        else:
            prepared[key] = value
    prepared.setdefault("type", "article")  # citeproc-py needs one; CSL-JSON may omit it
    if "citation-label" not in prepared:
        label = trigraph(item)
        if label:
            prepared["citation-label"] = label
    return prepared


_TRIGRAPH = {1: (4,), 2: (2, 2), 3: (2, 1, 1)}  # letters from each name: Aaaa, AaAa, AaAA


def trigraph(item: dict[str, Any]) -> str:
    """citeproc-js's default citation-label: "Doe65", "RoNo78", "AbBC99", "ABCD00"."""
    names: list[Any] = []
    for variable in ("author", "editor", "translator"):
        if isinstance(item.get(variable), list) and item[variable]:
            names = item[variable]
            break
    parts = [str(n.get("family") or n.get("literal") or "") for n in names
             if isinstance(n, dict)][:4]
    letters = _TRIGRAPH.get(len(parts), (1, 1, 1, 1))
    label = "".join(re.sub(r"\W", "", part)[:count] for part, count in zip(parts, letters,
                                                                          strict=False))
    issued = item.get("issued")
    year = ""
    if isinstance(issued, dict) and issued.get("date-parts") and issued["date-parts"][0]:
        year = str(issued["date-parts"][0][0])[-2:]
    return label + year if label else ""


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
