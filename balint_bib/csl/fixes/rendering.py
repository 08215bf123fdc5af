"""Fix mixins for citeproc-py's rendering elements (see fixes/table.py for why each exists).

Each class here is mixed in before one citeproc-py element class (or a mixin class it
uses, like `Affixed`) in the project's own element classes (fixes/elements.py); `super()`
reaches citeproc-py's method.
"""

from __future__ import annotations

import contextvars
import re
from typing import Any

from citeproc.model import Locale
from citeproc.source import VariableError
from citeproc.string import MixedString, NoCase, String, normalize_seam

from ..markup import DECORATION_END, escape
from .flipflop import swap_quotes
from .titlecase import NOCASE_CLOSE, NOCASE_OPEN, title_case

# The item being rendered, for fixes that need it below the level that receives it.
current_item: contextvars.ContextVar[Any] = contextvars.ContextVar("current_item", default=None)
# Keys whose year-suffix is already in the entry being rendered; None while sorting.
year_suffix_scope: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "year_suffix_scope", default=None)
# The rendered <names> of the entry being rendered, in order; None outside an entry.
names_scope: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "names_scope", default=None)
# Name options tried while disambiguating (None: the reference's own, when it has some).
disambiguation_scope: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "disambiguation_scope", default=None)
# In a cite or entry: [whether anything was rendered yet]; a term rendered first is
# capitalised (citeproc-js's term_predecessor), except in an in-text style's citations.
term_predecessor: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "term_predecessor", default=None)
# How many <names> are being rendered, one inside the other's <substitute>.
_names_depth: contextvars.ContextVar[int] = contextvars.ContextVar("names_depth", default=0)
# In a cite with suppress-author: "suppress" until its first names are rendered, then "done".
cite_names: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "cite_names", default=None)


def _append_year_suffix(text: Any, show_parts: Any) -> Any:
    """The implicit year-suffix follows the first rendered year of an entry (CSL 1.0.2)."""
    item = current_item.get()
    if item is None or (show_parts is not None and "year" not in show_parts):
        return text
    rendered = year_suffix_scope.get()
    suffix = item.reference.get("year_suffix")
    if rendered is None or not suffix or item.key in rendered:
        return text
    rendered.add(item.key)
    return text + suffix


class DatePartDelimiters:
    """on Date: a localized date joins its parts with the locale date's delimiter."""

    def render_single_date(self: Any, date: Any, show_parts: Any = None,
                           context: Any = None) -> Any:
        parts = self.parts(date, show_parts, context) if context != self else self.parts(
            date, show_parts)
        if not parts:
            return None
        text = self.join(parts)  # for a localized date, `self` is the locale's <date>
        return _append_year_suffix(text, show_parts)


class DateItemContext:
    """on Date: remember which item a date renders, for the implicit year-suffix."""

    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        # a localized date (the locale's <date>) is given the variable as an argument
        variable = (args[0] if args else kwargs.get("variable")) or self.get("variable")
        token = current_item.set(item if variable == "issued" else None)
        try:
            return super().process(item, *args, **kwargs)  # type: ignore[misc]
        finally:
            current_item.reset(token)


class NestedQuotes:
    """on Quoted: quotes inside a quoted text go one level down (outer to inner, inner to
    outer)."""

    def quote(self: Any, string: Any) -> Any:
        if self.get("quotes", "false").lower() == "true" and _QUOTE_CHARS.search(str(string)):
            terms = [str(self.get_single_term(name=name)) for name in (
                "open-quote", "close-quote", "open-inner-quote", "close-inner-quote")]
            segments = list(string) if isinstance(string, MixedString) else [string]
            swapped = swap_quotes([str(s) for s in segments], (terms[0], terms[1]),
                                  (terms[2], terms[3]))
            string = MixedString([type(old)(new) for old, new in zip(segments, swapped,
                                                                     strict=True)]) \
                if isinstance(string, MixedString) else type(string)(swapped[0])
        return super().quote(string)  # type: ignore[misc]


_QUOTE_CHARS = re.compile("[“”‘’«»„‚]")


def _style_cache(element: Any, name: str) -> dict[Any, Any]:
    """A cache that lives on the root of the element's tree: the parsed style (or locale),
    which the renderer holds; it goes when the style goes. The element keeps a reference
    to its root's caches (finding the root through lxml on every call was a measurable
    share of rendering); a proxy lxml makes anew finds them again."""
    caches = element.__dict__.get("_style_caches")
    if caches is None:
        root = element.getroottree().getroot()
        caches = element.__dict__["_style_caches"] = root.__dict__.setdefault(
            "_style_caches", {})
    cache: dict[Any, Any] | None = caches.get(name)
    if cache is None:
        cache = caches[name] = {}
    return cache


def _looked_up(element: Any, cache_name: str, key: str, look_up: Any) -> Any:
    """`look_up(key)`, asked once per style: kept in the style's cache `cache_name`."""
    cache = _style_cache(element, cache_name)
    if key not in cache:
        cache[key] = look_up(key)
    return cache[key]


class LookupCache:
    """on every element: terms, macros and XPath queries answered once per style."""

    def get_term(self: Any, name: str, form: Any = None, fallback_locale: bool = True,
                 zero_padded: bool = False) -> Any:
        cache = _style_cache(self, "_term_cache")
        key = (name, form, fallback_locale, zero_padded)
        if key not in cache:
            try:
                cache[key] = super().get_term(  # type: ignore[misc]
                    name, form, fallback_locale, zero_padded)
            except (IndexError, VariableError) as error:
                cache[key] = error
        value = cache[key]
        if isinstance(value, Exception):
            raise value
        return value

    def get_macro(self: Any, name: str) -> Any:
        return _looked_up(self, "_macro_cache", name, super().get_macro)  # type: ignore[misc]

    def get_locale_option(self: Any, name: str) -> Any:
        # fixed once the locales are chosen; Quoted.quote asks on every rendered text
        return _looked_up(self, "_locale_option_cache", name,
                          super().get_locale_option)  # type: ignore[misc]

    def get_date(self: Any, form: str) -> Any:
        # the locale's <date form=...>: an XPath query on a locale each time it was asked
        return _looked_up(self, "_date_cache", form, super().get_date)  # type: ignore[misc]

    def __getattr__(self: Any, name: str) -> Any:
        # citeproc-py's child lookup (`names.label`, `style.bibliography`): an lxml find
        # with a namespace map each time; kept as the element's own attribute (the trees
        # do not change once parsed)
        found = super().__getattr__(name)  # type: ignore[misc]
        if not name.startswith("__"):
            self.__dict__[name] = found
        return found

    def get_formatter(self: Any) -> Any:
        # citeproc-py's, finding the root once instead of twice; not cached: a new
        # bibliography may set another formatter on the style
        root = self.getroottree().getroot()
        return root.style.formatter if isinstance(root, Locale) else root.formatter

    def xpath_search(self: Any, expression: str) -> Any:
        # on the element itself, whose proxy the renderer holds (HardenedStyle.elements)
        cache = self.__dict__.get("_xpath_cache")
        if cache is None:
            cache = self.__dict__["_xpath_cache"] = {}
        if expression not in cache:
            cache[expression] = super().xpath_search(expression)  # type: ignore[misc]
        return cache[expression]


class CallsVariableCache:
    """on Parent and Text: whether an element renders a variable is known once."""

    def calls_variable(self: Any) -> bool:
        known: bool | None = self.__dict__.get("_calls_variable")
        if known is None:
            known = self.__dict__["_calls_variable"] = super().calls_variable()  # type: ignore[misc]
        return known


class RecordNames:
    """on Names: record each entry's rendered names (for `subsequent-author-substitute` and
    author-only cites); the first names of a suppress-author cite are left out."""

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        depth = _names_depth.get()
        token = _names_depth.set(depth + 1)
        try:
            text = super().render(*args, **kwargs)  # type: ignore[misc]
        finally:
            _names_depth.reset(token)
        recorded = names_scope.get()
        if recorded is not None and text:
            recorded.append(str(text))
        predecessor = term_predecessor.get()
        if predecessor is not None and text:
            predecessor[0] = True
        # the outermost <names> goes: a <names> in its <substitute> is part of it
        if text and depth == 0 and cite_names.get() == "suppress":
            cite_names.set("done")
            return None
        return text


# the element's own formatting does not keep its own suffix from the merge (punctuation.py)
_PUNCTUATION_END = re.compile(f"[.?!](?:</[a-z]+>|{DECORATION_END})*$")


class SuffixPunctuation:
    """on Affixed: a suffix's period after text ending in . ? or ! is dropped."""

    def wrap(self: Any, text: Any) -> Any:
        if text is None:
            return None
        # affixes are text: escaped as the formatter escapes what it writes (once)
        affixes = self.__dict__.get("_escaped_affixes")
        if affixes is None:
            affixes = self.__dict__["_escaped_affixes"] = (
                escape(self.get("prefix", "")), escape(self.get("suffix", "")))
        prefix, suffix = affixes
        if not prefix and not suffix and isinstance(text, String | MixedString):
            return text  # what the seams and '' + text make of a citeproc-py string (speed)
        text = prefix + normalize_seam(prefix, text)
        if suffix.startswith(".") and _PUNCTUATION_END.search(str(text)):
            suffix = suffix[1:]
        return text + normalize_seam(text, suffix)


def _unescaped(text: str) -> str:
    return text.replace("&#60;", "<").replace("&#62;", ">").replace("&#38;", "&")


# Small caps, superscript and subscript (fixes/text.py's placeholders) are not title-cased,
# as in citeproc-js.
_IMPLICIT_NOCASE = re.compile("\ue014[^\ue015]*\ue015|\ue016[^\ue017]*\ue017"
                              "|\ue018[^\ue019]*\ue019")


def title_case_string(text: Any) -> Any:
    """citeproc-js's title case on a citeproc-py string, case-protected parts kept."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    marked = "".join(f"{NOCASE_OPEN}{s}{NOCASE_CLOSE}" if isinstance(s, NoCase)
                     else _IMPLICIT_NOCASE.sub(f"{NOCASE_OPEN}\\g<0>{NOCASE_CLOSE}",
                                               _unescaped(str(s))) for s in segments)
    cased = title_case(marked)
    out = []
    for piece in re.split(f"({NOCASE_OPEN}[^{NOCASE_CLOSE}]*{NOCASE_CLOSE})", cased):
        if piece.startswith(NOCASE_OPEN):
            out.append(NoCase(piece[1:-1]))
        elif piece:
            out.append(String(escape(piece)))
    return MixedString(out) if len(out) != 1 else out[0]


class TitleCase:
    """on TextCased: citeproc-js's title case, also for text without a language."""

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        language = "en" if language is None else language
        if self.get("text-case") == "title" and language == "en" and text:
            return title_case_string(text)
        return super().case(text, language)  # type: ignore[misc]


def variables_of(element: Any, seen: set[str]) -> list[tuple[str, str]]:
    """(tag, variable) of every element that `element` renders, through macros."""
    found = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        for variable in (node.get("variable") or "").split():
            found.append((node.tag, variable))
        macro = node.get("macro")
        if macro and macro not in seen:
            seen.add(macro)
            found += variables_of(node.get_macro(macro), seen)
    return found


class SubstituteSuppressesMacros:
    """on Substitute: what a substitute renders is suppressed, also through a macro."""

    def add_to_repressed_list(self: Any, child: Any, context: Any) -> None:
        layout = context.get_layout()
        for tag, variable in variables_of(child, set()):
            layout.repressed.setdefault(tag, []).append(variable)


class LeadingTermCapitalised:
    """on Text: a term that is the first thing rendered in a cite or an entry starts with a
    capital ("Ibid."), as citeproc-js does; not in the citations of in-text styles."""

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        text = super().render(*args, **kwargs)  # type: ignore[misc]
        state = term_predecessor.get()
        if state is None or not text:
            return text
        if not state[0] and "term" in self.attrib and str(text)[:1].islower():
            text = _capitalise_first(text)
        state[0] = True
        return text


def _capitalise_first(text: Any) -> Any:
    if isinstance(text, MixedString):
        segments = list(text)
        if segments and not isinstance(segments[0], NoCase):
            segments[0] = type(segments[0])(str(segments[0])[:1].upper() + str(segments[0])[1:])
        return MixedString(segments)
    return type(text)(str(text)[:1].upper() + str(text)[1:])


class RenderedMarker:
    """on Number, Date and Label: mark that something was rendered in the cite or entry."""

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        text = super().render(*args, **kwargs)  # type: ignore[misc]
        state = term_predecessor.get()
        if state is not None and text:
            state[0] = True
        return text


_DISPLAYS = ("block", "left-margin", "right-inline", "indent")


class Display:
    """on Affixed: `display="block"` (and left-margin, right-inline, indent) as citeproc-js
    writes it: the element's output, affixes included, in `<div class="csl-block">`."""

    def wrap(self: Any, text: Any) -> Any:
        wrapped = super().wrap(text)  # type: ignore[misc]
        display = self.get("display")
        if wrapped is None or display not in _DISPLAYS or not str(wrapped):
            return wrapped
        return String(f'<div class="csl-{display}">') + wrapped + String("</div>")
