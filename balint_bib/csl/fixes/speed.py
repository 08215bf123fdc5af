"""Speed mixins for citeproc-py's elements: the same output, with less work per rendered
element. What an element's attributes decide is worked out once and kept in the element's
own `__dict__` (so it lives and goes with the parsed style; a proxy lxml makes anew just
works it out again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.model import (
    Affixed,
    Choose,
    ConditionFailed,
    Else,
    Formatted,
    Group,
    If,
    Name,
    Parent,
    Quoted,
    StrippedPeriods,
    Text,
    TextCased,
)
from citeproc.source import VariableError
from citeproc.string import MixedString, String, join

from . import cites, names, others, sorting
from .conditions import ConditionTest, match_results
from .flipflop import ExplicitNormal
from .punctuation import MarkDecorationEnd
from .rendering import Display, NestedQuotes, SuffixPunctuation, TitleCase
from .textcase import ProtectedCase


def _next_is(element: Any, mixin: type, name: str, upstream: type) -> bool:
    """Whether the method `name` that `mixin` overrides is citeproc-py's own in `upstream`
    (and not another fix's, which the fast path would leave out)."""
    mro = type(element).__mro__
    for cls in mro[mro.index(mixin) + 1:]:
        if name in cls.__dict__:
            return cls is upstream
    return False

# Formatted's attributes. One set even to its default value is not plain: an explicit
# font-style="normal" turns an outer decoration off (fix explicit-normal).
_FORMAT_ATTRIBUTES = ("font-style", "font-variant", "font-weight", "text-decoration",
                      "vertical-align")


class PlainFormat:
    """on Formatted: an element with no font or decoration attribute returns the text as
    it is (citeproc-py asked the formatter and read five attributes for every text)."""

    def format(self: Any, string: Any) -> Any:
        plain = self.__dict__.get("_plain_format")
        if plain is None:
            plain = self.__dict__["_plain_format"] = all(
                self.get(name) is None for name in _FORMAT_ATTRIBUTES)
        if not plain:
            return super().format(string)  # type: ignore[misc]
        return str(string) if isinstance(string, int | float) else string


# If's tests, in the order citeproc-py evaluates them.
_TESTS = ("type", "variable", "is-numeric", "is-uncertain-date", "locator", "position")


class CompiledCondition(ConditionTest):
    """on If: the condition's attributes read once (citeproc-py split and lowered them
    for every item); the tests, their order and `match` as citeproc-py evaluates them."""

    def holds(self: Any, item: Any, context: Any = None) -> bool:
        compiled = self.__dict__.get("_compiled_condition")
        if compiled is None:
            attrib = self.attrib
            cls = type(self)
            # the type and variable tests read once, unless a fix changes their method
            types = [t.lower() for t in attrib.get("type", "").split()] \
                if cls._type is If._type else None
            variables = [v.replace("-", "_") for v in attrib.get("variable", "").split()] \
                if cls._variable is If._variable else None
            compiled = self.__dict__["_compiled_condition"] = (
                tuple(test for test in _TESTS if test in attrib), types, variables,
                attrib.get("match"))
        tests, types, variables, match = compiled
        if type(self).holds is CompiledCondition.holds:
            single = _single_test(tests, types, variables, match)
            if single is not None:  # from now on the element's own `holds`
                self.__dict__["holds"] = single
                return single(item, context)
        results: list[Any] = []
        for test in tests:
            if test == "type":
                if types is None:
                    results += self._type(item)
                elif types:
                    kind = item.reference["type"]
                    results += [t == kind for t in types]
            elif test == "variable":
                if variables is None:
                    results += self._variable(item)
                else:
                    reference = item.reference
                    results += [("locator" in item) if v == "locator" else (v in reference)
                                for v in variables]
            elif test == "is-numeric":
                results += self._is_numeric(item)
            elif test == "is-uncertain-date":
                results += self._is_uncertain_date(item)
            elif test == "locator":
                results += self._locator(item)
            else:
                results += self._position(item, context)
        return match_results(results, match)


def _single_test(tests: tuple[str, ...], types: list[str] | None,
                 variables: list[str] | None, match: str | None
                 ) -> Callable[[Any, Any], bool] | None:
    """A condition of one test of the type or of variables, as a function of the item:
    answered without the list of results."""
    if len(tests) != 1 or match not in ("any", "all", "none", None):
        return None
    if tests[0] == "type" and types:
        kinds = frozenset(types)
        if match == "any":
            return lambda item, context: item.reference["type"] in kinds
        if match == "none":
            return lambda item, context: item.reference["type"] not in kinds
        return lambda item, context: kinds == {item.reference["type"]}
    if tests[0] == "variable" and variables and "locator" not in variables:
        names = tuple(variables)
        if len(names) == 1:
            name = names[0]
            if match == "none":
                return lambda item, context: name not in item.reference
            return lambda item, context: name in item.reference
        # map, not a generator: no frame per variable and none closed early
        if match == "any":
            return lambda item, context: any(map(item.reference.__contains__, names))
        if match == "none":
            return lambda item, context: not any(map(item.reference.__contains__, names))
        return lambda item, context: all(map(item.reference.__contains__, names))
    return None


class FastChoose:
    """on Choose: each branch is asked whether it holds (ConditionTest.holds) and the first
    that does is rendered; citeproc-py rendered each in turn and caught the exception of
    every branch that failed. A branch whose `render` a fix changes is rendered as before."""

    def render(self: Any, item: Any, context: Any = None, delimiter: str = "",
               **kwargs: Any) -> Any:
        branches = self.__dict__.get("_branches")
        if branches is None:
            if not _next_is(self, FastChoose, "render", Choose):
                return super().render(item, context=context,  # type: ignore[misc]
                                      delimiter=delimiter, **kwargs)
            branches = self.__dict__["_branches"] = [
                (branch, _branch_kind(branch)) for branch in self.getchildren()]
        for branch, kind in branches:
            if kind == "test":
                if branch.holds(item, context):
                    return branch.render_children(item, context=context,
                                                  delimiter=delimiter, **kwargs)
                continue
            if kind == "else":
                return branch.render_children(item, context=context, delimiter=delimiter,
                                              **kwargs)
            try:
                return branch.render(item, context=context, delimiter=delimiter, **kwargs)
            except ConditionFailed:
                continue
        return None


def _branch_kind(branch: Any) -> str:
    render = type(branch).render
    if render is ConditionTest.render:
        return "test"
    return "else" if render is Else.render else "other"


def _children(element: Any) -> list[tuple[Any, bool, bool]]:
    """(child, whether it is a <choose>, whether it calls a variable) of each child, once
    per element: citeproc-py asked lxml for the children and each child for both on every
    render (CallsVariableCache keeps a child's answer fixed already)."""
    children: list[tuple[Any, bool, bool]] | None = element.__dict__.get("_children")
    if children is None:
        children = element.__dict__["_children"] = [
            (child, isinstance(child, Choose), bool(child.calls_variable()))
            for child in element.iterchildren()]
    return children


class FastChildren:
    """on Parent: `render_children` as citeproc-py's, over the children listed once."""

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        fast = self.__dict__.get("_fast_children")
        if fast is None:
            fast = self.__dict__["_fast_children"] = _next_is(
                self, FastChildren, "render_children", Parent)
        if not fast:
            return super().render_children(item, delimiter=delimiter,  # type: ignore[misc]
                                           **kwargs)
        output = []
        for child, is_choose, _ in _children(self):
            try:
                text = child.render(item, delimiter=delimiter, **kwargs) if is_choose \
                    else child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join(output, delimiter) if output else None


class FastGroup:
    """on Group: `process` as citeproc-py's (a group that calls variables and renders none
    of them is left out), over the children listed once, without raising."""

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        fast = self.__dict__.get("_fast_group")
        if fast is None:
            fast = self.__dict__["_fast_group"] = _next_is(self, FastGroup, "process", Group)
        if not fast:
            return super().process(item, context, **kwargs)  # type: ignore[misc]
        output = []
        variable_called = variable_rendered = False
        delimiter = self.get("delimiter", "")
        for child, is_choose, calls_variable in _children(self):
            variable_called = variable_called or calls_variable
            try:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs) \
                    if is_choose else child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
                variable_rendered = variable_rendered or calls_variable
        if output and (not variable_called or variable_rendered):
            return self.join(output)
        # citeproc-py raised VariableError here; every caller of a group (children loops,
        # substitute, layout) takes None the same way: nothing rendered
        return None


# The attributes that make `markup` do something: formatting, affixes, display, quotes,
# text case and stripped periods.
_MARKUP_ATTRIBUTES = (*_FORMAT_ATTRIBUTES, "prefix", "suffix", "display", "quotes",
                      "text-case", "strip-periods")
# The classes whose steps of `markup` are known to leave a string alone when the element
# has none of those attributes (the fixes' and citeproc-py's own).
_IDENTITY_STEPS = frozenset({
    PlainFormat, ExplicitNormal, MarkDecorationEnd, Formatted, TitleCase, ProtectedCase,
    TextCased, StrippedPeriods, NestedQuotes, Quoted, Display, SuffixPunctuation, Affixed})
_MARKUP_STEPS = ("strip_periods", "case", "format", "quote", "wrap")


class PlainMarkup:
    """on Text, Group, Names, Number, Label and Date_Part: an element with no attribute
    that formats, affixes, quotes or cases returns the text as it is (citeproc-py passed
    every text through five steps that each left it alone)."""

    def markup(self: Any, text: Any, *language: Any) -> Any:
        plain = self.__dict__.get("_plain_markup")
        if plain is None:
            plain = self.__dict__["_plain_markup"] = _is_plain(self)
        if plain and isinstance(text, String | MixedString):
            return text if text else None
        return super().markup(text, *language)  # type: ignore[misc]


def _is_plain(element: Any) -> bool:
    if any(name in element.attrib for name in _MARKUP_ATTRIBUTES):
        return False
    mro = type(element).__mro__
    below = mro[mro.index(PlainMarkup) + 1:]
    markup_owner = next(cls for cls in below if "markup" in cls.__dict__)
    if markup_owner.__module__ != model.__name__:
        return False  # another fix's markup: not known to be the five steps
    return all(cls in _IDENTITY_STEPS
               for cls in mro for step in _MARKUP_STEPS if step in cls.__dict__)


_TEXT_SOURCES = ("variable", "macro", "term", "value")


class TextSource:
    """on Text: what a <text> renders (variable, macro, term or value) and the style's
    default language read once; citeproc-py looked for each attribute and raised and
    caught an error for every item without a language."""

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        known = self.__dict__.get("_text_source")
        if known is None:
            source = next((name for name in _TEXT_SOURCES if name in self.attrib), None)
            fast = source is not None and _next_is(self, TextSource, "process", Text)
            known = self.__dict__["_text_source"] = (
                source if fast else "", self.get_root().get("default-locale", "en")[:2],
                _plain_variable(self) if fast and source == "variable" else None)
        source, default_language, plain_variable = known
        if not source:
            return super().process(item, context, **kwargs)  # type: ignore[misc]
        if context is None:
            context = self
        reference = item.reference
        language = reference["language"][:2] if "language" in reference else default_language
        if source == "variable":
            if plain_variable is not None and plain_variable not in reference:
                # what citeproc-py's VariableError meant to every caller: nothing rendered
                return None, language
            text = self._variable(item, context)
        elif source == "macro":
            text = self.get_macro(self.get("macro")).render(item, context)
        elif source == "term":
            text = self._term(item)
        else:
            text = String(self.preformat(self.get("value")))
        return text, language


def _plain_variable(text: Any) -> str | None:
    """The item field a <text variable> prints when citeproc-py's `_variable` reads it as
    it is (not a page, number, locator, short form or generated variable)."""
    variable = text.get("variable")
    if type(text)._variable is not Text._variable or variable.startswith("page") \
            or variable in ("citation-number", "locator", *Text.generated_variables) \
            or text.get("form") == "short":
        return None
    return str(variable.replace("-", "_"))


class NameOptionCache:
    """on Name: citeproc-py's answer for a name option (the <name>'s attribute, else its
    <citation>'s or <bibliography>'s, else the style's) found once per element and
    context; an option given for sorting is still read from the sort options."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        cache = self.__dict__.get("_name_options")
        if cache is None:
            if not _next_is(self, NameOptionCache, "get_option", Name):
                return super().get_option(name, context, sort_options)  # type: ignore[misc]
            cache = self.__dict__["_name_options"] = {}
        key = (name, context)
        if key not in cache:
            cache[key] = super().get_option(name, context, None)  # type: ignore[misc]
        return cache[key]


class NameOptionShortcut:
    """on Name, before the fixes that answer name options while a cite is rendered: when
    none of their state is set (no forced et al., no single expanded name, no later
    cite, no disambiguation overrides) and no sort options are given, the answer
    depends only on the option and the context, and is kept per element. The fixes
    between it and citeproc-py are checked to be the known ones."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        cache = self.__dict__.get("_name_option_answers")
        if cache is None:
            cache = self.__dict__["_name_option_answers"] = {} if _known_name_options(
                self) else False
        if cache is False or sort_options is not None:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        for var, default in _NAME_OPTION_STATE:
            if var.get() is not default:
                return super().get_option(name, context, sort_options)  # type: ignore[misc]
        key = (name, context)
        if key not in cache:
            cache[key] = super().get_option(name, context, None)  # type: ignore[misc]
        return cache[key]


_NAME_OPTION_STATE = (*cites.NAME_OPTION_STATE, *others.NAME_OPTION_STATE)
_NAME_OPTION_FIXES = frozenset({NameOptionShortcut, others.OthersEtAl, cites.DisambiguatedNames,
                                sorting.NameSortOptions, names.NameList, NameOptionCache, Name,
                                model.CitationStylesElement})


def _known_name_options(element: Any) -> bool:
    return all(cls in _NAME_OPTION_FIXES
               for cls in type(element).__mro__ if "get_option" in cls.__dict__)
