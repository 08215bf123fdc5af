"""LaTeX → Unicode for display.

Decoding is the slowest step of reading a .bib file, so it is lazy (done when a
value is asked for) and cached, plain values skip the LaTeX parser, and values that use
only accents, letter macros, escapes, braces, dashes and quotes are decoded by a small
tokenizer that gives exactly what pylatexenc gives (tests/bibtex/test_latex_fast.py compares
them); anything else goes to pylatexenc.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .braces import max_depth, top_level_groups
from .macros import argument_kind, is_font_switch, latex_to_text

_NEEDS_DECODING = re.compile(r"[\\{}$~%&]|--|``|''")
_HREF_TARGET = re.compile(r"\\href\{[^{}]*\}")  # `\href{url}{text}` shows the text
_SPACES = re.compile(r"\s+")

# pylatexenc recurses per brace level; real values never nest this deep.
MAX_NESTING = 64


# Accents as combining marks (NFC composes them afterwards), letter macros, escapes.
_ACCENTS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "v": "\u030c", "c": "\u0327", "H": "\u030b",
            "u": "\u0306", "k": "\u0328", "d": "\u0323", "r": "\u030a"}
_LETTERS = {"o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ",
            "OE": "Œ", "aa": "å", "AA": "Å", "ss": "ß", "i": "ı", "j": "ȷ"}
_PUNCTUATION = {"---": "—", "--": "–", "~": "\xa0", "``": "“", "''": "”", "!`": "¡", "?`": "¿",
                "{": "", "}": ""}
# A control word eats the spaces and one line end after it, not a blank line.
_SPACE = r"[ \t]*(?:\n[ \t]*)?"
_FAST_TOKEN = re.compile(rf"""
    \\(?P<symbol>["'`^~=.]){_SPACE}
        (?: (?P<base>[A-Za-z])
          | \{{{_SPACE}(?P<braced>[A-Za-z]){_SPACE}\}}
          | \{{{_SPACE}\\(?P<dotless>[ij]){_SPACE}\}}
          | \\(?P<bare_dotless>[ij])(?![^\W\d_]){_SPACE} )
  | \\(?P<word>[vcHukdr]){_SPACE}\{{{_SPACE}
        (?: (?P<word_base>[A-Za-z]) | \\(?P<word_dotless>[ij]) ){_SPACE}\}}
  | \\(?P<letter>ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![^\W\d_]){_SPACE}
  | \\(?P<escaped>[&%$\#_{{}}])
  | (?P<punctuation>---|--|~|``|''|!`|\?`|[{{}}])
  | (?P<other>[\\$%&])
""", re.VERBOSE)


def _fast_latex_to_text(value: str) -> str | None:
    """The common subset of LaTeX decoded without a parser, or None for anything else."""
    if "\r" in value:
        return None
    parts: list[str] = []
    position = 0
    for match in _FAST_TOKEN.finditer(value):
        parts.append(value[position:match.start()])
        position = match.end()
        group = match.lastgroup
        if group in ("other", None):
            return None
        if match["symbol"] or match["word"]:
            mark = _ACCENTS[match["symbol"] or match["word"]]
            base = (match["base"] or match["braced"] or match["dotless"] or match["bare_dotless"]
                    or match["word_base"] or match["word_dotless"])
            parts.append(base + mark)
        elif match["letter"]:
            parts.append(_LETTERS[match["letter"]])
        elif match["escaped"]:
            parts.append(match["escaped"])
        else:
            parts.append(_PUNCTUATION[match["punctuation"]])
    parts.append(value[position:])
    return "".join(parts)


def _latex_to_text(value: str) -> str:
    fast = _fast_latex_to_text(value)
    if fast is not None:
        return fast
    value = _HREF_TARGET.sub("", value)
    if max_depth(value) > MAX_NESTING:
        value = value.replace("{", "").replace("}", "")
    try:
        return latex_to_text(value)
    except (RecursionError, ValueError, IndexError):  # keep the text, lose the markup
        return value.replace("{", "").replace("}", "")


@lru_cache(maxsize=65536)
def to_unicode(value: str) -> str:
    """Decode a BibTeX field value to NFC Unicode text, braces removed, spaces folded."""
    if _NEEDS_DECODING.search(value):
        value = _latex_to_text(value)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", value).strip())


_TRAILING_COMMAND = re.compile(r"\\([A-Za-z]+)\s*\Z")


def split_case_protected(value: str) -> list[tuple[str, bool]]:
    """Split a LaTeX value into (text, protected) runs, decoded to Unicode.

    A brace group at depth 1 that does not start with a control sequence is
    BibTeX's case protection (`{AIDS}`); `{\\"o}` is an accent, not protection.
    """
    runs: list[tuple[str, bool]] = []
    start = 0
    for opening, closing in top_level_groups(value):
        if closing is None or value.startswith("\\", opening + 1):
            continue  # unclosed, or an accent such as {\"o}
        before = value[start:opening]
        command = _TRAILING_COMMAND.search(before)
        argument = argument_kind(command.group(1)) if command else None
        empty = not value[opening + 1 : closing].strip("{} \t\n")
        if empty:
            argument = None  # `\\VAX{}`: an empty group ends the command, which stays
        if argument is not None:  # `\mbox{G-Animal's}`: the group is the command's argument
            before = before[: command.start()] if command else before
        elif command and not empty and is_font_switch(command.group(1)):
            before = before[: command.start()]  # `\ssf{x}`: the switch prints nothing
        if before:
            runs.append((before, False))
        if argument != "discard":
            runs.append((value[opening + 1 : closing], True))
        start = closing + 1
    if start < len(value):
        runs.append((value[start:], False))
    decoded = [(_decode_run(text), protected) for text, protected in runs]
    return [(text, protected) for text, protected in decoded if text]


def _decode_run(text: str) -> str:
    if not _NEEDS_DECODING.search(text):
        return unicodedata.normalize("NFC", _SPACES.sub(" ", text))
    decoded = _latex_to_text(text)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", decoded))


_WHOLE_URL_MACRO = re.compile(r"^\\(?:url|href)\{(.*)\}$")
_ESCAPED = re.compile(r"\\([_%&#$~])")


def verbatim(value: str | None) -> str | None:
    """A URL or identifier as written: not LaTeX (`&` and `~` are literal), escapes undone."""
    if value is None:
        return None
    value = value.strip()
    match = _WHOLE_URL_MACRO.match(value)
    if match:
        value = match.group(1)
    return _ESCAPED.sub(r"\1", value).replace("{", "").replace("}", "").strip() or None
