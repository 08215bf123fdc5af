"""The project's one diagnostic type: what the reader, validation and the provenance
sidecar report about the data, each with a stable rule code and a location.

A diagnostic is data, not an exception: code that can go on after a defect collects
them (`Bibliography.problems`, `validate_files(...).findings`); code that cannot
raises `InputError` instead.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

__all__ = ["ERROR", "INFO", "WARNING", "Diagnostic", "Severity"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe; sorts errors first."""
        return _RANKS[self.value]


_RANKS = {"error": 0, "warning": 1, "info": 2}
ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class Diagnostic(NamedTuple):
    """One defect: rule `code` (`BB102`), `severity`, a message, where it is (file, line,
    entry key, field) and, where one exists, a suggested `fix`. (A named tuple, immutable
    like the frozen dataclass it was: a 10k-entry file has tens of thousands of findings,
    and a frozen dataclass costs three times as much to build.)"""

    code: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None
    key: str | None = None
    field: str | None = None
    fix: str | None = None

    def sort_key(self) -> tuple[str, int, str, str]:
        """File, line, code, field: the order reports list diagnostics in."""
        return (self.path or "", self.line or 0, self.code, self.field or "")

    def as_dict(self) -> dict[str, str | int | None]:
        """The JSON form (the `findings` items of `validate --format json`)."""
        return {
            "code": self.code, "severity": self.severity.value, "path": self.path,
            "line": self.line, "key": self.key, "field": self.field,
            "message": self.message, "fix": self.fix,
        }  # fmt: skip
