"""Syllabi: ordered, titled sections of entry keys, defined in TOML.

    title = "…"
    author = "…"               # optional
    introduction = \"\"\"…\"\"\"
    [[sections]]
    title = "Understanding the method"
    description = "…"          # optional
    keys = ["Balint1957", …]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .bibtex.model import Record
from .bibtex.reader import Bibliography
from .dataset import syllabi_dir
from .errors import InputError, UsageError
from .text import clean
from .tomltext import loads as toml_loads

_QUOTED = re.compile(r'"([^"]*)"|\'([^\']*)\'')


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    keys: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class Syllabus:
    name: str  # the file's stem, used on the command line
    title: str
    introduction: str
    sections: tuple[Section, ...]
    path: str | None = None
    text: str = ""  # the TOML source, to point at lines in messages
    author: str = ""  # who compiled it (optional), e.g. the Word file's author

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for section in self.sections for key in section.keys)

    def line_of(self, needle: str) -> int | None:
        """The first line of the TOML source that mentions `needle` as a string."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if f'"{needle}"' in line or f"'{needle}'" in line:
                return number
        return None

    def key_lines(self) -> dict[str, int]:
        """The first line that mentions each quoted string, from one pass over the source
        (`line_of` per key rescans the file: quadratic for many keys)."""
        lines: dict[str, int] = {}
        for number, line in enumerate(self.text.splitlines(), start=1):
            for match in _QUOTED.finditer(line):
                lines.setdefault(match.group(1) or match.group(2) or "", number)
        return lines

    def unknown_keys(self, bibliography: Bibliography) -> list[str]:
        return [key for key in self.keys if bibliography.get(key) is None]

    def check_against(self, bibliography: Bibliography) -> None:
        """Raise for the first key that the bibliography does not have."""
        for key in self.unknown_keys(bibliography):
            raise InputError(f"syllabus names unknown entry '{key}'", path=self.path,
                             line=self.line_of(key), key=key)

    def section_of(self, key: str) -> Section | None:
        return next((s for s in self.sections if key in s.keys), None)


def in_syllabi(records: Iterable[Record], syllabi: Iterable[Syllabus]) -> tuple[Record, ...]:
    """The records that some syllabus lists, in the bibliography's order."""
    wanted = {key for syllabus in syllabi for key in syllabus.keys}
    return tuple(record for record in records if record.key in wanted)


def parse_syllabus(text: str, name: str, path: str | None = None) -> Syllabus:
    try:
        document = toml_loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", path=path) from None
    try:
        sections = tuple(
            Section(
                title=_string(section, "title", path),
                keys=tuple(_string_list(section, "keys", path)),
                description=_optional_string(section, "description", path),
            )
            for section in document.get("sections", [])
        )
        if not sections:
            raise InputError("a syllabus needs at least one [[sections]] table", path=path)
        return Syllabus(
            name=name,
            title=_string(document, "title", path),
            introduction=_optional_string(document, "introduction", path).strip(),
            sections=sections,
            path=path,
            text=text,
            author=_optional_string(document, "author", path).strip(),
        )
    except (AttributeError, TypeError):
        raise InputError("unexpected structure; see the syllabus format in README.md",
                         path=path) from None


def load_syllabus(source: str | Path) -> Syllabus:
    """A syllabus by bundled name (`balint-resource-list`) or by path to a .toml file."""
    path = Path(source)
    if path.suffix != ".toml":
        path = syllabi_dir() / f"{source}.toml"
        if not path.exists():
            known = ", ".join(s.name for s in bundled_syllabi())
            raise UsageError(f"unknown syllabus '{source}'; known: {known}")
    if not path.is_file():
        raise UsageError("no such syllabus file", path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; re-save the syllabus as UTF-8", path=path) from None
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror}", path=path) from None
    return parse_syllabus(text, path.stem, str(path))


def bundled_syllabi() -> tuple[Syllabus, ...]:
    paths = sorted(syllabi_dir().glob("*.toml"))
    # The syllabus named like the list comes first: it is the default.
    paths.sort(key=lambda p: p.stem != DEFAULT_SYLLABUS)
    return tuple(load_syllabus(p) for p in paths)


DEFAULT_SYLLABUS = "balint-resource-list"


def _string(table: Mapping[str, object], key: str, path: str | None) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"'{key}' must be a non-empty string", path=path)
    return value


def _optional_string(table: Mapping[str, object], key: str, path: str | None) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise InputError(f"'{key}' must be a string", path=path)
    return value


def _string_list(table: Mapping[str, object], key: str, path: str | None) -> Iterable[str]:
    value = table.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"'{key}' must be a list of entry keys", path=path)
    return value


def collection_names(syllabus: Syllabus) -> tuple[str, tuple[str, ...]]:
    """What a syllabus's collections are called in Zotero (the RDF export and `publish`): its
    title, and `01. Title` for each section, zero-padded since Zotero sorts collections by
    name and the number keeps the syllabus's order."""
    width = len(str(len(syllabus.sections)))
    return clean(syllabus.title), tuple(
        f"{number:0{width}d}. {clean(section.title)}"
        for number, section in enumerate(syllabus.sections, start=1))
