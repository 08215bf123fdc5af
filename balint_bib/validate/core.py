"""Rules and the check registry.

A *rule* is one stable code (`BB201`) with a severity and a one-line summary. A
*check* is a pure function that may emit findings for one or more rules; it is
registered with the `@check` decorator, per record or per bibliography. Findings are
the project's diagnostics (`balint_bib.diagnostics.Diagnostic`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ..diagnostics import ERROR, INFO, WARNING, Diagnostic, Severity

if TYPE_CHECKING:
    from ..bibtex.model import Record
    from ..bibtex.reader import Bibliography
    from ..syllabus import Syllabus
    from ..vocabulary import Vocabulary
    from .provenance import Provenance

__all__ = ["CHECKS", "ERROR", "INFO", "RULES", "WARNING", "Check", "Context", "Diagnostic",
           "Finding", "Rule", "Severity", "check", "rule"]


# Validation's name for the project's diagnostic type (kept for the public API).
Finding = Diagnostic


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    family: str  # "syntax", "fields", "identifiers", "values", "dataset", "online"
    profile: str | None = None  # "dataset": only in the dataset profile; "online": --online

    def at(
        self, record: Record, field_name: str | None, message: str, fix: str | None = None
    ) -> Diagnostic:
        """A finding on `record`, at the line of `field_name` when it has one."""
        item = record.field(field_name) if field_name else None
        line = item.line if item is not None else record.line
        return Diagnostic(
            self.code, self.severity, message, record.path, line, record.key, field_name, fix
        )

    def finding(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        field: str | None = None,
        fix: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(self.code, self.severity, message, path, line, key, field, fix)


RULES: dict[str, Rule] = {}


def rule(
    code: str, severity: Severity, summary: str, family: str, profile: str | None = None
) -> Rule:
    if code in RULES:
        raise ValueError(f"rule {code} defined twice")
    RULES[code] = item = Rule(code, severity, summary, family, profile)
    return item


@dataclass(frozen=True)
class Context:
    """Everything a check may consult besides the bibliography itself. No I/O here:
    the CLI reads syllabi and the sidecar, and injects the Crossref lookup."""

    profile: str = "generic"  # or "dataset"
    syllabi: tuple[Syllabus, ...] = ()
    # The provenance sidecar of each file, by the bibliography's path (dataset profile).
    provenance: Mapping[str | None, Provenance] = field(default_factory=dict)
    # The keyword vocabulary of each file that has one, by path (dataset profile).
    vocabularies: Mapping[str | None, Vocabulary] = field(default_factory=dict)
    lookup_doi: Callable[[str], dict[str, Any] | None] | None = None
    today: _dt.date = field(default_factory=_dt.date.today)


RecordCheck = Callable[["Record", Context], Iterable[Diagnostic]]
BibliographyCheck = Callable[["Bibliography", Context], Iterable[Diagnostic]]
CollectionCheck = Callable[[Sequence["Bibliography"], Context], Iterable[Diagnostic]]

# A check sees one record, one file, or all the files validated together (so that a
# syllabus may draw on several files and duplicates across files are found).
SCOPES = ("record", "bibliography", "collection")


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    scope: str
    function: Callable[..., Iterable[Diagnostic]]
    # A record check that reads only these fields, and finds nothing in a record that
    # has none of them; None: it looks at every record.
    fields: frozenset[str] | None = None


CHECKS: list[Check] = []


CheckFunction = TypeVar("CheckFunction", bound=Callable[..., Iterable[Diagnostic]])


def check(*rules: Rule, scope: str = "record",
          fields: Iterable[str] | None = None) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check that may emit findings for `rules`. `fields` (record checks only):
    the fields without which the check finds nothing, so the runner need not call it for a
    record that has none of them (most records lack most of the fields a check is about)."""
    if scope not in SCOPES:
        raise ValueError(scope)
    if fields is not None and scope != "record":
        raise ValueError("only a record check is triggered by its fields")
    needed = frozenset(fields) if fields is not None else None

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS.append(Check(function.__name__, rules, scope, function, needed))
        return function

    return register
