"""Findings, rules and the check registry.

A *rule* is one stable code (`BB201`) with a severity and a one-line summary. A
*check* is a pure function that may emit findings for one or more rules; it is
registered with the `@check` decorator, per record or per bibliography.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..bibtex.reader import Bibliography
    from ..model import Record
    from ..syllabus import Syllabus
    from .provenance import Provenance


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    key: str | None = None
    field: str | None = None
    fix: str | None = None

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path or "", self.line or 0, self.code, self.field or "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "severity": self.severity.value, "path": self.path,
            "line": self.line, "key": self.key, "field": self.field,
            "message": self.message, "fix": self.fix,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    family: str  # "syntax", "fields", "identifiers", "values", "dataset", "online"
    profile: str | None = None  # "dataset": only in the dataset profile; "online": --online

    def at(
        self, record: Record, field_name: str | None, message: str, fix: str | None = None
    ) -> Finding:
        """A finding on `record`, at the line of `field_name` when it has one."""
        item = record.field(field_name) if field_name else None
        line = item.line if item is not None else record.line
        return Finding(
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
    ) -> Finding:
        return Finding(self.code, self.severity, message, path, line, key, field, fix)


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
    lookup_doi: Callable[[str], dict[str, Any] | None] | None = None
    today: _dt.date = field(default_factory=_dt.date.today)


RecordCheck = Callable[["Record", Context], Iterable[Finding]]
BibliographyCheck = Callable[["Bibliography", Context], Iterable[Finding]]
CollectionCheck = Callable[[Sequence["Bibliography"], Context], Iterable[Finding]]

# A check sees one record, one file, or all the files validated together (so that a
# syllabus may draw on several files and duplicates across files are found).
SCOPES = ("record", "bibliography", "collection")


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    scope: str
    function: Callable[..., Iterable[Finding]]


CHECKS: list[Check] = []


def check(*rules: Rule, scope: str = "record") -> Callable[[Callable], Callable]:
    """Register a check that may emit findings for `rules`."""
    if scope not in SCOPES:
        raise ValueError(scope)

    def register(function: Callable) -> Callable:
        CHECKS.append(Check(function.__name__, rules, scope, function))
        return function

    return register
