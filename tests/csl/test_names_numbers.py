"""Superscript characters (markup.superscripts), plural labels and ranges (fixes/numbers.py),
particles parsed from CSL-JSON names (fixes/names.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from balint_bib.csl.engine import format_items
from balint_bib.csl.fixes.names import parse_particles
from balint_bib.csl.fixes.numbers import expand_range_end, is_plural
from balint_bib.csl.markup import convert, superscripts


def test_superscript_characters_become_sup_elements() -> None:
    assert superscripts("1ʳᵉ édition, 2ª") == "1<sup>r</sup><sup>e</sup> édition, 2<sup>a</sup>"
    assert superscripts("plain 2") == "plain 2"


def test_plain_text_keeps_the_superscript_characters() -> None:
    html = superscripts("1ʳᵉ, E = mc²")
    assert convert(html, "text") == "1ʳᵉ, E = mc²"
    assert convert("x<sup>abc</sup>", "text") == "xabc"  # no single character for it


@pytest.mark.parametrize(("value", "plural"), [
    ("1-2", True), ("i-ix", True), ("213 & 235", True), ("213 et 235", True),
    ("12a, 14", True), ("3\\-B", False), ("327\\-30", False), ("Michaelson-Morely", False),
    ("2.0", False), ("12", False),
])
def test_plural_detection(value: str, plural: bool) -> None:
    assert is_plural(value) is plural


def test_range_end_written_out() -> None:
    assert expand_range_end("427", "30") == "430"
    assert expand_range_end("427", "1430") == "1430"
    assert expand_range_end("A4", "7") == "7"  # not digits: as given


@pytest.mark.parametrize(("name", "parsed"), [
    ({"family": "van der Vlist", "given": "Eric"},
     {"non-dropping-particle": "van der", "family": "Vlist", "given": "Eric"}),
    ({"family": "d'Aubignac", "given": "François"},
     {"non-dropping-particle": "d'", "family": "Aubignac", "given": "François"}),
    ({"family": "al-One"}, {"non-dropping-particle": "al-", "family": "One"}),
    ({"family": "Humboldt", "given": "Alexander von"},
     {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"}),
    ({"family": "Las Familyname"}, {"family": "Las Familyname"}),  # capitalised: family
    ({"family": "hooks", "given": "bell"}, {"family": "hooks", "given": "bell"}),
    ({"family": "cummings", "given": "e. e."}, {"family": "cummings", "given": "e. e."}),
    ({"family": '"Van Dyke"'}, {"family": "Van Dyke"}),  # quoted: as it is
    ({"family": "van Gogh", "parse-names": False},
     {"family": "van Gogh", "parse-names": False}),
])
def test_particles_parsed_from_names(name: dict[str, Any], parsed: dict[str, Any]) -> None:
    assert parse_particles(name) == parsed


def test_hyphenated_name_variables_are_printed(tmp_path: Path) -> None:
    """collection-editor, container-author...: citeproc-py never found them (fixes/names)."""
    style = tmp_path / "names.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>"
        '<citation><layout><text value="x"/></layout></citation><bibliography><layout>'
        '<group delimiter="; "><names variable="collection-editor"><name/>'
        '<label prefix=" "/></names><names variable="container-author"/>'
        '<text variable="title"/></group></layout></bibliography></style>', encoding="utf-8")
    items = [{"id": "a", "type": "book", "title": "T",
              "collection-editor": [{"family": "Zither", "given": "Ziggy"}],
              "container-author": [{"family": "Cont", "given": "A"}]}]
    assert format_items(items, str(style), output="text") == [
        ("a", "Ziggy Zither editor; A Cont; T")]


def test_names_label_left_out_of_sort_keys(tmp_path: Path) -> None:
    """An editor ("Doe, John ed.") sorts with the same person as author ("Doe, John"),
    before "Doe, John Eamon", as in citeproc-js (sort_DropNameLabelInSort)."""
    style = tmp_path / "sort.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id/><title/><updated>2009-08-10T04:49:00+09:00</updated></info>"
        '<macro name="author"><names variable="author"><name name-as-sort-order="all"/>'
        '<label form="short" prefix=" "/><substitute><names variable="editor"/>'
        "</substitute></names></macro>"
        '<citation><layout><text value="x"/></layout></citation><bibliography><sort>'
        '<key macro="author"/></sort><layout><text macro="author"/></layout>'
        "</bibliography></style>", encoding="utf-8")
    items = [{"id": "eamon", "type": "book", "author": [{"family": "Doe", "given": "John Eamon"}]},
             {"id": "ed", "type": "book", "editor": [{"family": "Doe", "given": "John"}]}]
    assert [key for key, _ in format_items(items, str(style), output="text")] == ["ed", "eamon"]
