"""Sorting fixes on citeproc-py: sort keys compared as citeproc-js compares them (locale
collation on plain text, numbers as numbers), particles demoted for sorting, and names
joined by a space in sort keys. Installed with the other patches (`patches.install`)."""

from __future__ import annotations

import contextvars
import re
import unicodedata
from functools import cmp_to_key
from typing import Any

from citeproc import model

from ...text import strip_marks
from ..markup import to_text

_DIGITS = re.compile(r"\d+")
# True while citeproc-py renders sort keys.
building_sort_keys: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "building_sort_keys", default=False)


def _ignorable(char: str) -> bool:
    return unicodedata.category(char)[0] in "PZC"  # punctuation, spaces, controls


def _numeric(digits: re.Match[str]) -> str:
    number = digits.group().lstrip("0") or "0"
    return f"\x01{chr(0x40 + len(number))}{number}"  # before letters; longer is larger


def collation_key(text: str) -> str:
    """Sort as citeproc-js compares (`localeCompare` with sensitivity "base",
    ignorePunctuation and numeric, on ICU's root order): accents and case do not count,
    punctuation and spaces are skipped, digits compare as numbers."""
    base = "".join(c for c in strip_marks(text.casefold()) if not _ignorable(c))
    return _DIGITS.sub(_numeric, base)


def patch_sort_collation() -> None:
    """Sort keys compare by locale collation (ö with o), not by code point (ö after z),
    and, as in citeproc-js, on plain text without punctuation: a quoted or italic title
    sorts by its words."""

    def sort(self: Any, items: list[Any], context: Any) -> list[Any]:
        keys_and_orders = []
        for key in self.findall("cs:key", self.nsmap):
            descending = key.get("sort", "ascending").lower() == "descending"
            keys = [None if k is None else _comparable(k)  # once an item, not a comparison
                    for k in key.sort_keys(items, context)]
            keys_and_orders.append((keys, descending))

        def compare(left: int, right: int) -> int:
            for keys, descending in keys_and_orders:
                a, b = keys[left], keys[right]
                if a is None and b is None:
                    continue
                if a is None or b is None:  # items without the key go last, either way
                    return 1 if a is None else -1
                result = int(a > b) - int(a < b)
                if result:
                    return -result if descending else result
            return left - right  # stable

        order = sorted(range(len(items)), key=cmp_to_key(compare))
        return [items[i] for i in order]

    model.Sort.sort = sort


def _comparable(value: Any) -> Any:
    text = to_text(str(value))  # macros render markup (<i>, &#38;); citeproc-js sorts on text
    try:
        return (0, int(text), "")
    except ValueError:
        return (1, 0, collation_key(text))


def patch_sort_only_particles() -> None:
    """`demote-non-dropping-particle="sort-only"`: "van der Berg" shows as written but sorts
    under B. citeproc-py never demoted the particle when building sort keys."""
    original = model.Name.get_option

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = original(self, name, context, sort_options)
        if name == "demote-non-dropping-particle" and sort_options is not None \
                and str(value).lower() == "sort-only":
            return "display-and-sort"
        return value

    model.Name.get_option = get_option


def patch_sort_key_name_separator() -> None:
    """In sort keys a name's parts are joined by a space, as citeproc-js does, so that
    "Balint, Michael" sorts as "Balint Michael": before "Balint Society", not after it.
    (citeproc-py does not pass its sort options down to <name> through macros, so the
    sort-key phase is marked in a context variable.)"""
    original_option = model.Name.get_option
    original_keys = model.Key.sort_keys

    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        token = building_sort_keys.set(True)
        try:
            return original_keys(self, items, context)
        finally:
            building_sort_keys.reset(token)

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "sort-separator" and (sort_options is not None or building_sort_keys.get()):
            return " "
        return original_option(self, name, context, sort_options)

    model.Key.sort_keys = sort_keys
    model.Name.get_option = get_option
    original_format = model.Key._format_name

    def format_name(self: Any, item: Any, variable: str) -> Any:
        options = dict(self._default_options, **{"sort-separator": " "})
        saved, self._default_options = self._default_options, options
        try:
            return original_format(self, item, variable)
        finally:
            self._default_options = saved

    model.Key._format_name = format_name
