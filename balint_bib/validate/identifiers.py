"""BB3xx: DOI, ISBN, ISSN, PMID, URL and date syntax (check digits included; dates as
biber reads them, see `edtf`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bibtex.model import Record
from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from ..doi import DOI, RESOLVER_PREFIX, TRAILING_PUNCTUATION, doi_key
from .core import Context, check, rule
from .edtf import edtf_date_or_range

BB301 = rule("BB301", ERROR, "DOI that is not of the form 10.NNNN/suffix", "identifiers")
BB302 = rule(
    "BB302", WARNING, "DOI written with a resolver prefix (https://doi.org/, doi:)", "identifiers"
)
BB303 = rule("BB303", WARNING, "DOI with trailing punctuation", "identifiers")
BB304 = rule("BB304", ERROR, "ISBN with a wrong length or check digit", "identifiers")
BB305 = rule("BB305", ERROR, "ISSN with a wrong form or check digit", "identifiers")
BB306 = rule("BB306", ERROR, "PMID that is not a number", "identifiers")
BB307 = rule("BB307", ERROR, "URL that is not an absolute http(s) URL", "identifiers")
BB308 = rule("BB308", ERROR, "urldate that biblatex cannot read as a date (EDTF)", "identifiers")
BB309 = rule(
    "BB309", ERROR, "date, origdate or eventdate that biblatex cannot read (EDTF)", "identifiers"
)
BB310 = rule("BB310", INFO, "url that only repeats the DOI", "identifiers")


_URL = re.compile(r"https?://[^\s/?#\\]+\.[^\s/?#\\]+(?:[/?#][^\s\\]*)?|https?://localhost\S*")
_URL_MACRO = re.compile(r"^\\url\{(.*)\}$")
_DATE_FIELDS = ("date", "origdate", "eventdate")
_ISSN = re.compile(r"(\d{4})-?(\d{3}[\dXx])")


@check(BB301, BB302, BB303, fields=("doi",))
def doi(record: Record, context: Context) -> Iterator[Diagnostic]:
    value = record.get("doi")
    if value is None or not value.strip():
        return
    value = value.strip()
    bare = value
    if RESOLVER_PREFIX.match(bare):
        bare = RESOLVER_PREFIX.sub("", bare)
        yield BB302.at(record, "doi", "DOI has a resolver prefix", fix=f"doi = {{{bare}}}")
    if bare and bare[-1] in TRAILING_PUNCTUATION:
        bare = bare.rstrip(TRAILING_PUNCTUATION)
        yield BB303.at(record, "doi", "DOI ends with punctuation", fix=f"doi = {{{bare}}}")
    if not DOI.fullmatch(bare):
        yield BB301.at(record, "doi", f"'{value}' is not a DOI (10.NNNN/suffix)")


def isbn_valid(isbn: str) -> bool:
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * int(c) for i, c in enumerate(digits[:9]))
        total += 10 if digits[9] == "X" else int(digits[9])
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit() and digits.startswith(("978", "979")):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def issn_valid(issn: str) -> bool:
    match = _ISSN.fullmatch(issn.strip())
    if not match:
        return False
    digits = (match.group(1) + match.group(2)).upper()
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check_digit = (11 - total % 11) % 11
    return digits[7] == ("X" if check_digit == 10 else str(check_digit))


def _identifiers(value: str) -> list[str]:
    """The identifiers of a field that may list several: `0-12-345678-9 (pbk); 978-…`."""
    without_notes = re.sub(r"\([^)]*\)", " ", value)
    # Mendeley separates them with an escaped carriage return, or with wide spaces.
    parts = re.split(r"[,;]|\\textbackslash\{\}[rn]|\\[rn]|\s{2,}", without_notes)
    return [part.strip() for part in parts if part.strip()]


@check(BB304, BB305, BB306, fields=("isbn", "issn", "pmid"))
def isbn_issn_pmid(record: Record, context: Context) -> Iterator[Diagnostic]:
    isbn = record.get("isbn")
    if isbn:
        for item in _identifiers(isbn):
            if len(item.split()) > 1 and all(map(isbn_valid, item.split())):
                continue  # two ISBNs (print, e-book) separated by a space
            if not isbn_valid(item) and issn_valid(item):
                yield BB304.at(record, "isbn", f"'{item}' is an ISSN, not an ISBN",
                               fix="move it to the issn field")
            elif not isbn_valid(item):
                yield BB304.at(
                    record,
                    "isbn",
                    f"'{item}' is not a valid ISBN-10 or ISBN-13",
                    fix="copy the ISBN again from the book or a catalogue",
                )
    issn = record.get("issn")
    if issn:
        for item in _identifiers(issn):
            if not issn_valid(item):
                yield BB305.at(
                    record,
                    "issn",
                    f"'{item}' is not a valid ISSN (NNNN-NNNC)",
                    fix="copy the ISSN again from the journal or the ISSN portal",
                )
    pmid = record.get("pmid")
    if pmid is not None and not pmid.strip().isdigit():
        digits = re.sub(r"\D", "", pmid)
        yield BB306.at(
            record,
            "pmid",
            f"'{pmid}' is not a PubMed ID (digits only)",
            fix=f"pmid = {{{digits}}}" if digits else None,
        )


@check(BB307, BB310, fields=("url",))
def url(record: Record, context: Context) -> Iterator[Diagnostic]:
    value = record.get("url")
    if value is None:
        return
    value = value.strip()
    macro = _URL_MACRO.match(value)
    if macro:
        value = macro.group(1)
    if not _URL.fullmatch(value):
        fix = None
        if value.startswith("www."):
            fix = f"url = {{https://{value}}}"
        elif "\\" in value:
            fix = "write the URL verbatim, without LaTeX escapes"
        yield BB307.at(record, "url", f"'{value}' is not an absolute http(s) URL", fix=fix)
        return
    doi_value = record.get("doi")
    lowered = value.lower()
    if (
        doi_value
        and "doi.org/" in lowered
        and lowered.split("doi.org/", 1)[1] == doi_key(doi_value)
    ):
        yield BB310.at(
            record, "url", "url only repeats the DOI", fix="remove the url; styles link the DOI"
        )


@check(BB308, BB309, fields=("urldate", *_DATE_FIELDS))
def dates(record: Record, context: Context) -> Iterator[Diagnostic]:
    # biblatex's date fields, read as biber reads them (EDTF level 1, see `edtf`).
    urldate = record.get("urldate")
    if urldate is not None and not edtf_date_or_range(urldate):
        yield BB308.at(
            record,
            "urldate",
            f"urldate '{urldate}' is not a date biblatex reads",
            fix="urldate = {YYYY-MM-DD}, the day the page was seen",
        )
    for name in _DATE_FIELDS:
        value = record.get(name)
        if value is not None and not edtf_date_or_range(value):
            yield BB309.at(
                record,
                name,
                f"{name} '{value}' is not a date or range biblatex reads",
                fix=f"{name} = {{YYYY-MM-DD}} (or YYYY, YYYY-MM, start/end, ../end)",
            )
