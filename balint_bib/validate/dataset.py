"""BB503-BB509: the curated dataset's own rules — every entry annotated
and tagged, every syllabus key present and every entry in a section, and a recorded
source for every identifier."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..bibtex.model import Record
from ..bibtex.reader import Bibliography
from ..diagnostics import ERROR, WARNING, Diagnostic
from .core import Context, check, rule
from .duplicates import fold as fold  # the match key moved with the duplicate rules
from .provenance import SIDECAR_CODE

BB503 = rule("BB503", ERROR, "entry without an annotation (annote)", "dataset", "dataset")
BB504 = rule("BB504", ERROR, "entry without keywords", "dataset", "dataset")
BB505 = rule("BB505", ERROR, "syllabus key that is not in the bibliography", "dataset")
BB506 = rule("BB506", ERROR, "entry that is in no syllabus section", "dataset", "dataset")
BB507 = rule("BB507", ERROR, "identifier without a recorded source", "dataset", "dataset")
BB508 = rule(SIDECAR_CODE, ERROR, "provenance sidecar missing or malformed", "dataset",
             "dataset")
BB509 = rule("BB509", WARNING, "provenance recorded for an entry that does not exist",
             "dataset", "dataset")

# Identifiers whose source the dataset records.
IDENTIFIER_FIELDS = ("doi", "isbn", "issn", "pmid", "pmcid", "url")


def _all_records(bibliographies: Sequence[Bibliography]) -> Iterator[Record]:
    for bibliography in bibliographies:
        yield from bibliography.records


@check(BB503, BB504)
def annotated(record: Record, context: Context) -> Iterator[Diagnostic]:
    if not (record.get("annote") or "").strip():
        yield BB503.at(record, None, "no annote: every dataset entry carries its description",
                       fix="add annote = {…}")
    if not (record.get("keywords") or "").strip():
        yield BB504.at(record, None, "no keywords: every dataset entry carries its subjects",
                       fix="add keywords = {…, …}")


@check(BB505, BB506, scope="collection")
def syllabus_coverage(bibliographies: Sequence[Bibliography],
                      context: Context) -> Iterator[Diagnostic]:
    if not context.syllabi:
        return
    known = {record.key for record in _all_records(bibliographies)}
    for syllabus in context.syllabi:
        for key in dict.fromkeys(syllabus.keys):
            if key not in known:
                from difflib import get_close_matches

                close = get_close_matches(key, known, n=1)
                yield BB505.finding(f"syllabus '{syllabus.name}' names '{key}', which is not "
                                    "in the bibliography", path=syllabus.path,
                                    line=syllabus.line_of(key), key=key,
                                    fix=f"did you mean '{close[0]}'?" if close else None)
    if context.profile != "dataset":
        return
    placed = {key for syllabus in context.syllabi for key in syllabus.keys}
    names = ", ".join(s.name for s in context.syllabi)
    for record in _all_records(bibliographies):
        if record.key not in placed:
            yield BB506.at(record, None, f"in no section of the syllabi ({names})",
                           fix="add the key to a section's keys")


@check(BB507, BB509, scope="bibliography")
def provenance(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    sidecar = context.provenance.get(bibliography.path)
    if sidecar is None:
        return  # missing or unreadable: the loader has reported it (BB508)
    for record in bibliography.records:
        recorded = sidecar.entries.get(record.key)
        for name in IDENTIFIER_FIELDS:
            if not (record.get(name) or "").strip():
                continue
            if recorded is None or not recorded.covers(name):
                yield BB507.at(record, name, f"no source recorded for '{name}' in "
                               f"{sidecar.path}", fix=f"add [[entries.{record.key}.sources]] "
                               f"with fields = [\"{name}\"] and the source URL")
    keys = set(bibliography.keys)
    for key, entry in sidecar.entries.items():
        if key not in keys:
            yield BB509.finding(f"provenance for '{key}', which is not in the bibliography",
                                path=sidecar.path, line=entry.line, key=key,
                                fix="remove the table, or correct the key")
