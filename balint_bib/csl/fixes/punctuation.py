"""Where punctuation meeting at a seam is merged, as citeproc-js decides it.

citeproc-js merges the punctuation that starts a suffix or delimiter with the punctuation
ending what comes before it ("Doctor?" then ". " → "Doctor? "), also through the closing
tags of formatting nested deeper ("<i>Doctor?</i>" in a group whose own delimiter is not
the one that follows), but not with the text of an element that carries the formatting
itself: the delimiter after an italic child keeps its period ("<i>Doctor?</i>. ", AMA).
An element's own suffix still loses a period after its own formatting
(rendering.SuffixPunctuation: "(<i>ed.</i>)").

The merge is done on the rendered markup (text.collapse_punctuation); a formatted
element's output ends in DECORATION_END, a character that stops the merge, and the element
that contains it (a group, a macro call, the layout) drops the mark from the end of its
own output, where a suffix or delimiter from further up may merge again.
"""

from __future__ import annotations

from typing import Any

from citeproc.string import MixedString, String

from ..markup import DECORATION_END


def strip_decoration_end(text: Any) -> Any:
    """`text` without DECORATION_END at its end."""
    if isinstance(text, MixedString):
        segments = list(text)
        while segments and str(segments[-1]).endswith(DECORATION_END):
            last = type(segments[-1])(str(segments[-1]).rstrip(DECORATION_END))
            segments[-1:] = [last] if str(last) else []
        return MixedString(segments) if segments else String("")
    if isinstance(text, str) and text.endswith(DECORATION_END):
        return type(text)(text.rstrip(DECORATION_END))
    return text


class MarkDecorationEnd:
    """on Formatted: formatting applied by the element itself ends in DECORATION_END."""

    def format(self: Any, string: Any) -> Any:
        formatted = super().format(string)  # type: ignore[misc]
        if formatted is None or formatted is string or not str(formatted):
            return formatted
        return formatted + String(DECORATION_END)


class GroupDecorationEnd:
    """on Group: the mark of the group's last child is dropped: the group's suffix (or the
    delimiter of the group containing it) merges with what the child ends in."""

    def process(self: Any, *args: Any, **kwargs: Any) -> Any:
        return strip_decoration_end(super().process(*args, **kwargs))  # type: ignore[misc]


class MacroDecorationEnd:
    """on Text: as for a group, for the output of a called macro."""

    def process(self: Any, *args: Any, **kwargs: Any) -> Any:
        text, language = super().process(*args, **kwargs)  # type: ignore[misc]
        if "macro" in self.attrib:
            text = strip_decoration_end(text)
        return text, language


class LayoutDecorationEnd:
    """on Layout: as for a group, for a cite or entry (before the layout's suffix)."""

    def render_children(self: Any, *args: Any, **kwargs: Any) -> Any:
        return strip_decoration_end(super().render_children(*args, **kwargs))  # type: ignore[misc]
