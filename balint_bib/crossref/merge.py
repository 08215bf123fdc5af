"""Turning an accepted Crossref record into edits of one entry. Pure: no I/O.

Curated values win: only empty fields are filled, unless the user names a field in
`--overwrite`. A DOI is never replaced. Every value added carries its provenance.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..bibtex.editor import FieldEdit
from ..bibtex.model import Record
from ..errors import UsageError
from ..kinds import enrich_fields_of_type, kind_of
from ..provenance import NewSource, Source
from .normalize import fold, from_latex

# The fields enrichment can fill; which of them make sense for an entry is its kind's.
SUPPORTED_FIELDS = ("doi", "volume", "number", "pages", "issn", "isbn", "publisher", "journal",
                    "booktitle", "year")
DEFAULT_FIELDS = ("doi", "volume", "number", "pages")
_LATEX_SPECIAL = str.maketrans({"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                                "{": "", "}": "", "\\": "", "~": " "})


@dataclass(frozen=True)
class MergePlan:
    edits: tuple[FieldEdit, ...]
    provenance: NewSource | None
    notes: tuple[str, ...] = field(default=())  # what was kept, and why

    @property
    def changed(self) -> dict[str, str]:
        return {e.field: e.value for e in self.edits}


def parse_field_list(value: str | None, *, option: str) -> tuple[str, ...]:
    """`"doi,issn"` → ("doi", "issn"); unknown names are a usage error."""
    if not value:
        return ()
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in SUPPORTED_FIELDS]
    if unknown:
        raise UsageError(f"{option}: unknown field(s) {', '.join(unknown)}; "
                         f"known: {', '.join(SUPPORTED_FIELDS)}")
    return names


def check_overwrite(overwrite: Collection[str]) -> None:
    if "doi" in overwrite:
        raise UsageError("--overwrite: a DOI is never replaced; an existing DOI that "
                         "disagrees with Crossref is reported instead")


# Identifiers go into the .bib as they come; one that has not the shape of its kind is not
# taken (a "page" of `1}, title = {x` must never become fields of its own).
_SHAPES = {
    "doi": re.compile(r"10\.\d{4,9}/[^\s{}\\%#]+\Z"),
    "pages": re.compile(r"[A-Za-z]?\d+[A-Za-z]?(?:--[A-Za-z]?\d+[A-Za-z]?)?\Z"),
    "issn": re.compile(r"\d{4}-?\d{3}[\dXx]\Z"),
    "isbn": re.compile(r"[\d\- ]{9,16}[\dXx]\Z"),
}


def crossref_values(message: Mapping[str, Any], entry_type: str) -> dict[str, str]:
    """BibTeX field values (LaTeX) from a Crossref work, for the fields it has."""
    values = _crossref_values(message, entry_type)
    return {name: value for name, value in values.items()
            if name not in _SHAPES or _SHAPES[name].match(value)}


def _crossref_values(message: Mapping[str, Any], entry_type: str) -> dict[str, str]:
    values: dict[str, str] = {}
    if isinstance(message.get("DOI"), str):
        values["doi"] = message["DOI"].strip()
    for name, source in (("volume", "volume"), ("number", "issue"), ("publisher", "publisher")):
        if isinstance(message.get(source), str) and message[source].strip():
            values[name] = to_latex(message[source])
    page = message.get("page")
    if isinstance(page, str) and page.strip():
        values["pages"] = "--".join(p.strip() for p in page.split("-", 1))
    issn = _typed_identifier(message, "ISSN", "issn-type")
    if issn:
        values["issn"] = issn
    isbn = _typed_identifier(message, "ISBN", "isbn-type")
    if isbn:
        values["isbn"] = isbn
    containers = message.get("container-title")
    if isinstance(containers, list) and containers and isinstance(containers[0], str):
        values["journal" if entry_type == "article" else "booktitle"] = to_latex(containers[0])
    issued = message.get("issued", {}).get("date-parts") if isinstance(
        message.get("issued"), Mapping) else None
    if isinstance(issued, list) and issued and isinstance(issued[0], list) and issued[0] \
            and isinstance(issued[0][0], int):
        values["year"] = str(issued[0][0])
    return values


def _typed_identifier(message: Mapping[str, Any], plain: str, typed: str) -> str:
    """The print ISSN/ISBN if Crossref says which one it is, else the first."""
    kinds = message.get(typed)
    if isinstance(kinds, list):
        for kind in kinds:
            if isinstance(kind, Mapping) and kind.get("type") == "print" and kind.get("value"):
                return str(kind["value"])
    values = message.get(plain)
    if isinstance(values, list) and values and isinstance(values[0], str):
        return values[0]
    return ""


def to_latex(text: str) -> str:
    """Crossref's plain text as a BibTeX value: specials escaped, braces dropped."""
    return " ".join(text.translate(_LATEX_SPECIAL).split())


def fills(name: str, entry_type: str) -> bool:
    """Whether Crossref's value of `name` belongs on an entry of `entry_type` (a DOI
    always does)."""
    return name == "doi" or name in enrich_fields_of_type(entry_type)


def _same_value(name: str, current: str, new: str) -> bool:
    if name == "pages":
        return fold(current.replace("--", "-")) == fold(new.replace("--", "-"))
    return fold(from_latex(current)) == fold(from_latex(new))


def plan_merge(record: Record, message: Mapping[str, Any], *, fields: Collection[str],
               overwrite: Collection[str], source: str, retrieved: str, confidence: float,
               evidence: Mapping[str, str]) -> MergePlan:
    """The edits that complete `record` from `message`, and their provenance. `source`
    is the Crossref API that answered, `retrieved` the date of its answer."""
    values = crossref_values(message, record.entry_type)
    fillable = kind_of(record).enrich
    wanted = [f for f in SUPPORTED_FIELDS if f in set(fields) | set(overwrite)]
    edits: list[FieldEdit] = []
    notes: list[str] = []
    for name in wanted:
        if name not in values:
            continue
        if name != "doi" and name not in fillable:
            continue
        current = record.get(name)
        new = values[name]
        if current is not None and current.strip():
            if _same_value(name, current, new):
                continue
            if name == "doi" or name not in overwrite:
                notes.append(f"kept {name} = {{{current}}}; Crossref has {{{new}}}")
                continue
        edits.append(FieldEdit(record.key, name, new))
    if not edits:
        return MergePlan((), None, tuple(notes))
    agreed = [name for name, value in evidence.items()
              if not value.startswith(("conflict", "absent", "partial"))]
    provenance = NewSource(record.key, Source(
        fields=tuple(e.field for e in edits),
        source=f"Crossref {values.get('doi', '')}".strip(),
        note="matched on " + ", ".join(f"{n} ({evidence[n]})" for n in agreed),
        retrieved=retrieved, confidence=round(confidence, 2), api=source,
    ), doi=values.get("doi", ""))
    return MergePlan(tuple(edits), provenance, tuple(notes))
