"""Text every output may carry: no control or bidi-override characters; URLs only http(s).

One list of the characters no output format can carry, one cleaner and one URL check,
shared by the normalised item, the BibTeX export and the pages.
"""

from __future__ import annotations

import re
import unicodedata

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
