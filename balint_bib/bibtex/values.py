"""BibTeX field values as written: delimiters, numbers, `@string` macros and `#`.

Pure functions over the raw text of one value. The reader uses `evaluate`, the
editor uses `scan_value` to find where a value ends without re-parsing the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .braces import balanced, find_outside_braces, matching_brace

# Month macros are predefined by every standard BibTeX style.
MONTH_MACROS: Mapping[str, str] = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}  # fmt: skip
MONTH_NUMBERS: Mapping[str, int] = {
    **{abbr: n for n, abbr in enumerate(MONTH_MACROS, start=1)},
    **{full.lower(): n for n, full in enumerate(MONTH_MACROS.values(), start=1)},
}


class UndefinedMacro(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class ValueSyntaxError(Exception):
    pass


# Macro expansion grows text without bound (`@string{b = a # a}` doubles, a chain of
# macros grows quadratically), so it is capped: per value, and per file through `Budget`.
MAX_VALUE_CHARS = 1_000_000
MAX_FILE_CHARS = 64_000_000


class ExpansionTooLarge(ValueSyntaxError):
    """Expanding @string macros would make text beyond the caps (reported at the value's
    own line: the @string or field that uses the macro)."""


@dataclass(slots=True)
class Budget:
    """The characters macro expansion may still produce in one file."""

    remaining: int = MAX_FILE_CHARS


@dataclass(frozen=True, slots=True)
class Part:
    kind: str  # "braced", "quoted", "number" or "macro"
    text: str  # the content without delimiters


def parse_parts(raw: str) -> list[Part]:
    """Split `{a} # macro # "b" # 1988` into its parts."""
    parts: list[Part] = []
    position = _skip_space(raw, 0)
    while position < len(raw):
        part, position = _read_part(raw, position)
        parts.append(part)
        position = _skip_space(raw, position)
        if position < len(raw):
            if raw[position] != "#":
                raise ValueSyntaxError(f"expected '#' at {raw[position:position + 10]!r}")
            position = _skip_space(raw, position + 1)
            if position >= len(raw):
                raise ValueSyntaxError("value ends with '#'")
    return parts


def evaluate(raw: str, strings: Mapping[str, str], budget: Budget | None = None) -> str:
    """The value's text, with macros expanded (case-insensitively, as BibTeX does);
    `ExpansionTooLarge` beyond `MAX_VALUE_CHARS` or the file's `budget`."""
    single = _single_delimited(raw)
    if single is not None:  # the common case, without the general parser: 10k-entry files
        return single
    pieces = []
    size = 0
    # One bare macro (`journal = j-TUGboat`) is the next most common value: read it at
    # once rather than a character at a time.
    parts = [Part("macro", raw)] if _BARE_WORD.fullmatch(raw) else parse_parts(raw)
    for part in parts:
        if part.kind != "macro":
            piece = part.text
        elif part.text.lower() in strings:
            piece = strings[part.text.lower()]
        elif part.text.lower() in MONTH_MACROS:
            piece = MONTH_MACROS[part.text.lower()]
        else:
            raise UndefinedMacro(part.text)
        size += len(piece)
        if size > MAX_VALUE_CHARS:
            raise ExpansionTooLarge(f"expanding '{part.text}' makes the value longer than "
                                    f"{MAX_VALUE_CHARS:,} characters")
        pieces.append(piece)
    if budget is not None and size > len(raw):
        budget.remaining -= size
        if budget.remaining < 0:
            raise ExpansionTooLarge(f"@string expansion in this file exceeds "
                                    f"{MAX_FILE_CHARS:,} characters")
    return "".join(pieces)


# What `_read_part` reads as one macro name or number (digits are `_single_delimited`'s).
_BARE_WORD = re.compile(r'[^\s#,}{"]+')


def _single_delimited(raw: str) -> str | None:
    """The content of a value that is one `{...}`, one `"..."` or one number, else None."""
    raw = raw.strip()
    if raw.isdigit():
        return raw
    if len(raw) < 2:
        return None
    first, last = raw[0], raw[-1]
    inner = raw[1:-1]
    if first == '"' and last == '"':
        if '"' in inner:
            return None  # perhaps `"a" # "b"`: the general parser decides
        return inner if balanced(inner) else None
    if first == "{" and last == "}":
        return inner if balanced(inner) else None
    return None


_FINAL_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\\Z")


def safe_in_braces(text: str) -> bool:
    """Whether `{text}` is one whole BibTeX value: balanced braces (BibTeX counts escaped
    ones too) and no final backslash that would escape the closing brace."""
    return balanced(text) and not _FINAL_BACKSLASH.search(text)


def month_number(value: str) -> int | None:
    """1-12 for `4`, `apr`, `April`; None for anything else."""
    value = value.strip().lower().rstrip(".")
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return MONTH_NUMBERS.get(value)


def scan_value(text: str, start: int) -> int:
    """Index just past the value (all `#` parts) that starts at `text[start]`."""
    position = start
    while True:
        _, position = _read_part(text, position)
        after = _skip_space(text, position)
        if after < len(text) and text[after] == "#":
            position = _skip_space(text, after + 1)
            continue
        return position


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _read_part(text: str, position: int) -> tuple[Part, int]:
    char = text[position]
    if char == "{":
        end = matching_brace(text, position)
        if end is None:
            raise ValueSyntaxError("unbalanced braces")
        return Part("braced", text[position + 1 : end]), end + 1
    if char == '"':
        end = find_outside_braces(text, '"', position + 1)
        if end < 0:
            raise ValueSyntaxError("unterminated quoted string")
        return Part("quoted", text[position + 1 : end]), end + 1
    end = position
    while end < len(text) and not text[end].isspace() and text[end] not in "#,}{\"":
        end += 1
    if end == position:
        raise ValueSyntaxError(f"unexpected {char!r}")
    word = text[position:end]
    return Part("number" if word.isdigit() else "macro", word), end
