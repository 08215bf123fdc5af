"""CSL-JSON fields citeproc-js reads from other fields (pre-processing of the items)."""

from __future__ import annotations

import re
from typing import Any

from citeproc import DATES, NAMES, NUMBERS, VARIABLES
from citeproc.source import VariableError

# The standard variables that take plain text (names and dates are written differently).
_TEXT_VARIABLES = frozenset(v.replace("_", "-") for v in [*VARIABLES, *NUMBERS]) - frozenset(
    v.replace("_", "-") for v in [*NAMES, *DATES])
_NOTE_FIELD = re.compile(r"^\s*([a-z][a-z-]*[a-z])\s*:\s*(\S.*?)\s*$")


# Zotero's names for two CSL variables, still common in CSL-JSON.
_ZOTERO_NAMES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}


def derived_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The item with the fields citeproc-js derives: `container-title-short` and
    `title-short` from Zotero's `journalAbbreviation` and `shortTitle`, and the
    `variable: value` lines a `note` may carry (Zotero's way of giving a field its item
    type lacks). A field the item has is kept."""
    derived = dict(item)
    for legacy, variable in _ZOTERO_NAMES.items():
        if isinstance(item.get(legacy), str):
            derived.setdefault(variable, item[legacy])
    note = item.get("note")
    if isinstance(note, str):
        kept = []
        for line in note.split("\n"):
            match = _NOTE_FIELD.match(line)
            if match and match[1] in _TEXT_VARIABLES and match[1] != "note":
                derived.setdefault(match[1], match[2])
            else:
                kept.append(line)
        if len(kept) != len(note.split("\n")):
            derived["note"] = "\n".join(kept).strip()
            if not derived["note"]:
                del derived["note"]
    return derived


class SeasonRange:
    """on Date: a range of two seasons of one year prints both seasons and the year once
    ("Summer–Spring 1999"); citeproc-py compares only months and prints nothing."""

    def render_date_range(self: Any, date_range: Any, show_parts: Any = None,
                          context: Any = None) -> Any:
        begin, end = date_range.begin, date_range.end
        if end.is_nil() or begin.year != end.year or "month" in begin or "month" in end \
                or "season" not in begin or "season" not in end \
                or "month" not in (show_parts or ()):
            return super().render_date_range(date_range, show_parts, context)  # type: ignore[misc]
        seasons = [part for part in show_parts if part != "year"]
        first = self.render_single_date(begin, list(seasons), context)
        last = self.render_single_date(end, list(seasons), context)
        year = self.render_single_date(end, ["year"], context)
        if not (first and last):
            return None
        if begin.season == end.season:
            return context.join([first.rstrip(), year.rstrip()]) if year else first
        dash = self.unicode_character("EN DASH")
        seasons_text = first.rstrip() + dash + last
        return context.join([seasons_text, year.rstrip()]) if year else seasons_text


class PageRanges:
    """on FormatNumber: page ranges as citeproc-js formats them with a page-range-format
    (without one, as written): a last page written short is first completed from the first
    ("321-8": 328), a last page longer than the first is left whole, and chicago-16 has no
    rule for four-digit pages (1496–500; chicago and chicago-15 print 1496–1500)."""

    def _format_last_page(self: Any, first: str, last: str) -> str:
        range_format = self.get_root().get_option("page-range-format")
        if range_format and first.isdigit() and last.isdigit():
            if len(last) < len(first):
                last = first[:len(first) - len(last)] + last
            if len(last) > len(first) or int(last) < int(first):
                return last
            if range_format == "chicago-16":
                return _chicago_16(first, last)
        return str(super()._format_last_page(first, last))  # type: ignore[misc]


def _chicago_16(first: str, last: str) -> str:
    number = int(first)
    if number < 100 or number % 100 == 0:
        return last
    common = next((i for i, (f, g) in enumerate(zip(first, last, strict=True)) if f != g),
                  len(first))
    keep = 1 if number % 100 < 10 else 2  # 101–8, but 321–28
    return last[min(common, len(first) - keep):]


class LabelNeedsVariable:
    """on Label: a label prints only with its variable ("p." only for an item with a page,
    the locator's label only for a cite with a locator), as in citeproc-js."""

    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        own = self.get("variable")
        if variable is None and own:  # a <label> in <names> is given its variable
            if own == "locator":
                if not getattr(item, "has_locator", False):
                    return None
            else:
                name = ("page" if own == "page-first" else own).replace("-", "_")
                try:
                    value = item.reference[name]
                except (KeyError, VariableError):
                    return None
                if value in (None, ""):
                    return None
        return super().process(item, variable, *args, **kwargs)  # type: ignore[misc]
