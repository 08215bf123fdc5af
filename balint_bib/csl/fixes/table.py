"""Every change the project makes to citeproc-py 0.11.1, in one table.

An entry with a `mixin` is mixed into the project's own subclass of each citeproc-py element
class that derives from `target` (fixes/elements.py); citeproc-py's classes stay as they are.
Entries without a mixin are steps of the project's engine around citeproc-py (renderer.py,
fixes/text.py, fixes/layout.py, fixes/items.py). `fixtures` names CSL test-suite fixtures
that fail without the fix (`python benchmarks/csl_test_suite.py --without NAME` shows them);
fixes for citeproc-js agreement that no fixture covers say so and name their test instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import citeproc
from citeproc import model

from ...errors import BalintBibError
from . import cites, others, rendering, sorting, speed
from .elements import ProjectLocales
from .needed_by import NEEDED_BY

SUPPORTED_VERSIONS = ("0.11.1",)


@dataclass(frozen=True)
class Fix:
    name: str
    target: type | None  # the citeproc-py class (or mixin class) changed
    mixin: type | None
    why: str
    fixtures: tuple[str, ...] = ()
    unless: tuple[type, ...] = ()  # classes under `target` that keep their own method
    test: str = ""  # for a fix no fixture needs: the test or benchmark that shows it


_FIXES: tuple[Fix, ...] = (
    # First, so that it sits before the lookup cache in the method order: the et-al options
    # it answers for a list ending in "others" must not come from (or go into) the cache.
    Fix("others-et-al", model.Name, others.OthersEtAl,
        "a name list ending in pandoc's {literal: others} (BibTeX's `and others`) prints the "
        "style's et al. after the listed names", test="tests/csl/test_and_others.py"),
    Fix("project-locales", model.Style, ProjectLocales,
        "locale files are read into the project's element classes too, so that the fixes "
        "reach localized dates and terms"),
    Fix("lookup-cache", model.CitationStylesElement, rendering.LookupCache,
        "terms, macros and XPath queries are looked up once per style (speed; the caches "
        "live on the parsed style)", unless=(model.Locale,),
        test="benchmarks/format_apa.py"),
    Fix("calls-variable-cache", model.Parent, rendering.CallsVariableCache,
        "whether a group renders a variable is computed once per element (speed)",
        test="benchmarks/format_apa.py"),
    Fix("calls-variable-cache", model.Text, rendering.CallsVariableCache,
        "as above, for <text>", test="benchmarks/format_apa.py"),
    Fix("plain-format", model.Formatted, speed.PlainFormat,
        "an element without font or decoration attributes leaves the text as it is "
        "(speed)", test="benchmarks/format_apa.py"),
    Fix("substitute-through-macros", model.Substitute, rendering.SubstituteSuppressesMacros,
        "what a <substitute> renders is suppressed in the rest of the entry, also when it "
        "came from a macro (APA: a title standing in for the author is not repeated)"),
    Fix("disambiguated-names", model.Name, cites.DisambiguatedNames,
        "in cites, the name options chosen by disambiguation (add names, given names)"),
    Fix("sort-name-options", model.Name, sorting.NameSortOptions,
        "sort keys: 'sort-only' particles demoted, name parts joined by a space",
        test="tests/csl/test_csl_fidelity.py (harvard-cite-them-right order)"),
    Fix("sort-collation", model.Sort, sorting.SortCollation,
        "locale collation on plain text, numbers compared as numbers, items without the "
        "key last"),
    Fix("title-case", model.TextCased, rendering.TitleCase,
        "citeproc-js's title case (words after hyphens and quotes, its stop words, no space "
        "at case-protected text), also for labels and terms, which have no language"),
    Fix("record-names", model.Names, rendering.RecordNames,
        "each entry's rendered names are recorded, for subsequent-author-substitute"),
    Fix("display", model.Affixed, rendering.Display,
        "display= blocks as citeproc-js's <div class=\"csl-block\"> (and left-margin, "
        "right-inline, indent)"),
    Fix("suffix-punctuation", model.Affixed, rendering.SuffixPunctuation,
        "a suffix's period after . ? or ! is dropped"),
    Fix("date-part-delimiters", model.Date, rendering.DatePartDelimiters,
        "a localized date joins its parts with the locale's delimiter (\"1955 Apr 2\")"),
    Fix("date-item-context", model.Date, rendering.DateItemContext,
        "the implicit year-suffix follows the first rendered year of an entry"),
    Fix("given-position", model.If, cites.GivenPosition,
        "a cite's position given by the caller (citeproc-js's cite item `position`)"),
    Fix("disambiguate-condition", model.If, cites.DisambiguateCondition,
        "disambiguate=\"true\" holds only for items still ambiguous after names"),
    Fix("numeric-locator", model.If, cites.NumericLocator,
        "is-numeric=\"locator\" tests the cite's locator",
        test="tests/csl/test_csl_citations.py::test_locators_affixes_and_author_options"),
    Fix("compiled-condition", model.If, speed.CompiledCondition,
        "a condition's attributes read once, its tests as citeproc-py makes them (speed)",
        test="benchmarks/format_apa.py"),
    Fix("special-variables", model.Text, cites.SpecialVariables,
        "citation-label with its year suffix; the locator escaped"),
    Fix("text-source", model.Text, speed.TextSource,
        "what a <text> renders and the default language read once (speed)",
        test="benchmarks/format_apa.py"),
    Fix("leading-term-capitalised", model.Text, rendering.LeadingTermCapitalised,
        "a term rendered first in a cite or entry is capitalised (\"Ibid.\")"),
    Fix("leading-term-capitalised", model.Number, rendering.RenderedMarker,
        "a number, date or label rendered first means a term after it is not first"),
    Fix("leading-term-capitalised", model.Date, rendering.RenderedMarker, "as above"),
    Fix("leading-term-capitalised", model.Label, rendering.RenderedMarker, "as above"),
    Fix("initialize-false", model.Name, rendering.InitializeFalse,
        "initialize=\"false\" keeps given names whole"),
    Fix("name-option-cache", model.Name, speed.NameOptionCache,
        "a name option is looked up once per <name> and context (speed; after the fixes "
        "that answer for et al., disambiguation and sorting)", test="benchmarks/format_apa.py"),
    Fix("nested-quotes", model.Quoted, rendering.NestedQuotes,
        "quotes inside quotes become the inner quotes"),
    Fix("citation-item", None, None,
        "the project's CitationItem: numbers by a dict, the reference looked up once, "
        "locator labels and the cite's options (fixes/items.py)"),
    Fix("disambiguation", None, None,
        "cites that print the same are told apart: add names, add given names, year "
        "suffix, in CSL's order, over the whole bibliography (disambiguation.py)"),
    Fix("second-field-align", None, None,
        "the first field in its own block (csl-left-margin / csl-right-inline)"),
    Fix("subsequent-author-substitute", None, None, "\"———.\" for repeated names"),
    Fix("typographic-quotes", None, None, "straight quotes and apostrophes made curly "
        "(fixes/text.py)"),
    Fix("punctuation-in-quote", None, None, "en-US: punctuation inside closing quotes"),
    Fix("collapse-punctuation", None, None, "no doubled punctuation (\"Group?.\")"),
    Fix("citation-label", None, None, "citeproc-js's default citation-label (trigraph) for "
        "items without one (fixes/text.py)"),
)


FIXES = tuple(replace(fix, fixtures=NEEDED_BY.get(fix.name, ())) for fix in _FIXES)


def check_version() -> None:
    """The mixins override citeproc-py's methods by name: refuse a version they were not
    written against."""
    version = getattr(citeproc, "__version__", "unknown")
    if version not in SUPPORTED_VERSIONS:
        raise BalintBibError(f"balint-bib's CSL engine needs citeproc-py "
                             f"{' or '.join(SUPPORTED_VERSIONS)}; {version} is installed")


__all__ = ["FIXES", "SUPPORTED_VERSIONS", "Fix", "check_version"]
