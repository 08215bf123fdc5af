"""Running the registered checks over parsed bibliographies.

    findings = validate([bibliography], Context(profile="dataset", syllabi=...))

Checks are pure functions registered per family module (syntax, fields, identifiers,
values, dataset, vocabulary, online); this module imports them all, so every rule is registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..bibtex.reader import Bibliography, cyclic_gc_paused
from ..diagnostics import Diagnostic, Severity
from . import (  # noqa: F401 (importing registers their rules and checks)
    dataset,
    duplicates,
    fields,
    identifiers,
    inheritance,
    latex,
    online,
    pages,
    provenance,
    required,
    syntax,
    values,
    vocabulary,
)
from .config import Selection
from .core import CHECKS, RULES, Context, Rule

__all__ = ["Context", "count", "validate"]


def _applies(rule: Rule, selection: Selection, profile: str, lookups: bool) -> bool:
    if not selection.enabled(rule.code):
        return False
    if rule.profile == "dataset":
        return profile == "dataset"
    if rule.profile == "online":
        return lookups
    return True


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one call runs, split by scope once rather than on every call."""

    active: frozenset[str]
    record: tuple[tuple[Callable[..., Iterable[Diagnostic]], frozenset[str] | None], ...]
    bibliography: tuple[Callable[..., Iterable[Diagnostic]], ...]
    collection: tuple[Callable[..., Iterable[Diagnostic]], ...]


@lru_cache(maxsize=64)
def _plan(selection: Selection, profile: str, lookups: bool,
          registered: tuple[int, int]) -> _Plan:
    """The active codes and the checks that emit them: the same for every call with these
    settings, and worked out once (per file it was a fixed cost, most of a small file's
    validation). `registered` counts rules and checks, so that a later one is seen."""
    active = frozenset(code for code, rule in RULES.items()
                       if _applies(rule, selection, profile, lookups))
    checks = [c for c in CHECKS if any(r.code in active for r in c.rules)]
    return _Plan(active, tuple((c.function, c.fields) for c in checks if c.scope == "record"),
                 tuple(c.function for c in checks if c.scope == "bibliography"),
                 tuple(c.function for c in checks if c.scope == "collection"))


_DEFAULT_SELECTION = Selection()


def validate(bibliographies: Bibliography | Sequence[Bibliography],
             context: Context | None = None, selection: Selection | None = None,
             extra: Iterable[Diagnostic] = ()) -> list[Diagnostic]:
    """All findings for `bibliographies`, sorted by file and line.

    `extra` takes findings made while loading (unreadable files, a malformed sidecar),
    so that selection and profiles apply to them too.
    """
    if isinstance(bibliographies, Bibliography):
        bibliographies = [bibliographies]
    context = context or Context()
    plan = _plan(selection or _DEFAULT_SELECTION, context.profile,
                 context.lookup_doi is not None, (len(RULES), len(CHECKS)))
    with cyclic_gc_paused():  # checks allocate many short-lived objects, none cyclic
        findings = _run(bibliographies, context, plan, extra)
    findings.sort(key=Diagnostic.sort_key)
    return findings


def _run(bibliographies: Sequence[Bibliography], context: Context, plan: _Plan,
         extra: Iterable[Diagnostic]) -> list[Diagnostic]:
    active = plan.active
    findings = [f for f in extra if f.code in active]
    record_checks = plan.record
    for bibliography in bibliographies:
        for function in plan.bibliography:
            findings.extend(function(bibliography, context))
        start = len(findings)
        for record in bibliography.records:
            present = record.field_names
            for check, needed in record_checks:
                # A call costs more than asking whether the record has the check's fields.
                if needed is None or not present.isdisjoint(needed):
                    findings.extend(check(record, context))
        # A value the reader could not evaluate is kept raw; judging its form is noise.
        unreadable = ({(p.key, p.field) for p in bibliography.problems if p.field}
                      if bibliography.problems else None)
        if unreadable:  # one pass over this file's record findings, in their order
            findings[start:] = [f for f in findings[start:]
                                if (f.key, f.field) not in unreadable]
    for function in plan.collection:
        findings.extend(function(bibliographies, context))
    return [f for f in findings if f.code in active]


def count(findings: Iterable[Diagnostic]) -> dict[str, int]:
    counts = {severity.value: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity.value] += 1
    return counts
