"""BB201 on the resolved view, and BB205/BB207: crossref/xref/xdata links that cannot be
followed (a missing entry; the entry itself or a cycle), found in one resolution.

A required field is present when the entry has it, inherits it through xdata or crossref
(biblatex's rules: a @proceedings title is an @inproceedings booktitle), or finds it in
an xref parent: xref inherits nothing, but it says where the rest of the data is.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..bibtex.inherit import has_links, inherited_fields, lineage, resolve_and_check
from ..bibtex.reader import Bibliography
from ..diagnostics import ERROR, Diagnostic
from .core import Context, check, rule
from .fields import BB201, BB205
from .required import dialect_of, required_groups

BB207 = rule("BB207", ERROR, "crossref/xref/xdata to the entry itself or in a cycle",
             "fields")


@lru_cache(maxsize=256)  # a few groups, asked of each entry that lacks one
def _wanted(group: tuple[str, ...]) -> tuple[str, str]:
    """What BB201 says is missing, and its fix."""
    return " or ".join(f"'{name}'" for name in group), f"add {group[0]} = {{…}}"


@check(BB201, BB205, BB207, scope="bibliography")
def required_and_links(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    records = bibliography.records
    linked = has_links(records)
    resolved, broken = resolve_and_check(records) if linked else (records, [])
    # the first of a key wins
    by_key = {r.key.casefold(): r for r in reversed(resolved)} if linked else {}
    dialect = dialect_of(bibliography, context)
    for record in resolved:
        groups = required_groups(record.entry_type, dialect)
        if not groups:
            continue
        present = {item.name for item in record.fields if item.value.strip()}
        if linked and any(present.isdisjoint(group) for group in groups):
            for parent in lineage(record, by_key):
                present |= {f.name for f in inherited_fields(record, parent) if f.value.strip()}
        for group in groups:
            if present.isdisjoint(group):
                wanted, fix = _wanted(group)
                yield BB201.at(record, None, f"@{record.entry_type} needs {wanted}", fix=fix)
    for link in broken:  # keys and `ids` aliases, any case
        if link.problem == "missing":
            yield BB205.at(link.record, link.field, f"{link.field} points to '{link.target}', "
                           "which is not in this file", fix="add that entry, or remove the field")
            continue
        what = "the entry itself" if link.problem == "self" else "a cycle of entries"
        yield BB207.at(link.record, link.field, f"{link.field} = {{{link.target}}} refers to "
                       f"{what}; nothing is inherited", fix=f"remove the {link.field} field "
                       "or point it to the parent entry")
