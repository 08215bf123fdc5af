"""The CSL-JSON source the engine reads items from: citeproc-py's, with citeproc-js's
reading of dates."""

from __future__ import annotations

from typing import Any

from citeproc.source import Date, DateRange, LiteralDate
from citeproc.source.json import CiteProcJSON


def _date(parts: list[Any], season: Any) -> dict[str, int] | None:
    """One date's parts as citeproc-js reads them: numbers (also written as strings),
    a month 13-24 as a season (13 and 21 spring ... 16 and 24 winter), an impossible month
    left out with its day, empty parts left out; None without a year."""
    numbers = []
    for part in parts[:3]:
        try:
            numbers.append(int(str(part).strip()))
        except ValueError:
            break  # "", or text: nothing from here on
    if not numbers or numbers[0] == 0:
        return None
    date = {"year": numbers[0]}
    month = numbers[1] if len(numbers) > 1 else 0
    if 1 <= month <= 12:
        date["month"] = month
        if len(numbers) > 2 and 1 <= numbers[2] <= 31:
            date["day"] = numbers[2]
    elif 13 <= month <= 24:
        date["season"] = (month - 13) % 4 + 1
    if "month" not in date and str(season).strip().isdigit():
        date["season"] = int(season)
    return date


class ProjectCiteProcJSON(CiteProcJSON):  # type: ignore[misc]
    """citeproc-py's CSL-JSON source, reading dates as citeproc-js does: seasons given as
    months, each date of a range with its own season, numbers written as strings, and a
    date with no usable parts printed as its `raw` or `literal` text."""

    def parse_date(self, json_data: Any) -> Any:
        if not isinstance(json_data, dict):
            return super().parse_date(json_data)
        dates = [_date(parts, json_data.get("season")) for parts in
                 json_data.get("date-parts") or [] if isinstance(parts, list)]
        circa = bool(json_data.get("circa"))
        if dates and dates[0] is not None:
            begin = Date(**dates[0])
            if len(dates) > 1 and dates[1] is not None:
                return DateRange(begin=begin, end=Date(**dates[1]), circa=circa)
            return Date(circa=circa, **dates[0])
        text = json_data.get("literal") or json_data.get("raw")
        return LiteralDate(str(text), circa=circa) if text else None
