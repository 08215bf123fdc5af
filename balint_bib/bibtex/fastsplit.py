"""A fast path for splitting well-formed BibTeX, giving exactly the blocks that
bibtexparser's `Splitter` gives.

bibtexparser's splitter walks the text one delimiter at a time in Python, about
0.8 s for a 10,000-entry file. Here whole fields are matched by regular expressions.
Anything outside the plain, common forms — `(`-delimited blocks, braces nested more
than four deep, braces inside quoted values, escaped backslashes before a delimiter,
a block start at the beginning of a line inside a block, entries without fields,
repeated field names — makes `split` return None, and the caller uses bibtexparser,
which also reports the errors. `tests/bibtex/test_fastsplit.py` checks that both agree (but
for bibtexparser's lines after a backslash at the end of a line, which it does not count).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from bibtexparser import model as bp
from bibtexparser.library import Library

# The same block start as bibtexparser's splitter.
_BLOCK_START = re.compile(r"@[\w]*( |\t)*(?=[{(])")


def _braced(depth: int) -> str:
    inner = r"[^{}\\]++|\\."
    group = r"\{(?:" + inner + r")*+\}"
    for _ in range(depth - 1):
        group = r"\{(?:" + inner + "|" + group + r")*+\}"
    return group


_GROUP = _braced(4)
# Inside quotes bibtexparser does not count braces (`"{SODA}'99"`, `"x}y"`); a quote ends the
# value unless escaped, or written `{"}` (declined, see `split`).
_QUOTED = r'"(?:[^"\\]++|\\.)*+"'
_VALUE = r'(?:[^{}",\\]++|\\.|' + _GROUP + "|" + _QUOTED + ")*+"
# `key = value` up to the comma or closing brace that ends it (not consumed).
_FIELD = re.compile(r'([^{}",=\\]*)=(' + _VALUE + r")(?=[,}])", re.DOTALL)
_ENTRY_KEY = re.compile(r'\{([^{}",=\\]*),', re.DOTALL)
_GAP = re.compile(r"\s*")
# Text up to the `}` that closes a @string, @comment or @preamble block.
_BLOCK_BODY = re.compile(r"\{((?:[^{}\\]++|\\.|" + _GROUP + r")*+)\}", re.DOTALL)
# bibtexparser's look-behind treats `\{` as text but also `\\{`; avoid the difference.
_DOUBLE_ESCAPE = re.compile(r'\\\\[{}",=]')


class _Unsupported(Exception):
    """Not a form this fast path handles; bibtexparser decides."""


def split(text: str) -> Library | None:
    """The blocks of `text` as bibtexparser's Splitter gives them, or None."""
    if _DOUBLE_ESCAPE.search(text) or '{"}' in text:
        return None
    try:
        return _Splitter(text).split()
    except _Unsupported:
        return None


class _Splitter:
    def __init__(self, text: str) -> None:
        self.bibstr = "\n" + text  # as bibtexparser does, so positions and lines agree
        self.newlines = [m.start() for m in re.finditer("\n", self.bibstr)]

    def line(self, index: int) -> int:
        """bibtexparser's line number (0-based) of the character at `index`."""
        return bisect_left(self.newlines, index) - 1

    def at_line_start(self, index: int) -> bool:
        before = self.bibstr[self.bibstr.rfind("\n", 0, index) + 1 : index]
        return not before.strip()

    def split(self) -> Library:
        blocks: list[bp.Block] = []  # added at the end in one call, in this order
        bibstr = self.bibstr
        comment_start, comment_line = 0, -1
        block_end = 0
        for start in _BLOCK_START.finditer(bibstr):
            if start.start() < block_end:
                if self.at_line_start(start.start()):
                    raise _Unsupported  # bibtexparser aborts the block there
                continue
            comment = self.implicit_comment(comment_start, start.start(), comment_line)
            if comment is not None:
                blocks.append(comment)
            block, block_end = self.block(start)
            blocks.append(block)
            comment_start, comment_line = block_end, self.line(block_end - 1)
        comment = self.implicit_comment(comment_start, len(bibstr), comment_line)
        if comment is not None:
            blocks.append(comment)
        library = Library()
        library.add(blocks, fail_on_duplicate_key=False)  # duplicates: as one by one
        return library

    def implicit_comment(self, start: int, end: int, start_line: int) -> bp.Block | None:
        comment = self.bibstr[start:end]
        stripped = comment.lstrip()
        if not stripped.rstrip():
            return None
        leading = comment[: len(comment) - len(stripped)].count("\n")
        text = stripped.rstrip()
        return bp.ImplicitComment(start_line=start_line + leading, raw=text, comment=text)

    def block(self, start: re.Match[str]) -> tuple[bp.Block, int]:
        bibstr = self.bibstr
        opening = start.end()
        if bibstr[opening] != "{":
            raise _Unsupported
        kind = start.group(0).lower()
        line = self.line(start.start())
        if kind.startswith(("@comment", "@preamble", "@string")):
            body = _BLOCK_BODY.match(bibstr, opening)
            if body is None:
                raise _Unsupported
            end = body.end()
            raw = bibstr[start.start() : end]
            if kind.startswith("@comment"):
                return bp.ExplicitComment(start_line=line, comment=body.group(1).strip(),
                                          raw=raw), end
            if kind.startswith("@preamble"):
                return bp.Preamble(start_line=line, value=body.group(1), raw=raw), end
            key, equals, value = body.group(1).partition("=")
            if not equals or any(c in key for c in '{}"'):
                raise _Unsupported
            return bp.String(start_line=line, key=key.strip(), value=value.strip(),
                             raw=raw), end
        return self.entry(start, kind[1:].strip(), line)

    def entry(self, start: re.Match[str], entry_type: str, line: int) -> tuple[bp.Block, int]:
        bibstr = self.bibstr
        head = _ENTRY_KEY.match(bibstr, start.end())
        if head is None:  # an empty key (`@article{,`) is an Entry with key "" there too
            raise _Unsupported
        fields = []
        names = set()
        position = head.end()
        match_field, newlines, make_field = _FIELD.match, self.newlines, bp.Field
        while True:
            field = match_field(bibstr, position)
            if field is None:
                break
            name, value = field.groups()
            name = name.strip()
            if name in names or not name:
                raise _Unsupported
            names.add(name)
            at = bisect_left(newlines, field.end(1)) - 1  # self.line, inlined: per field
            fields.append(make_field(name, value.strip(), at))
            position = field.end()
            if bibstr[position] == "}":
                break
            position += 1  # the comma
        gap = _GAP.match(bibstr, position)
        position = gap.end() if gap else position
        if position >= len(bibstr) or bibstr[position] != "}" or not fields:
            raise _Unsupported
        end = position + 1
        entry = bp.Entry(start_line=line, entry_type=entry_type, key=head.group(1).strip(),
                         fields=fields, raw=bibstr[start.start() : end])
        return entry, end
