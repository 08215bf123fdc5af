"""Ordinals as CSL 1.0.1 defines them.

citeproc-py took `ordinal-NN` terms from any locale and ignored gender. CSL 1.0.1:

- the ordinal terms of one locale form a set: the first locale (style locales before locale
  files, as terms are looked up) that defines any `ordinal` term replaces all the ordinal
  terms of the locales after it;
- `ordinal-00`..`ordinal-09` match the last digit, `ordinal-10`..`ordinal-99` the last two
  digits, unless `match` says "last-two-digits" or "whole-number"; a whole-number match
  comes before the last two digits, which come before the last digit, then `ordinal`;
- a term with the `gender-form` of the number's term (the `gender` of the "edition" term for
  the edition) is taken, else one without `gender-form`;
- `long-ordinal-01`..`10` likewise, for 1 to 10; other numbers take the ordinal.
"""

from __future__ import annotations

import re
from typing import Any, cast

from ..styles import CSL_NS
from .rendering import _style_cache

_NS = {"cs": CSL_NS}
_ORDINAL = re.compile(r"^(long-)?ordinal(?:-(\d\d))?$")


def _ordinal_terms(element: Any, long: bool) -> list[Any]:
    """The ordinal terms of the first locale that defines any (looked up once per style)."""
    cache = _style_cache(element, "_ordinal_terms")
    if long not in cache:
        cache[long] = _find_ordinal_terms(element, long)
    return cast(list[Any], cache[long])


def _find_ordinal_terms(element: Any, long: bool) -> list[Any]:
    prefix = "long-ordinal" if long else "ordinal"
    for locale in element.get_root().locales:
        terms = locale.xpath(f"./cs:terms/cs:term[starts-with(@name, '{prefix}')]",
                             namespaces=_NS)
        terms = [t for t in terms if (m := _ORDINAL.match(t.get("name"))) and bool(m[1]) == long]
        if terms:
            return terms
    return []


def _gender(element: Any, variable: str | None) -> str | None:
    """The gender of the term named like the number's variable (CSL's term `gender`)."""
    if not variable:
        return None
    try:
        term = element.get_term(variable)
    except (IndexError, KeyError):
        return None
    return None if term is None else term.get("gender")


def _matches(term: Any, number: int) -> int:
    """How closely `term` matches `number`: 3 whole number, 2 last two digits, 1 last
    digit, 0 not at all (`ordinal` itself: 0)."""
    match = _ORDINAL.match(term.get("name"))
    if match is None or match[2] is None:
        return 0
    value = int(match[2])
    how = term.get("match") or ("last-digit" if value < 10 else "last-two-digits")
    if how == "whole-number":
        return 3 if number == value else 0
    if how == "last-two-digits":
        return 2 if number % 100 == value else 0
    return 1 if number % 10 == value else 0


def _choose(terms: list[Any], gender: str | None, accept: Any) -> Any:
    """The best term that `accept` scores above 0, of the gender's form, else neuter."""
    best, best_score = None, 0
    for wanted in ([gender] if gender else []) + [None]:
        for term in terms:
            score = accept(term)
            if score > best_score and term.get("gender-form") == wanted:
                best, best_score = term, score
        if best is not None:
            return best
    return None


def ordinal_suffix(element: Any, number: int, gender: str | None) -> str:
    terms = _ordinal_terms(element, long=False)
    term = _choose(terms, gender, lambda t: _matches(t, number))
    if term is None:
        term = _choose(terms, gender, lambda t: t.get("name") == "ordinal")
    return "" if term is None else str(term.single)


def long_ordinal(element: Any, number: int, gender: str | None) -> str | None:
    terms = _ordinal_terms(element, long=True)
    term = _choose(terms, gender,
                   lambda t: t.get("name") == f"long-ordinal-{number:02}" and 1 <= number <= 10)
    return None if term is None else str(term.single)


class Ordinals:
    """on Number: `form="ordinal"` and `"long-ordinal"` by the rules above."""

    def format_number(self: Any, number: Any) -> Any:
        form = self.get("form", "numeric")
        if form not in ("ordinal", "long-ordinal"):
            return super().format_number(number)  # type: ignore[misc]
        try:
            value = int(number)
        except ValueError:
            return number
        gender = _gender(self, self.get("variable"))
        if form == "long-ordinal":
            text = long_ordinal(self, value, gender)
            if text is not None:
                return text
        return f"{value}{ordinal_suffix(self, value, gender)}"
