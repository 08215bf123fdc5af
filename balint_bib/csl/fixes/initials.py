"""Given names initialized as citeproc-js does (CSL `initialize-with`, `initialize`).

citeproc-py turned every capitalised word into its first letter and ignored
`initialize="false"`. CSL and citeproc-js distinguish three kinds of word in a given name:

- an initial: one capital letter, with or without a period ("M", "M."): the letter and the
  `initialize-with` mark;
- an abbreviation: a longer word ending in a period ("Ph.", "ME."): kept as written, the
  period replaced by the mark (`initialize-with=""` prints "Ph");
- a full word ("John"): initialized with `initialize="true"` (the default), to its first
  letter, or to "Ts" for a capitalised run like "TSerendorjiin" (a Mongolian digraph);
  kept whole with `initialize="false"`; a lowercase word (a particle) is always kept.

Periods without a space ("M.E") separate words; a hyphen separates words when a capital
follows it ("Jean-Paul" -> "J.-P.", "Guo-ping" -> "G."). The mark's trailing space goes
between initials, a single space between an initial and a whole word. Inline markup (the
placeholders of fixes/text.py) around a word stays around its initial: "<b>J.</b> Q."; an
initial drops markup that does not enclose its word.
"""

from __future__ import annotations

import re
from typing import Any, cast

_MARKUP = "\ue010-\ue01f"  # fixes/text.py's placeholders for <b>, </b>, ...
_WORD = re.compile(rf"^([{_MARKUP}]*)(.*?)([{_MARKUP}]*)$", re.DOTALL)
_PERIOD_BEFORE_WORD = re.compile(r"\.(?=[^\s.\-])")
_SEPARATOR = re.compile(r"(\s*-(?=[^a-z])\s*|\s+)")  # "-x" (lowercase) stays in its word


def _classify(core: str, initialize: bool) -> tuple[str, str]:
    """(kind, text): "initial" (text is what stands before the mark) or "word"."""
    if len(core) > 1 and core.endswith("."):
        return "initial", core[:-1]
    bare = core.rstrip(".")
    if len(bare) == 1 and bare.isupper():
        return "initial", bare
    if initialize and bare[:1].isupper():
        run = ""
        for char in bare[1:]:
            if not char.isupper():
                break
            run += char
        # a capitalised run shorter than the word is a digraph ("TSerendorjiin" -> "Ts")
        return "initial", bare[0] + (run.lower() if len(run) < len(bare) - 1 else "")
    return "word", core


def initialize_given(given: str, mark: str, initialize: bool = True,
                     hyphen: bool = True) -> str:
    """`given` with its initials (and, with `initialize`, its words) marked by `mark`."""
    if not hyphen:
        given = given.replace("-", " ")
    given = _PERIOD_BEFORE_WORD.sub(". ", given.strip())
    pieces = _SEPARATOR.split(given)
    words, separators = pieces[0::2], ["-" if "-" in s else " " for s in pieces[1::2]]
    mark_text, mark_space = mark.rstrip(), mark[len(mark.rstrip()):]
    kinds = []
    out = []
    for word in words:
        match = _WORD.match(word)
        assert match is not None  # the pattern matches any string
        lead, core, trail = match.groups()
        kind, text = _classify(core, initialize) if core else ("word", core)
        kinds.append(kind)
        if len(lead) != len(trail):  # markup that does not enclose the word: dropped
            lead = trail = ""
        out.append(lead + text + mark_text + trail if kind == "initial" else word)
    result = ""
    for i, text in enumerate(out):
        result += text
        if i < len(separators):
            if separators[i] == "-":
                result += "-"
            elif kinds[i] == "initial" and kinds[i + 1] == "initial":
                result += mark_space
            else:
                result += " "
    return re.sub(r"[ \t]+", " ", result).rstrip()


class Initials:
    """on Name: given names initialized by the rules above."""

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        initialize = inherited_option(self, "initialize", "true") != "false"
        hyphen = bool(self.get_option("initialize-with-hyphen", context))
        return initialize_given(given, mark, initialize, hyphen)


def inherited_option(element: Any, name: str, default: str) -> str:
    """A name option from the element or its ancestors (<names>, citation or bibliography,
    the style)."""
    node = element
    while node is not None:
        value = node.get(name)
        if value is not None:
            return cast(str, value)
        node = node.getparent()
    return default
