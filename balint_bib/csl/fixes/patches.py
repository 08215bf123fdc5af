"""Patches on citeproc-py 0.11.1 (pinned exactly in pyproject.toml), one function a fix.

Each patch replaces one method of citeproc.model with a corrected version; `install()`
applies them all once and refuses any other citeproc-py version, where they might not fit.
"""

from __future__ import annotations

import contextvars
import re
from typing import Any, cast

import citeproc
from citeproc import model
from citeproc.source import CitationItem, VariableError
from citeproc.string import MixedString, NoCase, String, normalize_seam

from ..markup import escape
from .others import patch_others_et_al
from .sorting import (
    patch_sort_collation,
    patch_sort_key_name_separator,
    patch_sort_only_particles,
)
from .titlecase import NOCASE_CLOSE, NOCASE_OPEN, title_case

PINNED_VERSION = "0.11.1"
_installed = False

# The item being rendered, for patches that need it below the level that receives it.
current_item: contextvars.ContextVar[Any] = contextvars.ContextVar("current_item", default=None)
# Keys whose year-suffix is already in the entry being rendered; None while sorting.
year_suffix_scope: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "year_suffix_scope", default=None)


def patch_date_part_delimiters() -> None:
    """A localized date (`form="text"`) joins its parts with the locale date's delimiter;
    citeproc-py used the calling <date>'s delimiter, usually none: "1955Apr2"."""

    def render_single_date(self: Any, date: Any, show_parts: Any = None,
                           context: Any = None) -> Any:
        parts = self.parts(date, show_parts, context) if context != self else self.parts(
            date, show_parts)
        if not parts:
            return None
        text = self.join(parts)  # for a localized date, `self` is the locale's <date>
        return _append_year_suffix(text, show_parts)

    model.Date.render_single_date = render_single_date


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


def patch_date_item_context() -> None:
    """Remember which item a <date> renders, for the implicit year-suffix."""
    original = model.Date.process

    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        token = current_item.set(item if self.get("variable") == "issued" else None)
        try:
            return original(self, item, *args, **kwargs)
        finally:
            current_item.reset(token)

    model.Date.process = process


def _inherited(element: Any, name: str, default: str) -> str:
    """A name option from the element, its <names>, the citation/bibliography or the style."""
    node = element
    while node is not None:
        value = node.get(name)
        if value is not None:
            return cast(str, value)
        node = node.getparent()
    return default


def patch_initialize_false() -> None:
    """`initialize="false"`: keep given names whole (only the initials already there get the
    `initialize-with` punctuation). citeproc-py always reduced them to initials."""
    original = model.Name.initialize

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if _inherited(self, "initialize", "true") == "false":
            words = given.split()
            if all(len(w.rstrip(".")) == 1 for w in words):
                return cast(str, original(self, given, mark, context))
            return given
        return cast(str, original(self, given, mark, context))

    model.Name.initialize = initialize


def patch_citation_number() -> None:
    """`item.number` looked the key up in a list (O(n) an entry, O(n²) a bibliography)."""

    def number(self: Any) -> int:
        bibliography = self.bibliography
        index = getattr(bibliography, "_number_index", None)
        if index is None or len(index) != len(bibliography.keys):
            index = {key: i for i, key in enumerate(bibliography.keys, start=1)}
            bibliography._number_index = index
        return cast(int, index[self.key])

    CitationItem.number = property(number)


def patch_nested_quotes() -> None:
    """Quotes inside a quoted text become the inner quotes: “The ‘Difficult’ Story”."""
    original = model.Quoted.quote

    def quote(self: Any, string: Any) -> Any:
        if self.get("quotes", "false").lower() == "true" and ("“" in str(string)
                                                              or "”" in str(string)):
            inner_open = self.get_single_term(name="open-inner-quote")
            inner_close = self.get_single_term(name="close-inner-quote")
            string = string.replace("“", str(inner_open)).replace("”", str(inner_close))
        return original(self, string)

    model.Quoted.quote = quote


def patch_term_cache() -> None:
    """Terms and macros were looked up with XPath on every use; the style never changes
    while it renders, so each lookup is done once."""
    original_term = model.CitationStylesElement.get_term
    original_macro = model.CitationStylesElement.get_macro

    def get_term(self: Any, name: str, form: Any = None, fallback_locale: bool = True,
                 zero_padded: bool = False) -> Any:
        root = self.get_root()
        cache = root.__dict__.setdefault("_term_cache", {})
        key = (name, form, fallback_locale, zero_padded)
        if key not in cache:
            try:
                cache[key] = original_term(self, name, form, fallback_locale, zero_padded)
            except (IndexError, VariableError) as error:
                cache[key] = error
        value = cache[key]
        if isinstance(value, Exception):
            raise value
        return value

    def get_macro(self: Any, name: str) -> Any:
        root = self.get_root()
        cache = root.__dict__.setdefault("_macro_cache", {})
        if name not in cache:
            cache[name] = original_macro(self, name)
        return cache[name]

    model.CitationStylesElement.get_term = get_term
    model.CitationStylesElement.get_macro = get_macro


# The rendered <names> of the entry being rendered, in order; None outside an entry.
names_scope: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "names_scope", default=None)


def patch_record_names() -> None:
    """Record each entry's rendered names, for `subsequent-author-substitute`."""
    original = model.Names.render

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        text = original(self, *args, **kwargs)
        recorded = names_scope.get()
        if recorded is not None and text:
            recorded.append(str(text))
        return text

    model.Names.render = render


_PUNCTUATION_END = re.compile(r"[.?!](?:</[a-z]+>)*$")


def patch_suffix_punctuation() -> None:
    """A suffix's period after text that already ends in . ? or ! (even inside italics)
    is dropped, as citeproc-js does: "<i>What Is a Group?</i>" + "." stays as it is."""

    def wrap(self: Any, text: Any) -> Any:
        if text is None:
            return None
        prefix = self.get("prefix", "")
        suffix = self.get("suffix", "")
        text = prefix + normalize_seam(prefix, text)
        if suffix.startswith(".") and _PUNCTUATION_END.search(str(text)):
            suffix = suffix[1:]
        return text + normalize_seam(text, suffix)

    model.Affixed.wrap = wrap


def patch_title_case_without_language() -> None:
    """`text-case="title"` applies to text without a language (labels, terms) too; citeproc-py
    left "eds." uncapitalised because a label has no item language."""
    original = model.TextCased.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        return original(self, text, "en" if language is None else language)

    model.TextCased.case = case


def _unescaped(text: str) -> str:
    return text.replace("&#60;", "<").replace("&#62;", ">").replace("&#38;", "&")


def title_case_string(text: Any) -> Any:
    """citeproc-js's title case on a citeproc-py string, case-protected parts kept."""
    segments = list(text) if isinstance(text, MixedString) else [text]
    marked = "".join(f"{NOCASE_OPEN}{s}{NOCASE_CLOSE}" if isinstance(s, NoCase)
                     else _unescaped(str(s)) for s in segments)
    cased = title_case(marked)
    out = []
    for piece in re.split(f"({NOCASE_OPEN}[^{NOCASE_CLOSE}]*{NOCASE_CLOSE})", cased):
        if piece.startswith(NOCASE_OPEN):
            out.append(NoCase(piece[1:-1]))
        elif piece:
            out.append(String(escape(piece)))
    return MixedString(out) if len(out) != 1 else out[0]


def patch_title_case() -> None:
    """`text-case="title"` follows citeproc-js: words after hyphens, slashes and quotes are
    capitalised ("Physician-Patient", "‘Therapeutic"), its stop words stay lower case ("vs",
    "about"), and no space appears where case-protected text meets the rest ("Balint-group",
    not "Balint -group"). citeproc-py cased space-separated words of each piece apart."""
    original = model.TextCased.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") == "title" and language == "en" and text:
            return title_case_string(text)
        return original(self, text, language)

    model.TextCased.case = case


def _variables_of(element: Any, seen: set[str]) -> list[tuple[str, str]]:
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
            found += _variables_of(node.get_macro(macro), seen)
    return found


def patch_substitute_suppresses_macros() -> None:
    """What a <substitute> renders is suppressed in the rest of the entry, also when it
    came from a macro (APA: a title standing in for the author is not repeated)."""

    def add_to_repressed_list(self: Any, child: Any, context: Any) -> None:
        layout = context.get_layout()
        for tag, variable in _variables_of(child, set()):
            layout.repressed.setdefault(tag, []).append(variable)

    model.Substitute.add_to_repressed_list = add_to_repressed_list


def patch_static_lookups() -> None:
    """Speed: the style tree does not change while it renders, so XPath queries and
    `calls_variable` are answered once per element; an item's reference is looked up once."""
    xpath_cache: dict[tuple[Any, str], Any] = {}
    original_xpath = model.CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        key = (self, expression)  # holding the element keeps its proxy (and identity) alive
        if key not in xpath_cache:
            xpath_cache[key] = original_xpath(self, expression)
        return xpath_cache[key]

    model.CitationStylesElement.xpath_search = xpath_search

    for cls in (model.Parent, model.Text):
        original = cls.calls_variable
        cache: dict[Any, bool] = {}

        def calls_variable(self: Any, _original: Any = original,
                           _cache: dict[Any, bool] = cache) -> bool:
            if self not in _cache:
                _cache[self] = _original(self)
            return _cache[self]

        cls.calls_variable = calls_variable

    def reference(self: Any) -> Any:
        cached = self.__dict__.get("_reference")
        if cached is None:
            cached = self.__dict__["_reference"] = self.bibliography.source[self.key]
        return cached

    CitationItem.reference = property(reference)


PATCHES = (
    patch_static_lookups,
    patch_substitute_suppresses_macros,
    patch_sort_only_particles,
    patch_sort_key_name_separator,
    patch_title_case,
    patch_title_case_without_language,
    patch_record_names,
    patch_suffix_punctuation,
    patch_date_part_delimiters,
    patch_date_item_context,
    patch_initialize_false,
    patch_sort_collation,
    patch_citation_number,
    patch_nested_quotes,
    patch_term_cache,
    patch_others_et_al,  # after the sorting patches: it wraps their Name.get_option
)


def install() -> None:
    global _installed
    if _installed:
        return
    if citeproc.__version__ != PINNED_VERSION:
        raise RuntimeError(f"balint-bib's fixes are written for citeproc-py {PINNED_VERSION}, "
                           f"not {citeproc.__version__}")
    for patch in PATCHES:
        patch()
    _installed = True
