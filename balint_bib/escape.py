"""Plain text made safe to put into each output format: one function per format.

Both the CSL entry conversion (`csl.markup`) and the document writers (`documents/`) escape
through these, so a character is treated alike wherever it appears. The module sits at the
top level because `csl` and `documents` both need it and `documents` already imports `csl`.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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
