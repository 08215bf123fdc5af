"""Disambiguation, positions and cite affixes in the project's engine (issue 12): the
givenname-disambiguation-rule as CSL 1.0.2 states it, per name; the note numbers a cite
sees; a prefix that stands in for the layout delimiter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from balint_bib.csl.document import Citation, Cite
from balint_bib.csl.renderer import Renderer
from balint_bib.csl.styles import StyleFile

_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id/><title/><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation {options}>
    <layout delimiter="; ">{layout}</layout>
  </citation>
</style>"""

_NAMES = ('<group delimiter=" "><names variable="author"><name form="short" and="text" '
          'initialize-with=". "{name}/></names>'
          '<date variable="issued"><date-part name="year"/></date></group>')


def _renderer(tmp_path: Path, options: str, layout: str) -> Renderer:
    path = tmp_path / "style.csl"
    path.write_text(_STYLE.format(options=options, layout=layout), encoding="utf-8")
    return Renderer(StyleFile("style", path), "en-US")


def _book(key: str, year: int, *names: tuple[str, str]) -> dict[str, Any]:
    return {"id": key, "type": "book", "issued": {"date-parts": [[year]]},
            "author": [{"family": family, "given": given} for family, given in names]}


def test_all_names_expands_ambiguous_names_in_unambiguous_cites(tmp_path: Path) -> None:
    """Two Malones in cites that differ by year: all-names still tells the names apart, to
    initials where they differ (J. / K.), in full where they do not (Bosworth, Beauregarde)."""
    renderer = _renderer(tmp_path, 'disambiguate-add-givenname="true" '
                         'givenname-disambiguation-rule="all-names"', _NAMES.format(name=""))
    items = [_book("a", 2001, ("Malone", "John"), ("Bronchitis", "Bosworth")),
             _book("b", 1951, ("Malone", "Kemp"), ("Bronchitis", "Beauregarde")),
             _book("c", 1990, ("Cold", "Crispin"))]
    assert renderer.citation(items, ["a", "b", "c"]) == (
        "J. Malone and Bosworth Bronchitis 2001; K. Malone and Beauregarde Bronchitis 1951; "
        "Cold 1990")
    # by-cite, the default, leaves names in cites that differ alone
    by_cite = _renderer(tmp_path, 'disambiguate-add-givenname="true"', _NAMES.format(name=""))
    assert by_cite.citation(items, ["a", "b"]) == (
        "Malone and Bronchitis 2001; Malone and Bronchitis 1951")


def test_primary_name_with_initials(tmp_path: Path) -> None:
    """Only the first name of each cite, and never beyond initials: Cecil and Charles Smith
    stay "Smith"."""
    renderer = _renderer(tmp_path, 'disambiguate-add-givenname="true" '
                         'givenname-disambiguation-rule="primary-name-with-initials"',
                         _NAMES.format(name=""))
    items = [_book("a", 2001, ("Asthma", "Albert"), ("Cold", "Crispin")),
             _book("b", 2002, ("Asthma", "Gargoyle"), ("Cold", "Odeous")),
             _book("c", 2003, ("Smith", "Cecil")), _book("d", 2004, ("Smith", "Charles"))]
    assert renderer.citation(items, ["a", "b", "c", "d"]) == (
        "A. Asthma and Cold 2001; G. Asthma and Cold 2002; Smith 2003; Smith 2004")


def test_by_cite_expands_only_the_name_that_differs(tmp_path: Path) -> None:
    renderer = _renderer(tmp_path, 'disambiguate-add-givenname="true"',
                         _NAMES.format(name=""))
    items = [_book("a", 1980, ("Smith", "John"), ("Jones", "John")),
             _book("b", 1980, ("Smith", "John"), ("Jones", "Arthur"))]
    assert renderer.citation(items, ["a", "b"]) == (
        "Smith and J. Jones 1980; Smith and A. Jones 1980")


def test_expanded_name_formatted_once(tmp_path: Path) -> None:
    """A name expanded to its given name is formatted by its <name-part>s once: the family
    name in capitals, the given name not."""
    name = '><name-part name="family" text-case="uppercase"/></name'
    renderer = _renderer(tmp_path, 'disambiguate-add-givenname="true" '
                         'givenname-disambiguation-rule="all-names"',
                         _NAMES.format(name=name).replace("/></names>", "></names>"))
    items = [_book("a", 2001, ("Malone", "Nolan")), _book("b", 1951, ("Malone", "Nathan"))]
    assert renderer.citation(items, ["a", "b"]) == "Nolan MALONE 2001; Nathan MALONE 1951"


def test_first_reference_note_number_only_after_the_first_cite(tmp_path: Path) -> None:
    renderer = _renderer(tmp_path, "", '<group delimiter=", "><text variable="title"/>'
                         '<text variable="first-reference-note-number"/></group>')
    items = [{"id": "a", "type": "book", "title": "Book A"}]
    document = [Citation([Cite("a")], note=1), Citation([Cite("a")], note=3)]
    assert renderer.document(items, document) == ["Book A", "Book A, 1"]


def test_prefix_opening_with_punctuation_replaces_the_delimiter(tmp_path: Path) -> None:
    renderer = _renderer(tmp_path, "", '<text variable="title"/>')
    items = [{"id": "a", "type": "book", "title": "Book A"},
             {"id": "b", "type": "book", "title": "Book B"}]
    cited = Citation([Cite("a"), Cite("b", prefix=", cited in ")], note=1)
    assert renderer.document(items, [cited]) == ["Book A, cited in Book B"]
