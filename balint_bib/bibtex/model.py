"""Typed, immutable records of a bibliography."""

from __future__ import annotations

import re
from collections.abc import KeysView
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .latex import to_unicode, verbatim
from .names import Name, parse_names

PERSON_FIELDS = ("author", "editor", "translator")
_YEAR = re.compile(r"\d{4}")
# No key may carry a line break, space or control character into any output (a key
# "x\nER  - " would end a RIS record early); BibTeX cannot read such a key anyway.
UNSAFE_KEY = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


class Field(NamedTuple):
    """One `name = value` of an entry. (A named tuple: files have ~100k of these, and a
    frozen dataclass costs several times as much to build.)"""

    name: str  # lower case
    value: str  # macros expanded and delimiters removed; still LaTeX
    raw: str  # exactly as written in the file
    line: int  # 1-based


@dataclass(frozen=True)
class Record:
    """One BibTeX entry, as read. Values are LaTeX; `text()` gives Unicode."""

    key: str
    entry_type: str  # lower case
    fields: tuple[Field, ...]
    path: str | None = None
    line: int = 0
    _index: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if UNSAFE_KEY.search(self.key):
            raise ValueError(f"citation key {self.key!r} contains a space, line break or "
                             "control character")
        index: dict[str, Field] = {}
        for item in self.fields:
            index.setdefault(item.name, item)  # BibTeX keeps the first of duplicates
        object.__setattr__(self, "_index", index)

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._index

    @property
    def field_names(self) -> KeysView[str]:
        """The (lower-case) names of the fields the record has, each once: a set-like view,
        so `record.field_names.isdisjoint(names)` asks for several fields in one call."""
        return self._index.keys()

    def get(self, name: str, default: str | None = None) -> str | None:
        """The LaTeX value of a field, or `default`."""
        item = self._index.get(name)  # names are usually lower case already
        if item is None and not name.islower():
            item = self._index.get(name.lower())
        return item.value if item is not None else default

    def field(self, name: str) -> Field | None:
        item = self._index.get(name)
        return item if item is not None else self._index.get(name.lower())

    def text(self, name: str) -> str | None:
        """The value decoded to Unicode for display, or None."""
        value = self.get(name)
        return to_unicode(value) if value is not None else None

    def verbatim(self, name: str) -> str | None:
        """A URL or identifier as written (not decoded as LaTeX: `~` and `--` stay)."""
        return verbatim(self.get(name))

    def names(self, role: str = "author") -> tuple[Name, ...]:
        return self._persons.get(role, ())

    @cached_property
    def _persons(self) -> dict[str, tuple[Name, ...]]:
        return {role: parse_names(self._index[role].value) for role in PERSON_FIELDS
                if role in self._index}

    @cached_property
    def keywords(self) -> tuple[str, ...]:
        value = self.text("keywords") or ""
        separator = ";" if ";" in value else ","
        return tuple(k.strip() for k in value.split(separator) if k.strip())

    @cached_property
    def year(self) -> int | None:
        match = _YEAR.search(self.get("year") or self.get("date") or "")
        return int(match.group()) if match else None

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.path else f"line {self.line}"

    def first_author(self) -> Name | None:
        persons = self.names("author") or self.names("editor")
        return persons[0] if persons else None
