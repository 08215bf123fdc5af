"""Text for a terminal: characters that reorder or hide what is shown (bidi controls,
zero-width and other format characters, controls) are printed as visible escapes."""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every invisible or reordering character as `\\uXXXX`; tabs stay."""
    return _INVISIBLE.sub(_escape, text)
