"""Every change the project makes to citeproc-py 0.11.1, in one table.

An entry with a `mixin` is mixed into the project's own subclass of each citeproc-py element
class that derives from `target` (fixes/elements.py); citeproc-py's classes stay as they are.
Entries without a mixin are steps of the project's engine around citeproc-py (renderer.py,
fixes/text.py, fixes/layout.py, fixes/items.py). `fixtures` names CSL test-suite fixtures
that fail without the fix (`python benchmarks/csl_test_suite.py --without NAME` shows them);
fixes for citeproc-js agreement that no fixture covers say so and name their test instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import citeproc
from citeproc import model

from ...errors import BalintBibError
from . import (
    cites,
    fields,
    flipflop,
    initials,
    names,
    numbers,
    ordinals,
    others,
    punctuation,
    rendering,
    sorting,
    speed,
    substitute,
    text,
    textcase,
)
from .elements import ProjectLocales
from .needed_by import NEEDED_BY

SUPPORTED_VERSIONS = ("0.11.1",)


def having(*names: str) -> Callable[[Mapping[str, str]], bool]:
    """For a fix that reads only these attributes of the element."""
    return lambda attributes: any(name in attributes for name in names)


def rendering_variable(*variables: str) -> Callable[[Mapping[str, str]], bool]:
    """For a fix of <text> that changes only these variables."""
    return lambda attributes: attributes.get("variable") in variables


@dataclass(frozen=True)
class Fix:
    name: str
    target: type | None  # the citeproc-py class (or mixin class) changed
    mixin: type | None
    why: str
    fixtures: tuple[str, ...] = ()
    unless: tuple[type, ...] = ()  # classes under `target` that keep their own method
    # For a mixin that does something only for some attributes: whether an element's
    # attributes call for it (fixes/elements.py leaves it out of the others' classes).
    applies: Callable[[Mapping[str, str]], bool] | None = None
    test: str = ""  # for a fix no fixture needs: the test or benchmark that shows it


_FIXES: tuple[Fix, ...] = (
    # First, so that it sits before the lookup cache in the method order: the et-al options
    # it answers for a list ending in "others" must not come from (or go into) the cache.
    # Before the fixes that answer name options in cites: it answers for them when their
    # state is not set.
    Fix("name-option-shortcut", model.Name, speed.NameOptionShortcut,
        "a name option is answered once per <name> and context while no cite-time state "
        "changes it (speed)", test="benchmarks/format_apa.py"),
    Fix("others-et-al", model.Name, others.OthersEtAl,
        "a name list ending in pandoc's {literal: others} (BibTeX's `and others`) prints the "
        "style's et al. after the listed names", test="tests/csl/test_and_others.py"),
    Fix("project-locales", model.Style, ProjectLocales,
        "locale files are read into the project's element classes too, so that the fixes "
        "reach localized dates and terms"),
    Fix("lookup-cache", model.CitationStylesElement, rendering.LookupCache,
        "terms, macros, localized dates and XPath queries are looked up once per style "
        "(speed; the caches live on the parsed style)", unless=(model.Locale,),
        test="benchmarks/format_apa.py"),
    Fix("calls-variable-cache", model.Parent, rendering.CallsVariableCache,
        "whether a group renders a variable is computed once per element (speed)",
        test="benchmarks/format_apa.py"),
    Fix("calls-variable-cache", model.Text, rendering.CallsVariableCache,
        "as above, for <text>", test="benchmarks/format_apa.py"),
    Fix("plain-format", model.Formatted, speed.PlainFormat,
        "an element without font or decoration attributes leaves the text as it is "
        "(speed)", test="benchmarks/format_apa.py"),
    *(Fix("plain-markup", target, speed.PlainMarkup,
          "an element with no formatting, affix, quote, display or case attribute returns "
          "its text without the five steps of markup (speed)", test="benchmarks/format_apa.py")
      for target in (model.Text, model.Group, model.Names, model.Number, model.Label,
                     model.Date_Part)),
    Fix("substitute-through-macros", model.Substitute, rendering.SubstituteSuppressesMacros,
        "what a <substitute> renders is suppressed in the rest of the entry, also when it "
        "came from a macro (APA: a title standing in for the author is not repeated)"),
    Fix("substitute-once", model.Substitute, substitute.SubstituteOnce,
        "a substitute ends at its first child that renders, or that calls no variable "
        "(a term), as in citeproc-js"),
    Fix("suppressed-names", model.Names, substitute.SuppressedNames,
        "names variables a substitute rendered are suppressed at once, in the rest of the "
        "substitute and of the entry"),
    Fix("disambiguated-names", model.Name, cites.DisambiguatedNames,
        "in cites, the name options chosen by disambiguation (add names; each name's "
        "level: initials or full given name, CSL's name expansion)"),
    Fix("sort-name-options", model.Name, sorting.NameSortOptions,
        "sort keys: 'sort-only' particles demoted, name parts joined by a space, no "
        "\"and\" before the last name",
        test="tests/csl/test_csl_fidelity.py (harvard-cite-them-right order)"),
    Fix("sort-collation", model.Sort, sorting.SortCollation,
        "locale collation on plain text, numbers compared as numbers, items without the "
        "key last"),
    Fix("title-case", model.TextCased, rendering.TitleCase,
        "citeproc-js's title case (words after hyphens and quotes, its stop words, no space "
        "at case-protected text), also for labels and terms, which have no language",
        applies=having("text-case")),
    Fix("sort-key-names-without-label", model.Label, names.SortKeyNamesWithoutLabel,
        "a names' label (\"ed.\") is left out of sort keys",
        test="tests/csl/test_names_numbers.py::test_names_label_left_out_of_sort_keys"),
    Fix("protected-case", model.TextCased, textcase.ProtectedCase,
        "lowercase and uppercase leave case-protected (nocase) text alone",
        applies=having("text-case")),
    Fix("record-names", model.Names, rendering.RecordNames,
        "each entry's rendered names are recorded, for subsequent-author-substitute"),
    Fix("display", model.Affixed, rendering.Display,
        "display= blocks as citeproc-js's <div class=\"csl-block\"> (and left-margin, "
        "right-inline, indent)",
        applies=having("display")),
    Fix("suffix-punctuation", model.Affixed, rendering.SuffixPunctuation,
        "a suffix's period after . ? or ! is dropped; affixes are escaped as text is "
        "(\"&lt;\" prints as &#60;)",
        applies=having("prefix", "suffix")),
    Fix("date-part-delimiters", model.Date, rendering.DatePartDelimiters,
        "a localized date joins its parts with the locale's delimiter (\"1955 Apr 2\")"),
    Fix("date-item-context", model.Date, rendering.DateItemContext,
        "the implicit year-suffix follows the first rendered year of an entry"),
    Fix("given-position", model.If, cites.GivenPosition,
        "a cite's position given by the caller (citeproc-js's cite item `position`)"),
    Fix("disambiguate-condition", model.If, cites.DisambiguateCondition,
        "disambiguate=\"true\" holds only for items still ambiguous after names",
        applies=having("disambiguate")),
    Fix("numeric-locator", model.If, cites.NumericLocator,
        "is-numeric=\"locator\" tests the cite's locator",
        test="tests/csl/test_csl_citations.py::test_locators_affixes_and_author_options"),
    Fix("compiled-condition", model.If, speed.CompiledCondition,
        "a condition's attributes read once, its tests as citeproc-py makes them (speed)",
        test="benchmarks/format_apa.py"),
    Fix("fast-choose", model.Choose, speed.FastChoose,
        "a <choose> asks its branches whether they hold instead of catching the exception "
        "of each that fails (speed)", test="benchmarks/format_apa.py"),
    # Before special-variables: the locator is printed (and escaped) here.
    Fix("locator-ranges", model.Text, numbers.LocatorRanges,
        "a locator printed as a number: ranges only between numbers, page-range-format "
        "for a page locator, \"&\" as the locale's symbol",
        applies=rendering_variable("locator")),
    Fix("number-ranges", model.FormatNumber, numbers.NumberRanges,
        "a hyphen is a range only between numbers (\"Michaelson-Morely\" stays), an "
        "escaped hyphen prints as \"-\", \"&\" in a list is the locale's and symbol"),
    Fix("plural-labels", model.Label, numbers.PluralLabels,
        "a label is plural for two or more numbers in a list or range, roman numerals "
        "too, not across an escaped hyphen; number-of-* above 1"),
    Fix("special-variables", model.Text, cites.SpecialVariables,
        "citation-label with its year suffix; the locator escaped, trimmed, its number "
        "ranges with an en dash (\"100–103\")",
        applies=rendering_variable("locator", "citation-label")),
    Fix("leading-term-capitalised", model.Text, rendering.LeadingTermCapitalised,
        "a term rendered first in a cite or entry is capitalised (\"Ibid.\")"),
    Fix("leading-term-capitalised", model.Number, rendering.RenderedMarker,
        "a number, date or label rendered first means a term after it is not first"),
    Fix("leading-term-capitalised", model.Date, rendering.RenderedMarker, "as above"),
    Fix("leading-term-capitalised", model.Label, rendering.RenderedMarker, "as above"),
    # Last of the Name fixes: its `process` replaces citeproc-py's, the ones above wrap it.
    Fix("name-list", model.Name, names.NameList,
        "a name list as citeproc-js prints it: et al. only with et-al-use-first, "
        "after-inverted-name, the name delimiter before \"and\", no initials without a "
        "family name, CJK names unspaced, name-part affixes around particles and suffix, "
        "counts that add up; a name disambiguation rendered at its level is kept as it is",
        test="tests/csl/test_csl_disambiguation.py::test_expanded_name_formatted_once"),
    Fix("initials", model.Name, initials.Initials,
        "given names initialized as citeproc-js does: initials, abbreviations (\"Ph.\") and "
        "words told apart, initialize=\"false\" keeps words whole, markup kept around "
        "initials"),
    Fix("ordinals", model.Number, ordinals.Ordinals,
        "ordinal terms as CSL 1.0.1 sets them: one locale's set replaces the ones after it, "
        "last-digit / last-two-digits / whole-number matches, the gender of the number's "
        "term"),
    Fix("name-option-cache", model.Name, speed.NameOptionCache,
        "a name option is looked up once per <name> and context (speed; after the fixes "
        "that answer for et al., disambiguation and sorting)", test="benchmarks/format_apa.py"),
    Fix("nested-quotes", model.Quoted, rendering.NestedQuotes,
        "quotes inside quotes become the inner quotes",
        applies=having("quotes")),
    Fix("explicit-normal", model.Formatted, flipflop.ExplicitNormal,
        "font-style=\"normal\" and the like turn a decoration off inside it, and print "
        "nothing elsewhere", unless=(model.Name, model.Name_Part)),
    Fix("decoration-end", model.Formatted, punctuation.MarkDecorationEnd,
        "punctuation after an element's own formatting is not merged with the text inside "
        "it (fixes/punctuation.py)", unless=(model.Name, model.Name_Part),
        test="tests/csl/test_csl_fidelity.py (AMA keeps “<i>Doctor?</i>.”, Harvard drops "
             "the period)"),
    Fix("decoration-end", model.Group, punctuation.GroupDecorationEnd, "as above",
        test="tests/csl/test_csl_fidelity.py"),
    Fix("decoration-end", model.Text, punctuation.MacroDecorationEnd, "as above",
        test="tests/csl/test_csl_fidelity.py",
        applies=having("macro")),
    Fix("decoration-end", model.Layout, punctuation.LayoutDecorationEnd, "as above",
        test="tests/csl/test_csl_fidelity.py"),
    Fix("fast-children", model.Parent, speed.FastChildren,
        "an element's children and what each is listed once, not asked of lxml and of "
        "each child on every render (speed; after the fixes that wrap it)",
        test="benchmarks/format_apa.py"),
    Fix("fast-group", model.Group, speed.FastGroup,
        "as above, for a <group>", test="benchmarks/format_apa.py"),
    Fix("rich-text-value", model.Text, text.RichTextValue,
        "a <text value> is rich text, as fields are: inline tags, typographic quotes",
        applies=having("value")),
    Fix("text-source", model.Text, speed.TextSource,
        "what a <text> renders and the default language read once (speed; after the fixes "
        "that wrap what it renders)",
        test="benchmarks/format_apa.py"),
    Fix("derived-fields", None, None,
        "container-title-short and title-short from Zotero's journalAbbreviation and "
        "shortTitle; `variable: value` lines of a note "
        "as fields (fixes/fields.py)"),
    Fix("season-range", model.Date, fields.SeasonRange,
        "a range of two seasons of one year: both seasons, the year once"),
    Fix("label-needs-variable", model.Label, fields.LabelNeedsVariable,
        "a <label> prints only when its variable (or the cite's locator) is there"),
    Fix("page-ranges", model.FormatNumber, fields.PageRanges,
        "a short last page completed from the first; chicago-16 page ranges"),
    Fix("dates-as-citeproc-js", None, None,
        "dates read as citeproc-js reads them: seasons as months 13-24 and per date of a "
        "range, parts written as strings, empty or impossible parts left out, a date with "
        "no parts printed as its raw text (fixes/source.py)"),
    Fix("citation-item", None, None,
        "the project's CitationItem: numbers by a dict, the reference looked up once, "
        "locator labels and the cite's options (fixes/items.py)"),
    Fix("disambiguation", None, None,
        "cites that print the same are told apart: add names, add given names, the "
        "disambiguate=\"true\" conditions one at a time, year suffix (counted in each set "
        "still alike), in CSL's order, over the whole bibliography; a method kept where it "
        "tells more cites apart; the cites after the first compared too when the style "
        "prints them differently (disambiguation.py)"),
    Fix("givenname-disambiguation-rule", None, None,
        "CSL 1.0.2's rule: by-cite expands one name at a time in ambiguous cites; all-names "
        "and primary-name (-with-initials) expand every name another person's prints the "
        "same, in all cites (disambiguation.expand_names_globally)"),
    Fix("cite-collapse", None, None,
        "a cite with a locator joins its author's group, the after-collapse delimiter "
        "after it; a cite printing only its names adds nothing (collapse.py)"),
    Fix("cite-affixes", None, None,
        "a prefix opening with punctuation replaces the layout delimiter; a term after a "
        "prefix that ends a sentence is capitalised (citations.py)"),
    Fix("cite-positions", None, None,
        "first-reference-note-number only after the first cite; near-note within a "
        "citation; ibid within text or footnote citations separately (positions.py)"),
    Fix("second-field-align", None, None,
        "the first field in its own block (csl-left-margin / csl-right-inline)"),
    Fix("subsequent-author-substitute", None, None, "\"———.\" for repeated names"),
    Fix("typographic-quotes", None, None, "straight quotes and apostrophes made curly, "
        "paired across inline tags, an orphan double quote left straight, a narrow space "
        "inside guillemets (fixes/text.py)", test="tests/csl/test_csl_text_fixes.py"),
    Fix("punctuation-in-quote", None, None, "en-US: punctuation inside closing quotes"),
    Fix("collapse-punctuation", None, None, "no doubled punctuation (\"Group?.\")"),
    Fix("name-particles", None, None, "particles parsed from CSL-JSON names as citeproc-js "
        "parses them: \"van der Vlist\", \"d'Aubignac\", \"Alexander von\"; a quoted "
        "family name kept whole (fixes/names.parse_particles, in fixes/text.py)"),
    Fix("hyphenated-names", None, None, "name variables with a hyphen (collection-editor, "
        "container-author...) found by <names> (fixes/names.with_hyphenated_names)",
        test="tests/csl/test_names_numbers.py::test_hyphenated_name_variables_are_printed"),
    Fix("superscripts", None, None, "superscript characters (\"ʳᵉ\", \"ª\") as <sup> "
        "elements, as citeproc-js writes them (markup.superscripts)"),
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


__all__ = ["FIXES", "SUPPORTED_VERSIONS", "Fix", "check_version", "having", "rendering_variable"]
