"""LaTeX → Unicode for display.

Decoding is the slowest step of reading a .bib file, so it is lazy (done when a
value is asked for) and cached, and plain values skip the LaTeX parser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

_NEEDS_DECODING = re.compile(r"[\\{}$~%&]|--|``|''")
_URL_MACRO = re.compile(r"\\(?:url|href)\{([^{}]*)\}")
_SPACES = re.compile(r"\s+")

_converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
# pylatexenc recurses per brace level; real values never nest this deep.
MAX_NESTING = 64


def _latex_to_text(value: str) -> str:
    value = _URL_MACRO.sub(r"\1", value)
    if _nesting(value) > MAX_NESTING:
        value = value.replace("{", "").replace("}", "")
    try:
        return _converter.latex_to_text(value)
    except (RecursionError, ValueError, IndexError):  # keep the text, lose the markup
        return value.replace("{", "").replace("}", "")


def _nesting(value: str) -> int:
    depth = deepest = 0
    for char in value:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth -= 1
    return deepest


@lru_cache(maxsize=65536)
def to_unicode(value: str) -> str:
    """Decode a BibTeX field value to NFC Unicode text, braces removed, spaces folded."""
    if _NEEDS_DECODING.search(value):
        value = _latex_to_text(value)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", value).strip())


def split_case_protected(value: str) -> list[tuple[str, bool]]:
    """Split a LaTeX value into (text, protected) runs, decoded to Unicode.

    A brace group at depth 1 that does not start with a control sequence is
    BibTeX's case protection (`{AIDS}`); `{\\"o}` is an accent, not protection.
    """
    runs: list[tuple[str, bool]] = []
    depth = 0
    start = 0
    protected_start: int | None = None
    for index, char in enumerate(value):
        if char == "{":
            if depth == 0 and not value.startswith("\\", index + 1):
                if index > start:
                    runs.append((value[start:index], False))
                protected_start = index
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0 and protected_start is not None:
                runs.append((value[protected_start + 1 : index], True))
                protected_start = None
                start = index + 1
    if start < len(value):
        runs.append((value[start:], False))
    decoded = [(_decode_run(text), protected) for text, protected in runs]
    return [(text, protected) for text, protected in decoded if text]


def _decode_run(text: str) -> str:
    if not _NEEDS_DECODING.search(text):
        return unicodedata.normalize("NFC", _SPACES.sub(" ", text))
    decoded = _latex_to_text(text)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", decoded))
