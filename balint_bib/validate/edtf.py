"""The dates biblatex accepts, as biber 2.18 reads them (`Biber::Date::Format`, EDTF
level 1 of ISO 8601-2): a date or a range `start/end`, either end open (empty or `..`).

One date is `[-]YYYY`, `[-]YYYY-MM`, `[-]YYYY-MM-DD` or `[-]YYYY-MM-DDThh:mm:ss[.mmm]`
with an optional time zone (`Z`, `+01:00`), `Y[-]NNNNN…` for years beyond four digits,
a year division `YYYY-21` … `YYYY-41` (seasons 21–24; hemispheric seasons, quarters,
quadrimesters, semesters), and the qualifiers `?` (uncertain), `~` (approximate) and `%`
(both) at the end. Without a range, unspecified digits `199X`, `19XX`, `1999-XX`,
`1999-01-XX` and `1999-XX-XX` stand for the range they cover. Calendar values must exist
(month 1–12, day of that month, hour < 24, no leap second), as biber's DateTime checks.

Where we differ from biber: it lets `YYYY-20` through and prints it as a bare year
(20 is no year division), and drops `../..` without a warning; both are errors here.
"""

from __future__ import annotations

import re

_CORE = re.compile(
    r"(?P<year>-?\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)"
    r"(?:T(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?:\.\d{3})?)?)?)?"
    r"|Y-?\d{5,}"
)
# biber strips a trailing `?`, then `~`, then `%`, with the spaces around each.
_QUALIFIERS = tuple(re.compile(rf"\s*(.+?)\s*{re.escape(q)}\s*") for q in "?~%")
_TIME_ZONE = re.compile(r"(?:Z|[+-]\d\d:\d\d)$")
_DIVISION = re.compile(r"-?\d{4}-(?:2[1-9]|3\d|4[01])")
_UNSPECIFIED = re.compile(r"\d{3}X|\d{2}XX|\d{4}-XX(?:-XX)?|\d{4}-(?P<month>\d\d)-XX")


def _days_in(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _calendar(match: re.Match[str]) -> bool:
    if match.group("year") is None:  # Y-prefixed long year
        return True
    year, month, day = (match.group(n) for n in ("year", "month", "day"))
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if day is not None and not 1 <= int(day) <= _days_in(int(year), int(month)):
        return False
    hour = match.group("hour")
    return hour is None or (int(hour) < 24 and int(match.group("minute")) < 60
                            and int(match.group("second")) < 60)


def edtf_date(value: str) -> bool:
    """One date as biber reads it (no range)."""
    text = value
    for qualifier in _QUALIFIERS:
        if (match := qualifier.fullmatch(text)) is not None:
            text = match.group(1)
    if _DIVISION.fullmatch(text):
        return True
    text = _TIME_ZONE.sub("", text, count=1) if "T" in text else text
    match = _CORE.fullmatch(text)
    return match is not None and _calendar(match)


def _unspecified(value: str) -> bool:
    match = _UNSPECIFIED.fullmatch(value)
    return match is not None and (match.group("month") is None
                                  or 1 <= int(match.group("month")) <= 12)


def edtf_date_or_range(value: str) -> bool:
    """A date field's value as biblatex accepts it: a date, or a range `start/end`
    with either end open (empty or `..`), not both."""
    value = value.strip()
    if "X" in value and "/" not in value:
        return _unspecified(value)
    if value.count("/") > 1:
        return False
    start, slash, end = value.partition("/")
    if not slash:
        return bool(value) and edtf_date(value)
    if start in ("", "..") and end in ("", ".."):
        return False
    return all(side in ("", "..") or edtf_date(side) for side in (start, end))
