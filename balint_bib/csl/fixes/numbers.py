"""Number variables as citeproc-js reads them: which are ranges and lists (a label's plural),
and how a range is printed.

- A value is a list or range when it holds two or more numbers ("12", "A3", "12a" or a
  roman numeral "ix"), whatever joins them: "1-2", "i-ix", "213 & 235" and "213 et 235"
  are plural; "3\\-B" (an escaped hyphen joins one word), "Michaelson-Morely" (words) and
  "2.0" are not.
  `number-of-*` variables are plural above 1 (citeproc-py looked them up on the cite, not
  the item, and printed no label).
- Only a hyphen between two numbers is a range, printed with the range delimiter (an en
  dash; with a page-range-format, pages are written out, then shortened by it); other
  hyphens stay, an escaped hyphen prints as "-". A locator is printed the same way, as
  pages when its label is "page"; "&" in a list is the locale's "and" symbol.
"""

from __future__ import annotations

import re
from typing import Any

from citeproc.source import VariableError
from citeproc.string import String

from ..markup import escape

_NUMBER = re.compile(r"^(?:[A-Za-z]*\d+[A-Za-z]*|[ivxlcdm]+|[IVXLCDM]+)$")
# "&" (or "&#38;", escaped) joins a list; "&#60;" is an escaped "<", not an ampersand
_AMPERSAND = re.compile(r"\s*(?:&#38;|&(?!#\d+;))\s*")
_RANGE_SEPARATOR = re.compile(r"\s*(?<!\\)[-\u2013]\s*")
# between the numbers of a list or range: spaces, punctuation, words ("and", "et")
_BETWEEN = re.compile(r"(?:[\s,\u2013]|&#38;|&(?!#\d+;)|(?<!\\)-)+")


def is_plural(value: str) -> bool:
    """Whether `value` holds more than one number (a list or a range)."""
    return sum(bool(_NUMBER.match(p)) for p in _BETWEEN.split(value.strip())) > 1


class PluralLabels:
    """on Label: plural for lists and ranges of numbers by the rules above."""

    def _is_plural(self: Any, item: Any) -> bool:
        variable = self.get("variable")
        try:
            if variable == "locator":
                value = item.locator.identifier
            else:
                value = item.reference[variable.replace("-", "_")]
        except (VariableError, AttributeError, KeyError):
            return False
        if variable.startswith("number-of"):
            try:
                return int(str(value)) > 1
            except ValueError:
                return is_plural(str(value))
        return is_plural(str(value))


class NumberRanges:
    """on Text and Number (citeproc-py's FormatNumber): ranges only between numbers."""

    def _process(self: Any, value: Any, variable: str) -> Any:
        pages = variable.startswith("page")
        delimiter = (self.get_single_term(name="page-range-delimiter") if pages else None) \
            or self.unicode_character("EN DASH")
        try:
            ampersand = self.get_single_term(name="and", form="symbol") or None
        except (IndexError, VariableError):
            ampersand = None
        ampersand = ampersand or self.unicode_character("AMPERSAND")

        def one(piece: str) -> Any:
            sides = _RANGE_SEPARATOR.split(piece.strip())
            if len(sides) == 2 and all(_NUMBER.match(s) for s in sides):
                first = self.format_number(sides[0])
                if variable == "page-first":
                    return first
                last = sides[1]
                if variable == "page" and self.get_root().get_option("page-range-format"):
                    last = self._format_last_page(sides[0], expand_range_end(sides[0], last))
                elif variable == "page":
                    last = self._format_last_page(sides[0], last)
                return String(str(first)) + delimiter + String(str(self.format_number(last)))
            if variable == "page-first":
                return String(sides[0].replace("\\-", "-"))
            text = piece.strip().replace("\\-", "-")
            return String(str(self.format_number(text)))

        out: Any = None
        for i, comma_item in enumerate(str(value).split(",")):
            joined: Any = None
            for j, amp_item in enumerate(_split_ampersand(comma_item)):
                part = one(amp_item)
                joined = part if j == 0 else joined + String(" ") + ampersand + String(" ") + part
            out = joined if i == 0 else out + String(", ") + joined
        return out


def _split_ampersand(text: str) -> list[str]:
    return _AMPERSAND.split(text)


def expand_range_end(first: str, last: str) -> str:
    """The abbreviated end of a page range written out: ("427", "30") -> "430"."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        return first[:len(first) - len(last)] + last
    return last


class LocatorRanges:
    """on Text: a locator printed as a number variable (pages when its label is "page")."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        if self.get("variable") != "locator":
            return super()._variable(item, context)  # type: ignore[misc]
        repressed = context.get_layout().repressed
        if self.tag in repressed and "locator" in repressed[self.tag]:
            return None
        locator = item.locator
        label = str(locator.label or "")
        # the cite's locator, unlike an item's variables, was not escaped (fixes/text.py)
        return self._process(escape(str(locator.identifier)),
                             "page" if label == "page" else label)
