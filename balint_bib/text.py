"""Text in and out of every format: what no output may carry, safe URLs, escaping per
output format, and the accent fold that comparison keys share.

The normalised item, the exporters, the CSL entry conversion (`csl.markup`), the document
writers, validation and Crossref matching all go through these, so a character is treated
alike wherever it appears.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

# C0/C1 controls (tab, newline and carriage return become spaces), noncharacters and
# the bidi embeddings, overrides and isolates, which can reorder the text around them.
# The plain marks U+200E/U+200F are legitimate in right-to-left text and are kept.
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)
_SAFE_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+\Z", re.I)


def strip_unsafe(text: str) -> str:
    """`text` without the characters no output may carry; spacing left as it is."""
    return UNSAFE_CHARACTERS.sub("", text)


def clean(text: str | None) -> str:
    """Text any format can carry: NFC, no control or bidi-override characters, spaces folded."""
    if not text:
        return ""
    # split() and the \s of re agree on what whitespace is; split/join is the faster fold.
    return " ".join(strip_unsafe(unicodedata.normalize("NFC", text)).split())


def safe_url(url: str | None) -> str:
    """`url` if it is an absolute http(s) URL with nothing that could break out; else ''."""
    url = clean(url)
    return url if _SAFE_URL.match(url) else ""


# --- escaping per output format ----------------------------------------------------------

# Enough that no emphasis, code, link, HTML, heading or table can form inside a line:
# formatted entries and the `format` command's documents.
MARKDOWN_INLINE = "\\`*_[]<>#|"
# Every character with a meaning somewhere in CommonMark or pandoc's Markdown: the
# course pages, whose text is written by hand in syllabus files.
MARKDOWN_ALL = "\\`*_{}[]()<>#+!|~"

_LIST_NUMBER = re.compile(r"^(\d+)\.")


def escape_html(text: str) -> str:
    """Text as HTML text or a quoted attribute value (`&`, `<`, `>`, `"` and `'`)."""
    return html.escape(text, quote=True)


@lru_cache(maxsize=8)
def _markdown_special(characters: str) -> re.Pattern[str]:
    return re.compile(f"([{re.escape(characters)}])")


def escape_markdown(text: str, characters: str = MARKDOWN_INLINE, *,
                    paragraph: bool = False) -> str:
    """Text as Markdown that shows as that text: each of `characters` backslash-escaped.

    With `paragraph` the text starts a block of its own, so a leading "1." is escaped too
    (it would begin a numbered list).
    """
    escaped = _markdown_special(characters).sub(r"\\\1", text)
    return _LIST_NUMBER.sub(r"\1\\.", escaped) if paragraph else escaped


def _rtf_units(code: int) -> tuple[int, ...]:
    if code > 0xFFFF:  # RTF \u takes signed 16-bit units: write a surrogate pair
        code -= 0x10000
        return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
    return (code,)


def escape_rtf(text: str) -> str:
    """Text as RTF: `\\`, `{` and `}` escaped, non-ASCII as \\uN? and newlines as \\line."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) > 127:
            out.extend(f"\\u{u - 65536 if u > 32767 else u}?" for u in _rtf_units(ord(char)))
        elif char == "\n":
            out.append("\\line ")
        else:
            out.append(char)
    return "".join(out)


# --- folding for comparison -------------------------------------------------------------

def strip_marks(text: str) -> str:
    """`text` compatibility-decomposed (NFKD) without its combining marks: "Müller" and
    "Mu\u0308ller" both become "Muller", "ﬁ" becomes "fi". Letters without a
    decomposition (ß, ø, ł) stay as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    # Each distinct character asked once, not each character of the text.
    marks = {ord(char): None for char in set(decomposed) if unicodedata.combining(char)}
    return decomposed.translate(marks) if marks else decomposed
