"""BB405-BB408: the form of `pages` — pages, ranges and lists of them, as journals
number them: `12--34`, `A665--A679`, `C3-53--C3-66`, `161301(R)`, `e1002`, `xiv`, `12+`,
and abbreviated ranges (`865--9`), which are valid and only clearer in full."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bibtex.model import Record
from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from .core import Context, check, rule

BB405 = rule("BB405", WARNING, "page range with a single hyphen instead of --", "values")
BB406 = rule("BB406", ERROR, "page range whose start is after its end", "values")
BB407 = rule("BB407", WARNING, "pages that are not a page, a range or a list of them", "values")
BB408 = rule("BB408", INFO, "abbreviated page range (865--9): valid, clearer in full", "values")

# One page: an optional short letter prefix, a number, then letters, digits or dots
# (article numbers `eaam9756`, `FTu4B.3`, `82620P1`) and a marker like `(R)`; or a
# roman numeral. A DOI suffix (`acs.nanolett.7b02489`) or a word (`ASAP`) is not one.
_ONE = r"(?:[A-Za-z]{0,4}\d[A-Za-z0-9.:]*(?:\([A-Za-z]{1,3}\))?|[ivxlcdm]+|[IVXLCDM]+)"
_PAGE = re.compile(rf"{_ONE}(?:-{_ONE})*\+?")  # a section-page number: C3-53
_NAMED = re.compile(rf"[A-Z][a-z]+\.?\s+(?:{_ONE}|[A-Z])")  # Cover 3, Appendix A
_DASHES = re.compile(r"\s*(?:\\textendash\b\s*|\\endash\b\s*|\u2013|\u2014|-{2,3})\s*")
_SPACING = re.compile(r"\\[,;! ]|[{}]")


def _page(text: str) -> bool:
    return bool(_PAGE.fullmatch(text) or _NAMED.fullmatch(text))


def _range_findings(record: Record, part: str, start: str, end: str,
                    dash: str) -> Iterator[Diagnostic]:
    if dash == "-":
        yield BB405.at(record, "pages", f"'{part}' uses a single hyphen",
                       fix=f"pages = {{{start}--{end}}}")
    if not (start.isdigit() and end.isdigit()) or int(start) <= int(end):
        return
    if len(end) < len(start):  # 1425--37, as Vancouver and Index Medicus write ranges
        full = start[: len(start) - len(end)] + end
        if int(full) >= int(start):
            yield BB408.at(record, "pages", f"'{part}' is an abbreviated range "
                           f"({start} to {full})", fix=f"write the range in full: {start}--{full}")
            return
        if len(start) >= 5 and len(start) - len(end) >= 2:
            # 236802--1 (Phys. Rev. Lett.): an APS/AIP article number and the page of the
            # article (e-locator 236802-1), not a range that runs backwards.
            yield BB407.at(record, "pages", f"'{part}' is an article number with a page "
                           f"suffix ({start}-{end}), not a range",
                           fix=f"pages = {{{start}}}; the article number also fits eid")
            return
    yield BB406.at(record, "pages", f"page range '{part}' starts after it ends")


def _not_pages(record: Record, part: str) -> Diagnostic:
    return BB407.at(record, "pages", f"'{part}' is not a page, a page range or a list of them",
                    fix="pages = {12--34}; an article number also fits eid")


@check(BB405, BB406, BB407, BB408, fields=("pages",))
def pages(record: Record, context: Context) -> Iterator[Diagnostic]:
    value = record.get("pages")
    if value is None or not value.strip():
        return
    # `{c\,3}`: braces and thin spaces are typography, not part of the page.
    text = _SPACING.sub("", value) if ("{" in value or "\\" in value) else value
    for raw in text.split(","):
        part = raw.strip()
        pieces = _DASHES.split(part, maxsplit=1)
        if len(pieces) == 2:  # an explicit range dash: each side may hold single hyphens
            start, end = (piece.strip() for piece in pieces)
            if _page(start) and _page(end):
                yield from _range_findings(record, part, start, end, "--")
            else:
                yield _not_pages(record, part)
        elif _page(part) and "-" not in part:
            continue
        elif part.count("-") == 1 and all(_page(p.strip()) for p in part.split("-")):
            start, end = (piece.strip() for piece in part.split("-"))
            yield from _range_findings(record, part, start, end, "-")
        elif not _page(part):
            yield _not_pages(record, part)
