"""Brace depth in BibTeX text: the one scan that every brace question is answered from.

`brace_depths` walks the braces once (a regex finds them; the text between is skipped
at C speed). Two readings of a stray `}` exist, and callers pick theirs:

* counting (`clamp=False`): depth goes below 0, as a parser counting delimiters sees
  it (balance checks, where a value or a quoted string ends);
* BibTeX's text rules (`clamp=True`): a `}` at depth 0 is plain text, as BibTeX treats
  it when splitting names or deciding case protection.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BRACE = re.compile(r"[{}]")


def brace_depths(text: str, start: int = 0, *, clamp: bool = False) -> Iterator[tuple[int, int]]:
    """(index, depth just after it) for each brace in `text` from `start`."""
    depth = 0
    for match in _BRACE.finditer(text, start):
        index = match.start()
        if text[index] == "{":
            depth += 1
        elif depth > 0 or not clamp:
            depth -= 1
        else:
            continue
        yield index, depth


def segments(text: str, start: int = 0) -> Iterator[tuple[int, int, int]]:
    """(start, end, depth) of each run of text between braces, from `start` (counting)."""
    depth = 0
    for index, after in brace_depths(text, start):
        yield start, index, depth
        start, depth = index + 1, after
    yield start, len(text), depth


_INNERMOST_GROUP = re.compile(r"\{[^{}]*\}")


def balanced(text: str) -> bool:
    """True when braces in `text` never close below depth 0 and all close."""
    if "{" not in text and "}" not in text:
        return True
    if text.count("{") != text.count("}"):
        return False
    # Balanced text loses all its braces when innermost groups are removed, and removing
    # them keeps any text's answer. A pass per level at C speed settles real values (most
    # values of a file are asked this); deeper nesting gets the linear scan.
    for _ in range(4):
        text, removed = _INNERMOST_GROUP.subn("", text)
        if not removed:
            return "{" not in text  # the counts stay equal: any brace left is unmatched
    return all(depth >= 0 for _, depth in brace_depths(text))


def matching_brace(text: str, start: int) -> int | None:
    """The index of the `}` that closes the `{` at `text[start]`, or None."""
    return next((index for index, depth in brace_depths(text, start) if depth == 0), None)


def find_outside_braces(text: str, char: str, start: int = 0) -> int:
    """The index of the first `char` at depth 0 from `start` (counting), or -1."""
    for run_start, run_end, depth in segments(text, start):
        if depth == 0:
            found = text.find(char, run_start, run_end)
            if found >= 0:
                return found
    return -1


def count_at_depth(text: str, char: str, depth: int) -> int:
    """How often `char` occurs at brace depth `depth` (counting)."""
    return sum(text.count(char, a, b) for a, b, at in segments(text) if at == depth)


def max_depth(text: str) -> int:
    """The deepest nesting in `text`."""
    return max((depth for _, depth in brace_depths(text)), default=0)


def mask_groups(text: str, fill: str = "_") -> str:
    """`text` with each top-level brace group overwritten by `fill` (same length): what
    is left is the text BibTeX sees at depth 0, where `and`, commas and case rules apply.
    An unclosed group runs to the end and a stray `}` stays, as BibTeX reads them."""
    if "{" not in text:
        return text
    pieces: list[str] = []
    depth = last = 0
    for index, depth in brace_depths(text, clamp=True):
        if depth == 1 and text[index] == "{":
            pieces.append(text[last:index])
            last = index
        elif depth == 0:
            pieces.append(fill * (index + 1 - last))
            last = index + 1
    pieces.append(fill * (len(text) - last) if depth else text[last:])
    return "".join(pieces)


def top_level_groups(text: str) -> Iterator[tuple[int, int | None]]:
    """(index of `{`, index of its `}` or None when unclosed) of each top-level group,
    BibTeX's way (a stray `}` is text)."""
    opening: int | None = None
    for index, depth in brace_depths(text, clamp=True):
        if depth == 1 and text[index] == "{":
            opening = index
        elif depth == 0 and opening is not None:
            yield opening, index
            opening = None
    if opening is not None:
        yield opening, None
