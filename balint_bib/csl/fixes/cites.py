"""Fix mixins for what a cite needs of citeproc-py's elements: positions given by the
document, the disambiguation options and condition, the locator as a number, and the
special variables (see fixes/table.py for why each exists)."""

from __future__ import annotations

import contextvars
import re
from typing import Any, cast

from citeproc.model import ConditionFailed
from citeproc.string import String

from ..markup import escape
from .rendering import disambiguation_scope, year_suffix_scope

# The name options in force for the <name> being rendered in a cite.
_name_overrides: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "name_overrides", default=None)


_IMPLIED = {"first": {"first"}, "subsequent": {"subsequent"},
            "ibid": {"subsequent", "ibid"}, "near-note": {"subsequent", "near-note"},
            "ibid-with-locator": {"subsequent", "ibid", "ibid-with-locator"}}


class GivenPosition:
    """on If: a cite whose position the caller gives (citeproc-js's `position` of a cite
    item) is tested against it; "ibid" holds for ibid-with-locator, "subsequent" for both."""

    def _position(self: Any, item: Any, context: Any) -> list[bool]:
        given = dict.get(item, "position")
        if given is None:
            return cast(list[bool], super()._position(item, context))  # type: ignore[misc]
        if (context if context is not None else self).xpath_search(
                "./ancestor::*[self::cs:bibliography]"):
            return [False]
        implied = _IMPLIED.get(given, set()) | (
            {"near-note"} if dict.get(item, "near_note") else set())
        return [wanted in implied for wanted in self.get("position").split()]

class DisambiguatedNames:
    """on Name: in a cite, the name options that disambiguation chose for the item (more
    names before et al., initials or full given names; disambiguation.py)."""

    def process(self: Any, item: Any, variable: str, context: Any = None,
                sort_options: Any = None, **kwargs: Any) -> Any:
        overrides = None
        if sort_options is None and (context if context is not None else self).xpath_search(
                "./ancestor::cs:citation"):
            overrides = disambiguation_scope.get()
            if overrides is None:
                overrides = dict.get(item.reference, "disambiguation")
            shown = (overrides or {}).get("et-al-use-first")
            if shown is not None and shown >= len(item.reference.get(variable) or []):
                overrides = {**(overrides or {}), "et-al-min": 0}  # all names: no et al.
        token = _name_overrides.set(overrides)
        try:
            return super().process(item, variable, context=context,  # type: ignore[misc]
                                   sort_options=sort_options, **kwargs)
        finally:
            _name_overrides.reset(token)

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = super().get_option(name, context, sort_options)  # type: ignore[misc]
        overrides = _name_overrides.get()
        if not overrides or sort_options is not None:
            return value
        if name == "et-al-min" and "et-al-min" in overrides:
            return overrides["et-al-min"]
        if name == "et-al-use-first" and "et-al-use-first" in overrides:
            return max(int(value), int(overrides["et-al-use-first"]))
        if name == "form" and overrides.get("given") and value == "short":
            return "long"
        if name == "initialize-with" and overrides.get("given") == "full":
            return None
        return value

_NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*[-\u2013,&]\s*[A-Za-z]*\d+[A-Za-z]*)*$")


class NumericLocator:
    """on If: `is-numeric="locator"` tests the cite's locator (citeproc-py looked for it
    among the item's variables, where it never is); ranges and lists count as numeric."""

    def _is_numeric(self: Any, item: Any) -> list[bool]:
        variables = self.get("is-numeric").split()
        results = cast(list[bool], super()._is_numeric(item))  # type: ignore[misc]
        for i, variable in enumerate(variables):
            if variable == "locator":
                locator = dict.get(item, "locator")
                results[i] = locator is not None and bool(
                    _NUMERIC.match(str(locator.identifier).strip()))
        return results

class DisambiguateCondition:
    """on If: `disambiguate="true"` holds only for an item that disambiguation could not
    tell apart by names (disambiguation.py), in cites and in the bibliography alike;
    citeproc-py ignored the attribute, so the branch always rendered."""

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "",
               **kwargs: Any) -> Any:
        wanted = self.get("disambiguate")
        if wanted is not None:
            options = disambiguation_scope.get()
            if options is None:
                options = dict.get(item.reference, "disambiguation") or {}
            holds = bool(options.get("disambiguate")) == (wanted == "true")
            if not holds and self.get("match", "all") != "any":
                raise ConditionFailed
            if len(self.attrib) == 1 + ("match" in self.attrib):  # the only test
                if not holds:
                    raise ConditionFailed
                return self.render_children(item, context=context, delimiter=delimiter,
                                            **kwargs)
        return super().render(item, context=context,  # type: ignore[misc]
                              delimiter=delimiter, **kwargs)

class SpecialVariables:
    """on Text: the citation-label carries the year suffix ("RoNo78a"), as in citeproc-js;
    a cite's locator is escaped like every other value (it does not come from an item)."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)  # type: ignore[misc]
        variable = self.get("variable")
        if variable == "locator" and text is not None:
            return String(escape(str(text)))
        if variable == "citation-label" and text is not None:
            rendered = year_suffix_scope.get()
            suffix = item.reference.get("year_suffix")
            if suffix and (rendered is None or item.key not in rendered):
                if rendered is not None:
                    rendered.add(item.key)
                return text + suffix
        return text
