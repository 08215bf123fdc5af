"""The provenance sidecar of a .bib file (`<stem>.sources.toml`): where each value came from.

    [entries.Balint1957]
    status = "verified"            # or "partly-verified", "unverified"
    [[entries.Balint1957.sources]]
    fields = ["isbn", "publisher"]
    source = "https://…"
    note = "…"                     # optional
    retrieved = "2026-11-01"       # optional; enrichment also writes confidence and api

One model, one parser and one writer: validation reads the sidecar through `parse`
(its BB50x checks live in `validate/`), enrichment adds to it through `append`. Both
are pure: text in, text or structure out; callers read and write the file. The sidecar
is curated by hand, so `append` adds tables as text and leaves every existing line as
it was. Other top-level tables (such as a log of corrections) are left alone.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .diagnostics import ERROR, Diagnostic
from .errors import InputError
from .tomltext import loads as toml_loads

STATUSES = ("verified", "partly-verified", "unverified")
# The code of every sidecar diagnostic; validation registers the rule (validate/dataset.py).
SIDECAR_CODE = "BB508"
SIDECAR_FIX = "see the sidecar format in README.md"
_TOML_LINE = re.compile(r"at line (\d+)")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_HEADER = re.compile(r"^\s*\[\s*entries\.(\"[^\"]+\"|'[^']+'|[\w.-]+?)\s*\]\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class Source:
    """One `[[entries.KEY.sources]]` table."""

    fields: tuple[str, ...]
    source: str
    note: str = ""
    retrieved: str = ""  # ISO date
    confidence: float | None = None
    api: str = ""  # the Crossref API that answered


@dataclass(frozen=True, slots=True)
class EntryProvenance:
    status: str
    sources: tuple[Source, ...]
    line: int | None = None

    def covers(self, field: str) -> bool:
        return any(field in source.fields for source in self.sources)


@dataclass(frozen=True)
class Provenance:
    """A parsed sidecar: each entry's status and sources."""

    path: str
    entries: Mapping[str, EntryProvenance]


@dataclass(frozen=True, slots=True)
class NewSource:
    """A source to record for one entry (what enrichment adds)."""

    key: str
    source: Source
    doi: str = ""


# --- reading -------------------------------------------------------------------------------


def toml_error_line(message: str) -> int | None:
    """The line tomllib names in its error message, if any."""
    match = _TOML_LINE.search(message)
    return int(match.group(1)) if match else None


def parse(text: str, path: str) -> tuple[Provenance, list[Diagnostic]]:
    """The sidecar's entries, and what is wrong with it (BB508 diagnostics)."""
    problems: list[Diagnostic] = []

    def bad(message: str, line: int | None = None, key: str | None = None) -> None:
        problems.append(Diagnostic(SIDECAR_CODE, ERROR, message, path, line, key, None,
                                   SIDECAR_FIX))

    try:
        document = toml_loads(text)
    except tomllib.TOMLDecodeError as error:
        bad(f"not valid TOML: {error}", toml_error_line(str(error)))
        return Provenance(path, {}), problems
    tables = document.get("entries", {})
    if not isinstance(tables, dict):
        bad("'entries' must be a table of [entries.KEY] tables")
        return Provenance(path, {}), problems
    lines = _header_lines(text)
    entries: dict[str, EntryProvenance] = {}
    for key, table in tables.items():
        line = lines.get(key)
        if not isinstance(table, dict):
            bad(f"[entries.{key}] must be a table", line, key)
            continue
        status = table.get("status")
        if status not in STATUSES:
            bad(f"status {status!r} is not one of {', '.join(STATUSES)}", line, key)
        sources = []
        items = table.get("sources", [])
        for item in items if isinstance(items, list) else [items]:
            source = _source(item)
            if source is None:
                bad("each [[sources]] needs fields = [...] and source = \"…\"", line, key)
                continue
            sources.append(source)
        entries[key] = EntryProvenance(str(status), tuple(sources), line)
    return Provenance(path, entries), problems


def _source(item: Any) -> Source | None:
    fields = item.get("fields") if isinstance(item, dict) else None
    source = item.get("source") if isinstance(item, dict) else None
    if not (isinstance(fields, list) and all(isinstance(f, str) for f in fields)
            and isinstance(source, str) and source.strip()):
        return None
    assert isinstance(item, dict)

    def text(name: str) -> str:
        value = item.get(name, "")
        return value if isinstance(value, str) else ""

    confidence = item.get("confidence")
    return Source(tuple(f.lower() for f in fields), source, text("note"), text("retrieved"),
                  float(confidence) if isinstance(confidence, int | float)
                  and not isinstance(confidence, bool) else None,
                  text("api"))


def _header_lines(text: str) -> dict[str, int]:
    """The line of each `[entries.KEY]` header (quoted keys too)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if match:
            lines.setdefault(match.group(1).strip("\"'"), number)
    return lines


# --- writing -------------------------------------------------------------------------------


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def render(item: NewSource) -> str:
    source = item.source
    fields = ", ".join(_string(f) for f in source.fields)
    return (f"\n[[entries.{_key(item.key)}.sources]]\n"
            f"fields = [{fields}]\n"
            f"source = {_string(source.source)}\n"
            f"note = {_string(source.note)}\n"
            f"retrieved = {_string(source.retrieved)}\n"
            + (f"confidence = {source.confidence}\n" if source.confidence is not None else "")
            + (f"api = {_string(source.api)}\n" if source.api else ""))


def _recorded(document: Mapping[str, Any], item: NewSource) -> bool:
    entry = document.get("entries", {}).get(item.key, {})
    sources = entry.get("sources", []) if isinstance(entry, dict) else []
    return any(isinstance(s, dict) and s.get("source") == item.source.source
               and tuple(s.get("fields", ())) == item.source.fields for s in sources)


def append(existing: str, items: Iterable[NewSource], path: str = "") -> str:
    """`existing` sidecar text with `items` appended (those it already records skipped,
    so a run that is repeated after a crash does not record twice)."""
    try:
        document = toml_loads(existing)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", path=path or None) from None
    new = [render(item) for item in items if not _recorded(document, item)]
    if not new:
        return existing
    text = existing
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(new)
    if not existing:
        text = text.lstrip("\n")
    try:
        toml_loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"cannot add provenance to this layout ({error}); write the "
                         "entry's sources as [[entries.KEY.sources]] tables",
                         path=path or None) from None
    return text
