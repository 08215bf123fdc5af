"""The one normalised item: CSL-JSON and the Zotero/RIS item show the same content for
the same record (title join, publisher, cleaning), and names that are only commas."""

from __future__ import annotations

import json

import pytest

import balint_bib
from balint_bib import parse_string
from balint_bib.bibtex.model import Record
from balint_bib.bibtex.names import parse_names
from balint_bib.csl.mapping import to_csl_json
from balint_bib.exporters.items import to_item
from balint_bib.validate import validate
from tests.support.zotero_reader import parse, read_items


def record(text: str) -> Record:
    bib = parse_string(text)
    assert not bib.problems, bib.problems
    return bib.records[0]


@pytest.mark.parametrize(("title", "subtitle", "joined"), [
    ("What is a group?", "A guide", "What is a group? A guide"),
    ("Listen!", "A method", "Listen! A method"),
    ("Balint groups", "A history", "Balint groups: A history"),
    ("Part one:", "Beginnings", "Part one: Beginnings"),
])  # fmt: skip
def test_one_title_join(title: str, subtitle: str, joined: str) -> None:
    entry = record(f"@book{{K, title = {{{title}}}, subtitle = {{{subtitle}}}, year = 2000}}")
    assert to_csl_json(entry)["title"] == joined
    assert to_item(entry).title == joined


def test_the_issue_example_gives_one_content_everywhere() -> None:
    entry = record("@misc{K, title = {What is a group?}, subtitle = {A guide},"
                   " institution = {Inst}, organization = {Org}, year = 2020}")
    csl, item = to_csl_json(entry), to_item(entry)
    assert (csl["type"], item.item_type, item.ris_type) == ("report", "report", "RPRT")
    assert csl["publisher"] == item.publisher == "Inst"
    assert csl["title"] == item.title == "What is a group? A guide"


def test_publisher_before_institution_except_for_reports_and_theses() -> None:
    book = record("@book{K, title = {T}, publisher = {Pub}, institution = {Inst}, year = 1}")
    report = record("@techreport{K, title = {T}, publisher = {Pub}, institution = {Inst}}")
    assert to_csl_json(book)["publisher"] == to_item(book).publisher == "Pub"
    assert to_csl_json(report)["publisher"] == to_item(report).publisher == "Inst"


def test_an_organisation_that_is_the_author_is_not_also_the_publisher() -> None:
    entry = record("@misc{K, title = {Form}, howpublished = {Evaluation form},"
                   " organization = {Org}}")
    csl, item = to_csl_json(entry), to_item(entry)
    assert csl["author"] == [{"literal": "Org"}] and "publisher" not in csl
    assert [c.display() for c in item.authors] == ["Org"] and item.publisher == ""


def test_same_cleaning_and_safe_url() -> None:
    entry = record("@misc{K, title = {A\u202etitle}, url = {javascript:alert(1)},"
                   " howpublished = {Talk}}")
    csl, item = to_csl_json(entry), to_item(entry)
    assert csl["title"] == item.title == "Atitle"
    assert "URL" not in csl and item.url == ""


def test_a_thesis_is_a_zotero_thesis_with_its_university() -> None:
    entry = record("@phdthesis{K, author = {Doe, Jane}, title = {Burnout},"
                   " school = {University of Somewhere}, address = {Somewhere}, year = 2015}")
    items = read_items(parse(balint_bib.export((entry,), "zotero-rdf")))
    assert items["Burnout"]["itemType"] == "thesis"
    assert items["Burnout"]["publisher"] == "University of Somewhere"
    assert items["Burnout"]["type"] == "PhD thesis"
    ris = balint_bib.export((entry,), "ris").decode()
    assert "TY  - THES" in ris and "PB  - University of Somewhere" in ris
    assert to_csl_json(entry)["publisher"] == "University of Somewhere"


@pytest.mark.parametrize("authors", [",", " , ", ",,", "~", "Doe, Jane and ,"])
def test_a_name_of_only_commas_exports_and_is_reported(authors: str) -> None:
    bib = parse_string(f"@misc{{K, author = {{{authors}}}, title = {{T}},"
                       " url = {https://example.org}}")
    for name in ("ris", "zotero-rdf", "csl-json", "bibtex"):
        assert balint_bib.export(bib, name)
    assert all(n.family for n in parse_names(authors))
    json.loads(balint_bib.export(bib, "csl-json"))
    assert "BB411" in {finding.code for finding in validate(bib)}
