"""The engine's fix layer: citeproc-py's own classes stay upstream, the version is checked,
bad styles give one error naming the file, and the regressions of the old patch layer."""

from __future__ import annotations

import inspect
from pathlib import Path

import citeproc
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, model
from citeproc.source.json import CiteProcJSON

from balint_bib.csl.engine import format_items
from balint_bib.csl.fixes.table import FIXES, check_version
from balint_bib.csl.renderer import Renderer
from balint_bib.csl.styles import resolve_style
from balint_bib.errors import BalintBibError, InputError
from tests.support.tools import FIXTURES, run_cli

STYLES = FIXTURES / "csl" / "styles"
ITEMS = [
    {"id": "a", "type": "book", "title": "The “Difficult” Patient",
     "issued": {"date-parts": [[1990, 4, 2]]},
     "author": [{"family": "Balint", "given": "Michael"}, {"family": "Balint", "given": "Enid"}],
     "title-short": "Difficult"},
    {"id": "b", "type": "article-journal", "title": "van der berg", "page": "3-15",
     "author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}],
     "issued": {"date-parts": [[1990]]}},
]


def _snapshot() -> dict[str, dict[str, object]]:
    classes = [cls for _, cls in inspect.getmembers(model, inspect.isclass)]
    classes.append(CitationItem)
    return {cls.__qualname__: dict(vars(cls)) for cls in classes}


def _raw(style: str) -> list[str]:
    """citeproc-py used on its own, as another library in the process would."""
    parsed = CitationStylesStyle(str(resolve_style(style).path), validate=False)
    bibliography = CitationStylesBibliography(parsed, CiteProcJSON(ITEMS),
                                              citeproc.formatter.html)
    for item in ITEMS:
        bibliography.register(Citation([CitationItem(item["id"])]))
    bibliography.sort()
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "ieee"])
def test_citeproc_py_behaves_as_upstream_after_balint_bib(style: str) -> None:
    before_classes = _snapshot()
    before = _raw(style)
    ours = format_items(ITEMS, style, output="html")
    assert ours  # the project's engine did render, with its fixes
    assert _snapshot() == before_classes  # no attribute of a citeproc-py class changed
    assert _raw(style) == before


def test_the_fixes_differ_from_upstream() -> None:
    """The layer is not a no-op: raw citeproc-py prints "1990Apr2"-style dates and curly
    quotes differently, the project's engine does not (chicago: "1990. “The ‘Difficult’...")."""
    ours = dict(format_items(ITEMS, "chicago-author-date", output="html"))["a"]
    assert "“The ‘Difficult’ Patient.”" in ours or "<i>The “Difficult” Patient</i>" in ours
    assert ours != _raw("chicago-author-date")[0]


def test_every_element_fix_is_in_the_table() -> None:
    from balint_bib.csl.fixes import (
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
    from balint_bib.csl.fixes.elements import ProjectLocales

    mixins = {fix.mixin for fix in FIXES if fix.mixin is not None}
    defined = {cls for module in (cites, fields, flipflop, initials, names, numbers, ordinals,
                                  others, punctuation, rendering, sorting, speed, substitute,
                                  text, textcase)
               for _, cls in
               inspect.getmembers(module, inspect.isclass) if cls.__module__ == module.__name__}
    assert defined | {ProjectLocales} == mixins
    assert all(fix.why for fix in FIXES)
    element_fixes = [fix for fix in FIXES if fix.mixin is not None]
    unjustified = [fix.name for fix in element_fixes if not (fix.fixtures or fix.test)]
    assert not unjustified  # each change names the fixtures (or test) that need it


def test_unsupported_citeproc_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(citeproc, "__version__", "0.12.0")
    with pytest.raises(BalintBibError, match=r"citeproc-py 0\.11\.1; 0\.12\.0 is installed"):
        check_version()


@pytest.mark.parametrize(("name", "message"), [
    ("recursive-macro", "macro calls itself: a -> b -> a"),
    ("undefined-macro", "macro 'nowhere' is called but not defined"),
    ("no-layout", "<citation> has no <layout>"),
])
def test_bad_styles_give_one_error_naming_the_file(name: str, message: str) -> None:
    path = STYLES / f"{name}.csl"
    with pytest.raises(InputError, match=message) as error:
        Renderer(resolve_style(str(path)), "en-US")
    assert error.value.path == str(path)
    cases = str(FIXTURES / "csl" / "cases.bib")
    for command in (["format", cases, "--style", str(path)],
                    ["cite", "Balint1957", "--style", str(path), "--file", cases]):
        result = run_cli(*command)
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert str(path) in result.stderr and message in result.stderr


def test_names_that_are_not_text_and_inline_markup() -> None:
    """isInstitution / comma-suffix (booleans) and rich-text titles (issue 12)."""
    items = [{"id": "who", "type": "report", "issued": {"date-parts": [[2000]]},
              "title": "<i>Vivo</i> and <b>bold</b> x<sup>2</sup> <sc>Sc</sc> "
                       "<span class=\"nocase\">iPod</span> a < b",
              "author": [{"literal": "World Health Organization", "isInstitution": True}]},
             {"id": "jr", "type": "book", "title": "B", "issued": {"date-parts": [[1990]]},
              "author": [{"family": "Dale", "given": "John", "suffix": "Jr.",
                          "comma-suffix": True}]}]
    entries = dict(format_items(items, "chicago-author-date", output="html"))
    # the title is italic: the italic word inside it flips to roman, as in citeproc-js;
    # a superscript is not title-cased and "x" before it is a one-letter word (citeproc-js)
    assert '<i><span style="font-style:normal;">Vivo</span> and <b>bold</b> x<sup>2</sup> ' \
           '<span style="font-variant:small-caps;">Sc</span> iPod a &#60; b</i>.' \
           in entries["who"]
    assert entries["jr"].startswith("Dale, John, Jr. 1990.")


def test_ampersand_in_page_range_is_escaped_once() -> None:
    items = [{"id": "p", "type": "article-journal", "title": "T", "page": "3 & 5",
              "container-title": "J", "volume": "4", "issued": {"date-parts": [[2000]]}}]
    html = format_items(items, "chicago-author-date", output="html")[0][1]
    assert "3 &#38; 5" in html and "#38;#38;" not in html and "#38; #38;" not in html


def test_sort_keeps_word_boundaries_and_bc_years(tmp_path) -> None:
    names = [{"id": "x", "type": "book", "title": "X",
              "author": [{"family": "Dalebout", "given": "A"}]},
             {"id": "y", "type": "book", "title": "Y",
              "author": [{"family": "Dale", "given": "John"}]}]
    assert [key for key, _ in format_items(names, "apa")] == ["y", "x"]
    style = tmp_path / "by-date.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        '<info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><sort><key variable="issued"/></sort><layout>'
        '<text variable="title"/></layout></bibliography></style>', encoding="utf-8")
    dated = [{"id": i, "type": "book", "title": i, "issued": {"date-parts": [[year]]}}
             for i, year in (("a", 1990), ("b", -100), ("c", 50))]
    assert [key for key, _ in format_items(dated, str(style))] == ["b", "c", "a"]


def test_citations_with_a_style_without_bibliography() -> None:
    """The crash of issue 12: a citation-only style made citations raise AttributeError."""
    from balint_bib.csl.document import Citation, Cite

    renderer = Renderer(resolve_style(str(STYLES / "citation-only.csl")), "en-US")
    document = [Citation([Cite("a")], note=1), Citation([Cite("a", locator="12")], note=2),
                Citation([Cite("b")], note=3), Citation([Cite("a")], note=4)]
    assert renderer.document(ITEMS, document) == [
        "Michael Balint, Enid Balint, <i>The “Difficult” Patient</i>, 1990.", "Ibid., 12.",
        "Jan van der Berg, <i>van der berg</i>, 1990.", "Balint, Balint."]
    result = run_cli("cite", "Balint1957", "--style", STYLES / "citation-only.csl",
                     "--file", FIXTURES / "csl" / "cases.bib")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Michael Balint, The Doctor, His Patient")


def test_collapsing_numbers_and_years() -> None:
    from balint_bib.csl.collapse import Delimiters, Rendered, collapse_names, collapse_numbers

    numbers = [Rendered(f"[{n}]", number=n) for n in (1, 2, 3, 5, 6, 8, 9, 10)]
    assert collapse_numbers(numbers, ", ") == "[1]–[3], [5], [6], [8]–[10]"
    smith = [Rendered(f"Smith 2000{s}", "Smith", f"2000{s}", year="2000", suffix=s)
             for s in "abcde"] + [Rendered("Smith 2001", "Smith", "2001", year="2001")]
    jones = Rendered("Jones 1999", "Jones", "1999", year="1999")
    delimiters = Delimiters("; ", ", ", ",", "; ")
    assert collapse_names([smith[0], jones, *smith[1:]], "year", delimiters) == \
        "Smith 2000a, 2000b, 2000c, 2000d, 2000e, 2001; Jones 1999"
    assert collapse_names(smith, "year-suffix", delimiters) == "Smith 2000a,b,c,d,e; 2001"
    assert collapse_names([smith[0], *smith[2:]], "year-suffix-ranged", delimiters) == \
        "Smith 2000a,c–e; 2001"


def test_flip_flop_and_stray_tags() -> None:
    from balint_bib.csl.fixes.flipflop import flip_flop
    from balint_bib.csl.fixes.text import inline_markup

    assert flip_flop("<i>One <i>Two <i>Three</i> Four</i> Five</i>") == (
        '<i>One <span style="font-style:normal;">Two <i>Three</i> Four</span> Five</i>')
    assert flip_flop('<b>Speak, <b>friend</b></b>') == (
        '<b>Speak, <span style="font-weight:normal;">friend</span></b>')
    assert flip_flop('<i>Lessard <span class="nodecor">v.</span> Schmidt</i>') == (
        '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>')
    assert inline_markup("One</i> Two") == "One&#60;/i&#62; Two"


_ATTRIBUTE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <macro name="m"><text variable="title"/></macro>
  <citation><layout>
    <choose>
      <if disambiguate="true"><text macro="m"/></if>
      <else-if type="book"><text variable="title" text-case="title"/></else-if>
      <else><text variable="locator" prefix="p. "/></else>
    </choose>
  </layout></citation>
</style>
"""


def test_a_fix_is_mixed_in_only_where_the_attributes_call_for_it(tmp_path: Path) -> None:
    """fixes/elements.py: an element's class holds the fixes its attributes call for (a
    fix with `applies`), every other fix of its target, and an <else-if> is a subclass of
    the <if> made for the same attributes."""
    from balint_bib.csl.fixes import cites, numbers, punctuation, rendering
    from balint_bib.csl.fixes.elements import parse

    path = tmp_path / "attributes.csl"
    path.write_text(_ATTRIBUTE_STYLE, encoding="utf-8")
    root = parse(path).getroot()
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    by_macro, = root.xpath("//cs:if/cs:text", namespaces=ns)
    cased, = root.xpath("//cs:else-if/cs:text", namespaces=ns)
    locator, = root.xpath("//cs:else/cs:text", namespaces=ns)
    plain, = root.xpath("//cs:macro/cs:text", namespaces=ns)
    condition, = root.xpath("//cs:if", namespaces=ns)
    other_condition, = root.xpath("//cs:else-if", namespaces=ns)

    assert isinstance(by_macro, punctuation.MacroDecorationEnd)
    assert not isinstance(plain, punctuation.MacroDecorationEnd)
    assert isinstance(cased, rendering.TitleCase) and not isinstance(plain, rendering.TitleCase)
    assert isinstance(locator, numbers.LocatorRanges) and isinstance(
        locator, rendering.SuffixPunctuation)
    assert not isinstance(cased, numbers.LocatorRanges | rendering.SuffixPunctuation)
    # a fix without `applies` is on every element of its target
    assert all(isinstance(text, rendering.LeadingTermCapitalised)
               for text in (by_macro, cased, locator, plain))
    assert isinstance(condition, cites.DisambiguateCondition)
    assert not isinstance(other_condition, cites.DisambiguateCondition)
    assert type(other_condition).__name__ == "Else_If"
    assert isinstance(other_condition, model.If)
