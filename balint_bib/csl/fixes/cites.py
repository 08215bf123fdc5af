"""Fix mixins for what a cite needs of citeproc-py's elements: positions given by the
document, the disambiguation options and condition, the locator as a number, and the
special variables (see fixes/table.py for why each exists)."""

from __future__ import annotations

import contextvars
import re
from typing import Any, cast

from citeproc.string import String

from ..markup import escape
from .conditions import ConditionTest
from .initials import inherited_option
from .items import RenderedName
from .rendering import _style_cache, disambiguation_scope, year_suffix_scope

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

# A name's level in a cite, as CSL's name expansion steps through them: the family name
# only (form="short"), with initials (initialize-with), with the given name in full.
SHORT, INITIALS, FULL = 0, 1, 2


def name_slot(variable: str, index: int) -> str:
    """How disambiguation options name one name of an item: "author:0", "editor:2"."""
    return f"{variable}:{index}"


# While disambiguation listens: (variable, names shown) of each <names> a cite renders.
rendered_names: contextvars.ContextVar[list[tuple[str, int]] | None] = contextvars.ContextVar(
    "rendered_names", default=None)
# The options of one name rendered on its own at its expanded level.
_single_name: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "single_name", default=None)


class DisambiguatedNames:
    """on Name: in a cite, the name options that disambiguation chose for the item (more
    names before et al.; each name's level: initials or full given name, CSL's name
    expansion, one name at a time; disambiguation.py)."""

    def process(self: Any, item: Any, variable: str, context: Any = None,
                sort_options: Any = None, **kwargs: Any) -> Any:
        overrides = None
        in_cite = sort_options is None and _single_name.get() is None and (
            context if context is not None else self).xpath_search("./ancestor::cs:citation")
        if in_cite:
            overrides = disambiguation_scope.get()
            if overrides is None:
                overrides = dict.get(item.reference, "disambiguation")
        later = _later_cite.set(bool(in_cite) and dict.get(item, "position") not in (None,
                                                                                  "first"))
        if in_cite:
            shown = (overrides or {}).get("et-al-use-first")
            token = _name_overrides.set(overrides)
            try:
                shown = max(shown or 0, int(self.get_option("et-al-use-first", context)))
            finally:
                _name_overrides.reset(token)
            if shown >= len(item.reference.get(variable) or []):
                overrides = {**(overrides or {}), "et-al-min": 0}  # all names: no et al.
        token = _name_overrides.set(overrides)
        try:
            if in_cite:
                return self._expanded(item, variable, overrides or {}, context=context,
                                      sort_options=sort_options, **kwargs)
            return super().process(item, variable, context=context,  # type: ignore[misc]
                                   sort_options=sort_options, **kwargs)
        finally:
            _name_overrides.reset(token)
            _later_cite.reset(later)

    def _base_level(self: Any, context: Any) -> int:
        if self.get_option("form", context) == "short":
            return SHORT
        if self.get_option("initialize-with", context) is not None and \
                inherited_option(self, "initialize", "true") != "false":
            return INITIALS
        return FULL

    def _shown(self: Any, count: int, context: Any) -> int:
        """How many names of a list of `count` the et-al options show."""
        et_al_min = self.get_option("et-al-min", context)
        if count > 1 and et_al_min and count >= et_al_min:
            return min(count, int(self.get_option("et-al-use-first", context)))
        return count

    def _expanded(self: Any, item: Any, variable: str, overrides: dict[str, Any],
                  **kwargs: Any) -> Any:
        """The names with those that disambiguation expanded rendered each at its level,
        alone (with form="long", with or without initials), and put back in the list."""
        context = kwargs.get("context")
        names = list(item.reference.get(variable) or [])
        heard = rendered_names.get()
        if heard is not None:
            heard.append((variable, self._shown(len(names), context)))
        levels = overrides.get("levels") or {}
        everything = int(overrides.get("given-all", SHORT))
        base = self._base_level(context)
        wanted = {i: max(int(levels.get(name_slot(variable, i), SHORT)), everything)
                  for i, name in enumerate(names) if "literal" not in name}
        expand = [i for i, level in wanted.items() if level > base]
        if not expand or self.get_option("form", context) == "count":
            return super().process(item, variable, **kwargs)  # type: ignore[misc]
        sort_order = self.get_option("name-as-sort-order", context)
        initials = self.get_option("initialize-with", context)
        rendered = {}
        for i in expand:
            options = {"form": "long", "et-al-min": 0, "initialize-with": initials,
                       "keep-given": wanted[i] == FULL,
                       "name-as-sort-order": None if sort_order == "first" and i
                       else sort_order}
            rendered[i] = self._alone(item, variable, names[i], options, **kwargs)
        proxies = [RenderedName(rendered[i]) if rendered.get(i) else name
                   for i, name in enumerate(names)]
        item.reference[variable] = proxies
        try:
            return super().process(item, variable, **kwargs)  # type: ignore[misc]
        finally:
            item.reference[variable] = names

    def _alone(self: Any, item: Any, variable: str, name: Any, options: dict[str, Any],
               **kwargs: Any) -> Any:
        names = item.reference[variable]
        token = _single_name.set(options)
        item.reference[variable] = [name]
        try:
            return super().process(item, variable, **kwargs)  # type: ignore[misc]
        finally:
            item.reference[variable] = names
            _single_name.reset(token)

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        """A given name in full keeps its words, but initials in it are written as the
        style writes initials ("J.J." and "J. J." alike), as with initialize="false"."""
        single = _single_name.get()
        initialize = super().initialize  # type: ignore[misc]
        if single and single.get("keep-given") and \
                not all(len(part) == 1 for part in re.split(r"[.\s]+", given) if part):
            return given
        return cast(str, initialize(given, mark, context))

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        single = _single_name.get()
        if single is not None and sort_options is None and name in single:
            return single[name]
        if name in _SUBSEQUENT and sort_options is None and _later_cite.get() \
                and _explicit(self, _SUBSEQUENT[name], context):
            name = _SUBSEQUENT[name]
        value = super().get_option(name, context, sort_options)  # type: ignore[misc]
        overrides = _name_overrides.get()
        if not overrides or sort_options is not None:
            return value
        if name in ("et-al-min", "et-al-subsequent-min") and "et-al-min" in overrides:
            return overrides["et-al-min"]
        if name in ("et-al-use-first", "et-al-subsequent-use-first") \
                and "et-al-use-first" in overrides:
            return max(int(value), int(overrides["et-al-use-first"]))
        return value


# A cite after the first of its item: et-al-subsequent-min and -use-first apply.
_later_cite: contextvars.ContextVar[bool] = contextvars.ContextVar("later_cite", default=False)
# The state in which DisambiguatedNames answers a name option as the style does: for
# speed.NameOptionShortcut.
NAME_OPTION_STATE = ((_name_overrides, None), (_single_name, None), (_later_cite, False))
_SUBSEQUENT = {"et-al-min": "et-al-subsequent-min",
               "et-al-use-first": "et-al-subsequent-use-first"}


def _explicit(name_element: Any, option: str, context: Any) -> bool:
    """Whether the style sets `option` (on the name, the citation or the style): CSL's
    et-al-subsequent options replace et-al-min and -use-first only when they are set."""
    if name_element.get(option) is not None:
        return True
    node = context if context is not None else name_element
    citation = node.xpath_search("./ancestor-or-self::cs:citation[1]")
    if citation and citation[0].get(option) is not None:
        return True
    return name_element.getroottree().getroot().get(option) is not None


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

class DisambiguateCondition(ConditionTest):
    """on If: `disambiguate="true"` holds only for an item that disambiguation could not
    tell apart by names (disambiguation.py), in cites and in the bibliography alike;
    citeproc-py ignored the attribute, so the branch always rendered."""

    def holds(self: Any, item: Any, context: Any = None) -> bool:
        wanted = self.__dict__.get("_disambiguate", False)
        if wanted is False:
            wanted = self.__dict__["_disambiguate"] = self.get("disambiguate")
        if wanted is not None:
            options = disambiguation_scope.get()
            if options is None:
                options = dict.get(item.reference, "disambiguation") or {}
            # the style's disambiguate="true" conditions hold one more at a time, in
            # document order, as disambiguation needs them (citeproc-js); True: all
            level = options.get("disambiguate") or 0
            if wanted == "true":
                index = _condition_index(self, context)
                holds = bool(level) if level is True or index is None else index < level
            else:
                holds = not level
            if not holds and self.get("match", "all") != "any":
                return False
            if len(self.attrib) == 1 + ("match" in self.attrib):  # the only test
                return holds
        return super().holds(item, context)


# A range of numbers in a locator ("100 - 103"): printed with an en dash, no spaces, as
# citeproc-js prints it.
_LOCATOR_RANGE = re.compile(r"(?<=\d)\s*[-\u2013]\s*(?=\d)")


def _condition_index(element: Any, context: Any) -> int | None:
    """Which of the disambiguate="true" conditions a cite renders `element` is, in order
    (through macros), from 0; None outside cites (the bibliography shows what the cites
    needed: all of them)."""
    area = context if context is not None else element
    citation = area.xpath_search("./ancestor-or-self::cs:citation[1]")
    if not citation:
        return None
    cache = _style_cache(element, "disambiguate_conditions")
    if not cache:
        conditions = _conditions_of(citation[0], set())
        cache.update({id(node): i for i, node in enumerate(conditions)})
        cache["nodes"] = conditions  # held, so that the ids stay theirs
    index = cache.get(id(element))
    return None if index is None else cast(int, index)


def _conditions_of(element: Any, seen: set[str]) -> list[Any]:
    found = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag.rsplit("}", 1)[-1] in ("if", "else-if") \
                and node.get("disambiguate") == "true":
            found.append(node)
        macro = node.get("macro")
        if macro and macro not in seen:
            seen.add(macro)
            found += _conditions_of(node.get_macro(macro), seen)
    return found


class SpecialVariables:
    """on Text: the citation-label carries the year suffix ("RoNo78a"), as in citeproc-js;
    a cite's locator is escaped like every other value (it does not come from an item)."""

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)  # type: ignore[misc]
        variable = self.get("variable")
        if variable == "locator" and text is not None:
            return String(escape(_LOCATOR_RANGE.sub("\u2013", str(text).strip())))
        if variable == "citation-label" and text is not None:
            rendered = year_suffix_scope.get()
            suffix = item.reference.get("year_suffix")
            if suffix and (rendered is None or item.key not in rendered):
                if rendered is not None:
                    rendered.add(item.key)
                return text + suffix
        return text
