"""Fixes as pre-processing of the CSL-JSON items and post-processing of rendered HTML."""

from __future__ import annotations

import re
from typing import Any

from citeproc.string import String

from ..markup import DECORATION_END, escape
from .flipflop import NODECOR
from .names import parse_particles

# an opening quote before a space, or a closing one after it, quotes nothing: it stays straight
_DOUBLE_QUOTES = re.compile(r'"(?=\S)([^"]*?\S)"')
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
                '<span style="font-variant:small-caps;">', "</span>", NODECOR,
                "&#60;", "&#62;")  # the last two: "<" and ">" of numbers, escaped
_PLACEHOLDER = {tag: chr(0xE010 + i) for i, tag in enumerate(_OUTPUT_TAGS)}
_FROM_PLACEHOLDER = {chr(0xE010 + i): tag for i, tag in enumerate(_OUTPUT_TAGS)}
_INPUT_TAGS = {"<i>": "<i>", "</i>": "</i>", "<b>": "<b>", "</b>": "</b>", "<sup>": "<sup>",
               "</sup>": "</sup>", "<sub>": "<sub>", "</sub>": "</sub>",
               "<sc>": _OUTPUT_TAGS[8], "</sc>": "</span>",
               '<span style="font-variant:small-caps;">': _OUTPUT_TAGS[8], NODECOR: NODECOR}
_TAG = re.compile(r"(<[^<>]*>)")
_NOCASE_OPEN = '<span class="nocase">'
_PLACEHOLDERS = re.compile("[\ue010-\ue01f]")


_GUILLEMET_OPEN, _GUILLEMET_CLOSE = re.compile("«[ \u00a0]"), re.compile("[ \u00a0]»")
_TAG_MASK = "\ue00f"  # stands for a tag while quotes are paired across it
_STRAIGHT_QUOTES = re.compile("['\"«»]")
_MARKUP_CHARS = re.compile("[<>&]")


def typographic_quotes(text: str) -> str:
    """Straight apostrophes and quotes as citeproc-js prints them: ’ and “…”; a pair of
    single quotes around words is quoting too ('Little' → “Little”). A double quote that
    pairs with none stays straight; any other single quote is an apostrophe (l’’’).
    Quotes pair across inline tags: "<i>Title</i>" → “<i>Title</i>”."""
    if not _STRAIGHT_QUOTES.search(text):
        return text  # most values: nothing to pair or turn
    pieces = _TAG.split(text)
    masked = _TAG_MASK.join(pieces[0::2])
    masked = _DOUBLE_QUOTES.sub("“\\1”", masked)
    masked = _SINGLE_QUOTES.sub("“\\1”", masked).replace("'", "’")
    # French guillemets keep their text at a narrow no-break space, as citeproc-js prints them
    masked = _GUILLEMET_OPEN.sub("«\u202f", _GUILLEMET_CLOSE.sub("\u202f»", masked))
    texts = masked.split(_TAG_MASK)
    return "".join(piece for pair in zip(texts, [*pieces[1::2], ""], strict=True)
                   for piece in pair)


def _rich_text(text: str, quotes: bool, numeric: bool, final: bool) -> str:
    """`text` with its inline tags as placeholders (or, `final`, as output markup), nocase
    spans kept for citeproc-py's parser (dropped when `final`), the rest escaped (a closing
    tag that closes nothing, too)."""
    if numeric:  # citeproc-js reads no markup in numbers: "1<sup>er</sup>" stays text
        # as placeholders: citeproc-py splits numbers at the "&" of "&#60;"
        return (typographic_quotes(text) if quotes else text).replace(
            "<", _PLACEHOLDER["&#60;"]).replace(">", _PLACEHOLDER["&#62;"])
    if quotes:
        text = typographic_quotes(text)
    if not _MARKUP_CHARS.search(text):
        return text  # no tag and nothing to escape
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
            out.append(escape(piece))
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


_TAGS = f"(?:</[a-z]+>|{DECORATION_END})*"
# A closing double quote, perhaps right after a closing single (inner) quote.
_CLOSING = re.compile(rf"{_TAGS}(’{_TAGS})?”{_TAGS}")
_APOSTROPHE_OR_CLOSE = re.compile(r"’(?!\w)")


def _closes_inner_quote(markup: str, end: int) -> bool:
    """Whether a ’ ending at `end` closes a ‘ opened inside the same double quotes (rather
    than being an apostrophe, as in “The Doctors’”)."""
    inside = markup[markup.rfind("“", 0, end) + 1:end - 1]
    return inside.count("‘") > len(_APOSTROPHE_OR_CLOSE.findall(inside))


# what punctuation-in-quote moves inside; a colon or semicolon stays out, and what follows it
_MOVABLE = re.compile(r"[.,!?]*")


def move_punctuation_into_quotes(markup: str) -> str:
    """en-US `punctuation-in-quote`: `“Title”.` → `“Title.”`; `“Why?”.` → `“Why?”`; with
    an inner quote at the end, past both: `“a ‘b’”,` → `“a ‘b,’”`, as citeproc-js does."""
    out = []
    position = 0
    for match in _CLOSING.finditer(markup):
        following = _MOVABLE.match(markup, match.end())[0]  # type: ignore[index]
        if not following or match.start() < position:
            continue
        start = match.start()
        if match[1] and not _closes_inner_quote(markup, match.start(1) + 1):
            start = match.end(1)  # an apostrophe: the punctuation goes after it
        out += [markup[position:start], following, markup[start:match.end()]]
        position = match.end() + len(following)
    out.append(markup[position:])
    return collapse_punctuation("".join(out))  # “Why?.” → “Why?”


# citeproc-js's merge of punctuation ending one piece (key) with punctuation starting the
# next: both stay, one goes, or the second replaces the first (":" then "!": "!"); the same
# mark twice is printed once.
_MERGED = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
# two marks with only closing tags or closing quotes between them, the second not starting
# a word ("?.b" in a path stays) nor an ellipsis ("...")
_PUNCTUATION_PAIR = re.compile(r"([.!?,;:])((?:</[a-z]+>|[”’»])*)([.!?,;:])(?![\w.])")
_BEFORE_MARK = re.compile(r"(?:[.!?,;:]|&#?\w+)$")  # an ellipsis, or an entity's own ";"


def collapse_punctuation(markup: str) -> str:
    """Adjacent punctuation merged as citeproc-js merges it (`Group?.` → `Group?`,
    `etc.;` → `etc.;`, `:!` → `!`), through closing tags and quotes (`<i>ref.</i>.` →
    `<i>ref.</i>`); an ellipsis is left alone."""
    position = 0
    while match := _PUNCTUATION_PAIR.search(markup, position):
        left, between, right = match.groups()
        if _BEFORE_MARK.search(markup, 0, match.start()):
            position = match.start() + 1
            continue
        merged = right if left == right else _MERGED[left][right]
        if merged == left + right:
            position = match.start() + 1
            continue
        kept = (left + between) if merged == left else (between + right)
        markup = markup[:match.start()] + kept + markup[match.end():]
        position = match.start()
    return markup


class RichTextValue:
    """on Text: a `value` is rich text as an item's field is (citeproc-js): its inline tags
    are markup, its straight quotes typographic (`value="'friend'"` → “friend”)."""

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text, language = super().process(item, context, **kwargs)  # type: ignore[misc]
        if not {"variable", "macro", "term"} & set(self.attrib) and "value" in self.attrib:
            text = String(escape_value(self.get("value")))
        return text, language
