"""The project's exceptions: every failure a user can cause is one of these.

The CLI turns them into one line on stderr and an exit code; nothing else
should escape to the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_DATA_ERROR = 1
EXIT_USAGE_ERROR = 2


class BalintBibError(Exception):
    """Base class. Carries where the problem is, so messages can name it."""

    exit_code = EXIT_DATA_ERROR

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key

    def location(self) -> str:
        """`file:line` (as far as known), the compiler-style prefix editors understand."""
        parts = [p for p in (self.path, str(self.line) if self.line else None) if p]
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        entry = f"entry '{self.key}': " if self.key else ""
        return f"{where}: {entry}{self.message}" if where else f"{entry}{self.message}"


class InputError(BalintBibError):
    """The data is bad: unreadable, malformed or inconsistent."""


class UsageError(BalintBibError):
    """The request is bad: a missing file, an unknown name, conflicting options."""

    exit_code = EXIT_USAGE_ERROR
