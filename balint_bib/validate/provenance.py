"""The provenance sidecar (`references.sources.toml`): where each identifier came from.

    [entries.Balint1957]
    status = "verified"            # or "partly-verified", "unverified"
    [[entries.Balint1957.sources]]
    fields = ["isbn", "publisher"]
    source = "https://…"
    note = "…"                     # optional

Parsing is pure (text in, structure and findings out); the CLI reads the file.
Other top-level tables (such as a log of corrections) are left alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from ..diagnostics import ERROR, Diagnostic

# The code of every sidecar diagnostic; validation registers the rule (validate/dataset.py).
SIDECAR_CODE = "BB508"

STATUSES = ("verified", "partly-verified", "unverified")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class Source:
    fields: tuple[str, ...]
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntryProvenance:
    status: str
    sources: tuple[Source, ...]
    line: int | None = None

    def covers(self, field: str) -> bool:
        return any(field in source.fields for source in self.sources)


@dataclass(frozen=True)
class Provenance:
    path: str
    entries: Mapping[str, EntryProvenance]


def toml_error_line(message: str) -> int | None:
    """The line tomllib names in its error message, if any."""
    match = _TOML_LINE.search(message)
    return int(match.group(1)) if match else None


def parse_provenance(text: str, path: str) -> tuple[Provenance, list[Diagnostic]]:
    """The sidecar's entries and what is wrong with it (as BB508 findings)."""
    findings: list[Diagnostic] = []

    def bad(message: str, line: int | None = None, key: str | None = None) -> None:
        findings.append(_sidecar_problem(message, path, line, key,
                                         "see the sidecar format in README.md"))

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        bad(f"not valid TOML: {error}", toml_error_line(str(error)))
        return Provenance(path, {}), findings
    tables = document.get("entries", {})
    if not isinstance(tables, dict):
        bad("'entries' must be a table of [entries.KEY] tables")
        return Provenance(path, {}), findings
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
            fields = item.get("fields") if isinstance(item, dict) else None
            source = item.get("source") if isinstance(item, dict) else None
            if not (isinstance(fields, list) and all(isinstance(f, str) for f in fields)
                    and isinstance(source, str) and source.strip()):
                bad("each [[sources]] needs fields = [...] and source = \"…\"", line, key)
                continue
            note = item.get("note", "")
            sources.append(Source(tuple(f.lower() for f in fields), source,
                                  note if isinstance(note, str) else ""))
        entries[key] = EntryProvenance(str(status), tuple(sources), line)
    return Provenance(path, entries), findings


def missing_sidecar(path: str) -> Diagnostic:
    return _sidecar_problem("no provenance sidecar: every identifier needs a recorded source",
                            path, None, None, "create it; see the sidecar format in README.md")


def _sidecar_problem(message: str, path: str, line: int | None, key: str | None,
                     fix: str) -> Diagnostic:
    return Diagnostic(SIDECAR_CODE, ERROR, message, path, line, key, None, fix)


def _header_lines(text: str) -> dict[str, int]:
    """The line of each `[entries.KEY]` header (quoted keys too)."""
    lines: dict[str, int] = {}
    pattern = re.compile(r"^\s*\[\s*entries\.(\"[^\"]+\"|'[^']+'|[\w.-]+?)\s*\]\s*(?:#.*)?$")
    for number, line in enumerate(text.splitlines(), start=1):
        match = pattern.match(line)
        if match:
            lines.setdefault(match.group(1).strip("\"'"), number)
    return lines
