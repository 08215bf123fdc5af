"""BB2xx: the fields each entry type needs and allows (see `datamodel`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches
from functools import lru_cache

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from .core import Context, check, rule
from .datamodel import (
    INHERITED_BY_PARTS,
    KNOWN_FIELDS,
    STANDARD_FIELDS,
    TYPE_BOUND,
    allowed_for,
    type_hint,
)
from .required import dialect_of
from .syntax import KNOWN_TYPES

BB201 = rule("BB201", ERROR, "required field missing for the entry type", "fields")
BB202 = rule("BB202", WARNING, "field that the entry type does not use", "fields")
BB203 = rule("BB203", WARNING, "misspelled field name", "fields")
BB204 = rule("BB204", WARNING, "empty field", "fields")
BB205 = rule("BB205", ERROR, "crossref/xref/xdata pointing to a missing entry", "fields")
BB206 = rule("BB206", INFO, "field that is in neither the BibTeX nor the biblatex model", "fields")


@lru_cache(maxsize=1024)
def _closest_known(name: str) -> str | None:
    """The standard field `name` is probably a misspelling of, if any."""
    close = get_close_matches(name, STANDARD_FIELDS, n=1, cutoff=0.8)
    return close[0] if close else None


# Emacs bibtex-mode writes OPT/ALT before optional and alternative fields, and people
# switch a field off by hand with an X (`Xeditor`): deliberate, so no "did you mean".
_OFF_PREFIXES = ("opt", "alt", "x")


def _switched_off(name: str) -> str | None:
    """The standard field that `name` switches off with a prefix, if it is one."""
    for prefix in _OFF_PREFIXES:
        rest = name[len(prefix):]
        if name.startswith(prefix) and rest in STANDARD_FIELDS:
            return rest
    return None


@check(BB203, BB204, BB206)
def fields_for_type(record: Record, context: Context) -> Iterator[Diagnostic]:
    for item in record.fields:
        name = item.name
        if not item.value.strip():
            yield BB204.at(record, name, f"field '{name}' is empty", fix="fill it in or remove it")
        if name in KNOWN_FIELDS:
            continue
        if name.startswith(("x-", "x_")):
            continue  # a deliberately private field
        switched_off = _switched_off(name)
        if switched_off is not None:
            yield BB206.at(record, name, f"field '{name}' is '{switched_off}' switched off by a "
                           "prefix (styles ignore it)",
                           fix=f"rename it to '{switched_off}' to use it, or remove it")
            continue
        close = _closest_known(name)
        if close is not None and close not in record:
            yield BB203.at(
                record,
                name,
                f"unknown field '{name}'; did you mean '{close}'?",
                fix=f"rename it to '{close}'",
            )
        else:
            yield BB206.at(record, name, f"non-standard field '{name}' (styles ignore it)")


def aliases(bibliography: Bibliography) -> dict[str, str]:
    """biblatex's `ids`: other keys an entry answers to (casefolded), to its own key."""
    return {alias.strip().casefold(): record.key.casefold()
            for record in bibliography.records if "ids" in record
            for alias in (record.get("ids") or "").split(",") if alias.strip()}


# `viii+525`, `xi+98 pp.`, `352 pages`: how many pages a volume has, not a part of it.
_PAGE_TOTAL = re.compile(r"\+|\bpp\b|\bpages\b", re.IGNORECASE)


def _page_total_in_pages(name: str, entry_type: str, value: str) -> bool:
    """A whole volume's page count written in `pages`, which even biblatex's model
    (that allows `pages` on a @book, for a part) wants in `pagetotal`."""
    return (name == "pages" and not allowed_for(name, entry_type)
            and _PAGE_TOTAL.search(value) is not None)


@check(BB202, scope="bibliography")
def fields_unused_by_type(bibliography: Bibliography,
                          context: Context) -> Iterator[Diagnostic]:
    # A crossref target passes its fields to its children, and BibTeX's styles read the
    # child's `booktitle` from there: on a @proceedings or @book it is meant.
    known = aliases(bibliography)
    targets = {(record.get("crossref") or "").strip().casefold()
               for record in bibliography.records if "crossref" in record}
    targets |= {known[target] for target in targets if target in known}
    dialect = dialect_of(bibliography, context)
    for record in bibliography.records:
        entry_type = record.entry_type
        if entry_type not in KNOWN_TYPES or entry_type == "xdata":
            continue  # an @xdata container holds fields for entries of any type
        inherited = record.key.casefold() in targets
        for item in record.fields:
            name = item.name
            if (name not in TYPE_BOUND or (allowed_for(name, entry_type, dialect)
                                           and not _page_total_in_pages(name, entry_type,
                                                                        item.value))
                    or (inherited and name in INHERITED_BY_PARTS)):
                continue
            yield BB202.at(
                record,
                name,
                f"@{entry_type} does not use '{name}'; it belongs to {type_hint(name)}",
                fix="change the entry type, or move the value to the right field",
            )

