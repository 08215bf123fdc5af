"""BB1xx: what the reader could not read, and keys and types BibTeX cannot use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..bibtex.model import Record
from ..bibtex.reader import (
    DUPLICATE_FIELD,
    DUPLICATE_KEY,
    MISSING_KEY,
    STRAY_FIELDS,
    STRING_REDEFINED,
    SYNTAX,
    UNBALANCED_BRACES,
    UNDEFINED_MACRO,
    UNTERMINATED_STRING,
    Bibliography,
)
from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from ..kinds import KNOWN_ENTRY_TYPES
from .core import Context, check, rule

BB101 = rule(SYNTAX, ERROR, "a block the parser could not read", "syntax")
BB102 = rule(UNBALANCED_BRACES, ERROR, "unbalanced braces", "syntax")
BB103 = rule(UNTERMINATED_STRING, ERROR, "unterminated quoted string", "syntax")
BB104 = rule(DUPLICATE_KEY, ERROR, "duplicate citation key (keys are case-insensitive)",
             "syntax")
BB105 = rule(DUPLICATE_FIELD, ERROR, "a field repeated in one entry", "syntax")
BB106 = rule(UNDEFINED_MACRO, ERROR, "undefined @string macro", "syntax")
BB107 = rule(MISSING_KEY, ERROR, "entry without a citation key", "syntax")
BB108 = rule("BB108", ERROR, "citation key that BibTeX or biber cannot read", "syntax")
BB109 = rule("BB109", WARNING, "entry type that is neither a BibTeX nor a biblatex type", "syntax")
BB110 = rule("BB110", ERROR, "file that cannot be read or decoded", "syntax")
BB111 = rule(STRING_REDEFINED, INFO, "@string macro defined again (the last definition wins)",
             "syntax")

KNOWN_TYPES = KNOWN_ENTRY_TYPES  # BibTeX's and biblatex's, from the one table in kinds

# Characters biber's parser stops at in a key (BibTeX reads all but `{` and `}`; a space or
# comma the reader already refuses). `~`, `:`, `/` and non-ASCII letters are fine for both.
_BAD_KEY_CHARS = re.compile(r"[\s,{}()\"#%\\=']")


BB112 = rule(STRAY_FIELDS, ERROR, "fields outside any entry (an entry closed by a '}' too many)",
             "syntax")


@check(BB101, BB102, BB103, BB104, BB105, BB106, BB107, BB111, BB112, scope="bibliography")
def reader_problems(bibliography: Bibliography, context: Context) -> Iterator[Diagnostic]:
    """What the reader found: already diagnostics, under these rules' codes."""
    yield from bibliography.problems


# Types that a widely used style adds (its FUNCTIONs, in its .bst): fine for a file written
# for that style, unknown to the others. The standard type each is closest to.
_ACM = "ACM's ACM-Reference-Format.bst (acmart)"
STYLE_TYPES = {"artifactsoftware": (_ACM, "software"), "artifactdataset": (_ACM, "dataset"),
               "game": (_ACM, "software")}


@check(BB108, BB109)
def key_and_type(record: Record, context: Context) -> Iterator[Diagnostic]:
    bad = _BAD_KEY_CHARS.findall(record.key)
    if bad:
        shown = ", ".join(repr(c) for c in dict.fromkeys(bad))
        cleaned = _BAD_KEY_CHARS.sub("", record.key)
        yield BB108.at(
            record,
            None,
            f"citation key contains {shown}, which biber cannot read in a key",
            fix=f"rename the key, e.g. to '{cleaned}'" if cleaned else None,
        )
    style = STYLE_TYPES.get(record.entry_type)
    if style is not None:
        bst, standard = style
        yield BB109.at(record, None, f"@{record.entry_type} is not a BibTeX or biblatex type; "
                       f"{bst} defines it, other styles do not",
                       fix=f"keep it for that style; elsewhere use @{standard}")
    elif record.entry_type not in KNOWN_TYPES:
        close = _closest_type(record.entry_type)
        yield BB109.at(
            record,
            None,
            f"unknown entry type @{record.entry_type}",
            fix=f"use @{close}" if close else "use @misc",
        )


@lru_cache(maxsize=1024)  # one unknown type recurs on many entries (Mendeley's @misc…)
def _closest_type(entry_type: str) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(entry_type, KNOWN_TYPES, n=1)
    return close[0] if close else None


def unreadable(path: str, message: str, line: int | None = None) -> Diagnostic:
    """The finding for a file that could not be read or decoded at all."""
    return BB110.finding(
        message,
        path=path,
        line=line,
        fix="re-save the file as UTF-8 text" if "UTF" in message or "bytes" in message else None,
    )
