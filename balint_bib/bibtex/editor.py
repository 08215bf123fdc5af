"""Editing BibTeX without loss.

A `Bibliography` keeps its exact source text, so saving an unchanged one is the
identity. Changes are expressed as field edits and spliced into that text, so
everything that was not edited, down to spacing and delimiters, stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import InputError
from .reader import Bibliography, Span
from .values import ValueSyntaxError, safe_in_braces, scan_value

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIELD_NAME_ONLY = re.compile(r"[A-Za-z_][\w\-:.+/]*\Z")
_FIELD_NAME = re.compile(r"\s*,?\s*([A-Za-z_][\w\-:.+/]*)\s*=\s*")


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """Set `field` of entry `key` to `value` (LaTeX, written in braces)."""

    key: str
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class _FieldSpan:
    name: str
    line_start: int  # start of the line the field is on
    equals_column: int  # column of its `=` within that line
    own_line: bool  # nothing but indentation before its name
    value_start: int
    value_end: int


def to_string(bibliography: Bibliography, edits: Iterable[FieldEdit] = ()) -> str:
    """The file's text with `edits` applied; the identity when there are none."""
    by_key: dict[str, dict[str, str]] = {}
    for edit in edits:
        _check_value(edit, bibliography.path)
        by_key.setdefault(edit.key, {})[edit.field.lower()] = edit.value
    if not by_key:
        return bibliography.text
    text = bibliography.text
    pieces: list[str] = []
    cursor = 0
    for span in bibliography.spans:
        if span.kind != "entry" or span.key not in by_key:
            continue
        pieces.append(text[cursor : span.start])
        pieces.append(_edit_entry(text[span.start : span.end], span, by_key.pop(span.key),
                                  bibliography.path, _line_ending(text)))
        cursor = span.end
    if by_key:
        missing = ", ".join(sorted(by_key))
        raise InputError(f"cannot edit entries that are not in the file: {missing}",
                         path=bibliography.path)
    pieces.append(text[cursor:])
    return "".join(pieces)


def _line_ending(text: str) -> str:
    """The file's own line ending, for the lines an edit writes (a CRLF file stays CRLF)."""
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"


def _check_value(edit: FieldEdit, path: str | None) -> None:
    """A value is written inside `{…}`: unbalanced braces would end it early and let the
    rest of the value become fields of its own; control characters have no place in it."""
    if not safe_in_braces(edit.value) or _CONTROL.search(edit.value) or not _FIELD_NAME_ONLY.match(
            edit.field):
        raise InputError(f"refusing to write {edit.field} = {edit.value!r}: unbalanced braces, "
                         "control characters or a bad field name", path=path, key=edit.key)


def _edit_entry(raw: str, span: Span, changes: Mapping[str, str], path: str | None,
                newline: str = "\n") -> str:
    try:
        fields = _field_spans(raw)
    except ValueSyntaxError as error:
        raise InputError(f"cannot edit: {error}", path=path, line=span.line,
                         key=span.key) from None
    existing = {f.name: f for f in reversed(fields)}  # the first occurrence wins
    replacements: list[tuple[int, int, str]] = []
    for name, value in changes.items():
        if name in existing:
            target = existing[name]
            replacements.append((target.value_start, target.value_end, "{" + value + "}"))
    additions = [(name, value) for name, value in changes.items() if name not in existing]
    if additions:
        if "\n" in raw:  # the entry's own line ending, else the file's
            newline = "\r\n" if "\r\n" in raw else "\n"
        insert_at, new_lines = _insertion(raw, fields, additions, newline)
        replacements.append((insert_at, insert_at, new_lines))
    for start, end, replacement in sorted(replacements, reverse=True):
        raw = raw[:start] + replacement + raw[end:]
    return raw


def _field_spans(raw: str) -> list[_FieldSpan]:
    """Where each field's value is inside an entry's raw text."""
    position = raw.index(",") + 1  # past "@type{key,"
    spans: list[_FieldSpan] = []
    while True:
        match = _FIELD_NAME.match(raw, position)
        if not match:
            return spans
        value_start = match.end()
        value_end = scan_value(raw, value_start)
        line_start = raw.rfind("\n", 0, match.start(1)) + 1
        equals_column = raw.index("=", match.end(1)) - line_start
        own_line = not raw[line_start : match.start(1)].strip()
        spans.append(_FieldSpan(match.group(1).lower(), line_start, equals_column, own_line,
                                value_start, value_end))
        position = value_end


def _insertion(raw: str, fields: list[_FieldSpan], additions: list[tuple[str, str]],
               nl: str = "\n") -> tuple[int, str]:
    """New `name = {value},` lines after the last field, in the entry's own layout and
    line ending (`nl`); every existing line keeps its bytes, its line end included."""
    if not fields:
        close = raw.rstrip().rfind("}")
        body = "".join(f"{nl}  {name} = {{{value}}}," for name, value in additions)
        return close, body + nl
    last = fields[-1]
    line = raw[last.line_start : last.value_start]
    indent = line[: len(line) - len(line.lstrip())]
    # Keep the column alignment of `=` when the entry aligns its fields.
    columns = {f.equals_column for f in fields if f.own_line}
    aligned = len(fields) > 1 and len(columns) == 1 and last.own_line
    pad_to = last.equals_column - len(indent) - 1 if aligned else 0
    after_value = raw[last.value_end :]
    lines = [f"{indent}{name.ljust(pad_to)} = {{{value}}}," for name, value in additions]
    if after_value.lstrip(" \t").startswith(","):
        insert_at = last.value_end + after_value.index(",") + 1
        return insert_at, "".join(nl + line for line in lines)
    if not raw[last.line_start : last.value_start].strip().startswith("@"):
        # The last field has no comma: put the new ones before it, so that the
        # diff adds lines and changes none.
        return last.line_start, "".join(line + nl for line in lines)
    # A one-line entry: the last field needs a comma now.
    return last.value_end, "," + "".join(nl + line for line in lines)[:-1]
