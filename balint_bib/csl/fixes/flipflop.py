"""citeproc-js's "flip-flop": formatting inside the same formatting turns it off.

An italic title inside an italic container is set roman (`<span style="font-style:normal;">`),
bold inside bold is normal weight, small caps inside small caps normal; inside that, the next
level turns it on again. `<span class="nodecor">` in rich text (case names: "Lessard v.
Schmidt") turns off whatever decoration is in force around it.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc.string import String

_TOKEN = re.compile(r"(<[^<>]+>)")
# opening tag -> (the decoration it sets, the tag that turns it off)
_ON = {"<i>": ("italic", '<span style="font-style:normal;">', "</i>"),
       "<b>": ("bold", '<span style="font-weight:normal;">', "</b>"),
       '<span style="font-variant:small-caps;">':
           ("small-caps", '<span style="font-variant:normal;">', "</span>")}
_OFF = {'<span style="font-style:normal;">': "italic",
        '<span style="font-weight:normal;">': "bold",
        '<span style="font-variant:normal;">': "small-caps"}
_NORMAL = {"italic": "font-style:normal;", "bold": "font-weight:normal;",
           "small-caps": "font-variant:normal;"}
NODECOR = '<span class="nodecor">'
# An explicit font-style="normal" (font-weight, font-variant; vertical-align="baseline"):
# the style's own "off", printed only where the decoration is on (ExplicitNormal).
NORMAL_MARK = {"font-style": "italic", "font-weight": "bold", "font-variant": "small-caps",
               "vertical-align": "vertical"}
_NORMAL_TAGS = {f"<normal {attribute}>": kind for attribute, kind in NORMAL_MARK.items()}
_DROPPED = "\x00"  # the closing tag of a mark that printed nothing


def _active(stack: list[tuple[str | None, bool, str]], decoration: str) -> bool:
    for kind, on, _ in reversed(stack):
        if kind == decoration:
            return on
    return False


def flip_flop(markup: str) -> str:
    out = []
    stack: list[tuple[str | None, bool, str]] = []  # (decoration, on, closing tag)
    for piece in _TOKEN.split(markup):
        if piece in _ON:
            decoration, off_tag, closer = _ON[piece]
            if _active(stack, decoration):
                out.append(off_tag)
                stack.append((decoration, False, "</span>"))
            else:
                out.append(piece)
                stack.append((decoration, True, closer))
        elif piece in _OFF:
            out.append(piece)
            stack.append((_OFF[piece], False, "</span>"))
        elif piece in _NORMAL_TAGS:
            kind = _NORMAL_TAGS[piece]
            if _active(stack, kind):
                out.append('<span style="baseline">' if kind == "vertical"
                           else f'<span style="{_NORMAL[kind]}">')
                stack.append((kind, False, "</span>"))
            else:
                stack.append((None, False, _DROPPED))
        elif piece == NODECOR:
            active = [d for d in _NORMAL if _active(stack, d)]
            out.append(f'<span style="{"".join(_NORMAL[d] for d in active)}">' if active
                       else "<span>")
            stack += [(d, False, "") for d in active[:-1]]
            stack.append((active[-1] if active else None, False, "</span>"))
        elif piece.startswith("</") and stack:
            while stack and stack[-1][2] == "":
                stack.pop()  # the extra decorations a nodecor span turned off
            closer = stack.pop()[2]
            out.append("" if closer == _DROPPED else closer)
        elif piece.startswith("<sup") or piece.startswith("<sub"):
            out.append(piece)  # inside, vertical-align="baseline" prints
            stack.append(("vertical", True, "</" + piece[1:4] + ">"))
        elif piece.startswith("<span"):
            out.append(piece)
            stack.append((None, False, "</span>"))
        else:
            out.append(piece)
    return "".join(out)


def swap_quotes(segments: list[str], outer: tuple[str, str],
                inner: tuple[str, str]) -> list[str]:
    """The text segments of a quoted text with their quotes one level down: outer quotes
    become inner ones and inner ones outer, as citeproc-js alternates them at each level
    (“a ‘b’” quoted: “‘a “b”’”). English quotes count as well as the locale's, since
    items' straight quotes are made English ones. A closing quote that closes nothing
    open (’ as an apostrophe) stays as it is."""
    # the English pairs last: an item's “…” is outer quoting even where the locale's
    # inner quotes are “…” (French)
    opening = {outer[0]: (outer[1], inner), inner[0]: (inner[1], outer),
               "“": ("”", inner), "‘": ("’", outer)}
    expected: list[tuple[str, str]] = []  # (closing quote awaited, what it becomes)
    out = []
    for segment in segments:
        chars = []
        for char in segment:
            if expected and char == expected[-1][0]:
                chars.append(expected.pop()[1])
            elif char in opening:
                closing, (new_open, new_close) = opening[char]
                expected.append((closing, new_close))
                chars.append(new_open)
            else:
                chars.append(char)
        out.append("".join(chars))
    return out


class ExplicitNormal:
    """on Formatted: font-style="normal" (and font-weight, font-variant, and
    vertical-align="baseline") turns the decoration off inside text that has it, as
    citeproc-js prints it (`<i><span style="font-style:normal;">…</span></i>`); elsewhere it
    prints nothing."""

    def format(self: Any, string: Any) -> Any:
        text = super().format(string)  # type: ignore[misc]
        if text is None or not str(text):
            return text
        for attribute in NORMAL_MARK:
            value = self.get(attribute)
            if value == "normal" or (attribute == "vertical-align" and value == "baseline"):
                text = String(f"<normal {attribute}>") + text + String("</normal>")
        return text
