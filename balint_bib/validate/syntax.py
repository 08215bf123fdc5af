"""BB1xx: what the reader could not read, and keys and types BibTeX cannot use."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bibtex.reader import Bibliography
from ..kinds import KNOWN_ENTRY_TYPES
from ..model import Record
from .core import ERROR, WARNING, Context, Finding, check, rule

BB101 = rule("BB101", ERROR, "a block the parser could not read", "syntax")
BB102 = rule("BB102", ERROR, "unbalanced braces", "syntax")
BB103 = rule("BB103", ERROR, "unterminated quoted string", "syntax")
BB104 = rule("BB104", ERROR, "duplicate citation key (keys are case-insensitive)", "syntax")
BB105 = rule("BB105", ERROR, "a field repeated in one entry", "syntax")
BB106 = rule("BB106", ERROR, "undefined @string macro", "syntax")
BB107 = rule("BB107", ERROR, "entry without a citation key", "syntax")
BB108 = rule("BB108", ERROR, "citation key with characters that break LaTeX", "syntax")
BB109 = rule("BB109", WARNING, "entry type that is neither a BibTeX nor a biblatex type", "syntax")
BB110 = rule("BB110", ERROR, "file that cannot be read or decoded", "syntax")

# The reader's Problem kinds → rules.
PROBLEM_RULES = {
    "syntax": BB101, "unbalanced-braces": BB102, "unterminated-string": BB103,
    "duplicate-key": BB104, "duplicate-field": BB105, "undefined-macro": BB106,
    "missing-key": BB107,
}  # fmt: skip
PROBLEM_FIXES = {
    "unbalanced-braces": "close every '{' with a '}' in the same field",
    "unterminated-string": "close the quoted value with '\"', or use braces",
    "duplicate-key": "rename one of the entries, or merge them",
    "duplicate-field": "keep one of the values (BibTeX uses the first)",
    "undefined-macro": "define it with @string{name = {...}} before use, or brace the value",
}

KNOWN_TYPES = KNOWN_ENTRY_TYPES  # BibTeX's and biblatex's, from the one table in kinds

# Characters that end a key in \cite{…}, or that LaTeX or BibTeX treat specially.
_BAD_KEY_CHARS = re.compile(r"[\s,{}()\"#%~\\=']|[^\x00-\x7f]")


@check(BB101, BB102, BB103, BB104, BB105, BB106, BB107, scope="bibliography")
def reader_problems(bibliography: Bibliography, context: Context) -> Iterator[Finding]:
    for problem in bibliography.problems:
        found = PROBLEM_RULES.get(problem.kind, BB101)
        yield found.finding(
            problem.message,
            path=bibliography.path,
            line=problem.line,
            key=problem.key,
            field=problem.field,
            fix=PROBLEM_FIXES.get(problem.kind),
        )


@check(BB108, BB109)
def key_and_type(record: Record, context: Context) -> Iterator[Finding]:
    bad = _BAD_KEY_CHARS.findall(record.key)
    if bad:
        shown = ", ".join(repr(c) for c in dict.fromkeys(bad))
        cleaned = _BAD_KEY_CHARS.sub("", record.key)
        yield BB108.at(
            record,
            None,
            f"citation key contains {shown}",
            fix=f"rename the key, e.g. to '{cleaned}'" if cleaned else None,
        )
    if record.entry_type not in KNOWN_TYPES:
        from difflib import get_close_matches

        close = get_close_matches(record.entry_type, KNOWN_TYPES, n=1)
        yield BB109.at(
            record,
            None,
            f"unknown entry type @{record.entry_type}",
            fix=f"use @{close[0]}" if close else "use @misc",
        )


def unreadable(path: str, message: str, line: int | None = None) -> Finding:
    """The finding for a file that could not be read or decoded at all."""
    return BB110.finding(
        message,
        path=path,
        line=line,
        fix="re-save the file as UTF-8 text" if "UTF" in message or "bytes" in message else None,
    )
