"""The engine's one internal markup, and its conversion to each output format.

citeproc-py renders through a formatter; ours writes the same HTML as citeproc-js (`<i>`,
`<b>`, `&#38;`), so fixes can work on one representation and HTML needs no conversion.
Text, Markdown and RTF are converted from it.
"""

from __future__ import annotations

import html
import re
import unicodedata

from ..text import escape_markdown, escape_rtf

OUTPUTS = ("text", "html", "markdown", "rtf")

# Stops punctuation merging after an element's own formatting (fixes/punctuation.py); taken
# out with the post-processing.
DECORATION_END = "\ue00e"

_ESCAPES = {"&": "&#38;", "<": "&#60;", ">": "&#62;"}
_ESCAPE = re.compile("[&<>]")


def escape(text: str) -> str:
    """Escape as citeproc-js does in HTML output."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


class _Wrapper(str):
    open_tag = ""
    close_tag = ""

    def __new__(cls, text: str) -> _Wrapper:
        return super().__new__(cls, f"{cls.open_tag}{text}{cls.close_tag}")


class HtmlFormatter:
    """A citeproc-py formatter (a module-like namespace) that writes citeproc-js's HTML."""

    @staticmethod
    def preformat(text: object) -> str:
        return escape(str(text))

    class Italic(_Wrapper):
        open_tag, close_tag = "<i>", "</i>"

    class Oblique(_Wrapper):
        open_tag, close_tag = "<i>", "</i>"

    class Bold(_Wrapper):
        open_tag, close_tag = "<b>", "</b>"

    class Light(_Wrapper):
        open_tag, close_tag = '<span style="font-weight:normal;">', "</span>"

    class Underline(_Wrapper):
        open_tag, close_tag = '<span style="text-decoration:underline;">', "</span>"

    class Superscript(_Wrapper):
        open_tag, close_tag = "<sup>", "</sup>"

    class Subscript(_Wrapper):
        open_tag, close_tag = "<sub>", "</sub>"

    class SmallCaps(_Wrapper):
        open_tag, close_tag = '<span style="font-variant:small-caps;">', "</span>"


def _superscript_base(char: str) -> str | None:
    decomposition = unicodedata.decomposition(char)
    if not decomposition.startswith("<super> "):
        return None
    return "".join(chr(int(code, 16)) for code in decomposition.split()[1:])


# Unicode's superscript characters (decomposition <super>: "ʳ", "ª", "²", "™") and the
# text they raise.
_SUPERSCRIPTS = {chr(c): base for c in range(0xA0, 0x3200)
                 if (base := _superscript_base(chr(c))) is not None}
_SUPERSCRIPT = re.compile("[" + "".join(_SUPERSCRIPTS) + "]")
_RAISED = {base: char for char, base in _SUPERSCRIPTS.items()}
_SUP = re.compile(r"<sup>([^<]+)</sup>")


def superscripts(markup: str) -> str:
    """Superscript characters as `<sup>` elements, as citeproc-js writes them in HTML
    ("1ʳᵉ" -> "1<sup>r</sup><sup>e</sup>")."""
    return _SUPERSCRIPT.sub(lambda m: f"<sup>{_SUPERSCRIPTS[m.group()]}</sup>", markup)


def _raised(markup: str) -> str:
    """In plain text, a `<sup>` of a character that has a superscript form is that
    character again ("1<sup>r</sup><sup>e</sup>" -> "1ʳᵉ")."""
    return _SUP.sub(lambda m: _RAISED.get(m[1], m[0]), markup)


_TAG = re.compile(r"<[^>]+>")


def to_text(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup)).replace(DECORATION_END, "")


_MD_TAGS = {"<i>": "*", "</i>": "*", "<b>": "**", "</b>": "**"}


def to_markdown(markup: str) -> str:
    """Italics and bold as Markdown emphasis; everything else as escaped text."""
    out = []
    for piece in re.split(r"(<[^>]+>)", markup):
        if piece.startswith("<"):
            out.append(_MD_TAGS.get(piece, ""))
        elif piece:
            out.append(escape_markdown(html.unescape(piece)))
    return "".join(out)


_RTF_TAGS = {
    "<i>": r"{\i ", "</i>": "}", "<b>": r"{\b ", "</b>": "}", "<sup>": r"{\super ",
    "</sup>": "}", "<sub>": r"{\sub ", "</sub>": "}",
    '<span style="font-variant:small-caps;">': r"{\scaps ",
    '<span style="text-decoration:underline;">': r"{\ul ",
    '<span style="font-weight:normal;">': r"{\b0 ", "<tab/>": r"\tab ",
}  # fmt: skip


def to_rtf(markup: str) -> str:
    """An RTF fragment: formatting as RTF groups, non-ASCII as \\uN? escapes."""
    out = []
    for piece in re.split(r"(<[^>]+>)", markup):
        if piece.startswith("<"):
            if piece in _RTF_TAGS:
                out.append(_RTF_TAGS[piece])
            elif piece.startswith("</"):
                out.append("}" if piece == "</span>" else "")
            else:
                out.append(_RTF_TAGS.get(piece, "{"))
        elif piece:
            out.append(escape_rtf(html.unescape(piece)))
    return "".join(out)


_ALIGNED = re.compile(r'^<div class="csl-left-margin">(.*?)</div>'
                      r'<div class="csl-right-inline">(.*)</div>$', re.DOTALL)


def convert(markup: str, output: str) -> str:
    if output == "html":
        return markup
    aligned = _ALIGNED.match(markup)
    if aligned:  # second-field-align: the number, then the entry (a tab in RTF)
        separator = "<tab/>" if output == "rtf" else " "
        markup = aligned.group(1) + separator + aligned.group(2)
    if output == "text":
        return to_text(_raised(markup))
    if output == "markdown":
        return to_markdown(markup)
    if output == "rtf":
        return to_rtf(markup)
    raise ValueError(output)
