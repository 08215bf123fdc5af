"""Medical styles print the journal's abbreviation: the entry's own, else the NLM Catalog's,
carried in CSL-JSON's `container-title-short` by the one mapping."""

from __future__ import annotations

import pytest

from balint_bib import load, parse_string
from balint_bib.csl.engine import format_bibliography
from balint_bib.csl.mapping import to_csl_json


def item(body: str, entry_type: str = "article") -> dict:
    return to_csl_json(parse_string(f"@{entry_type}{{K,\n{body}\n}}\n").records[0])


def test_journal_abbreviation_from_the_catalogue():
    result = item("title={T}, journal={The Journal of Family Practice}, year={1988}")
    assert result["container-title"] == "The Journal of Family Practice"
    assert result["container-title-short"] == "J Fam Pract"


@pytest.mark.parametrize("field", ["shortjournal", "journalabbrev"])
def test_own_short_title_wins(field):
    result = item(f"title={{T}}, journal={{Family Medicine}}, {field}={{Fam. Med.}}")
    assert result["container-title-short"] == "Fam. Med."


def test_biblatex_journaltitle_is_looked_up():
    assert item("title={T}, journaltitle={Family Medicine}")["container-title-short"] == "Fam Med"


def test_unknown_journal_and_book_titles_get_no_short_title():
    assert "container-title-short" not in item("title={T}, journal={Journal of the Balint "
                                               "Society}")
    # a book called like a journal is not a journal
    chapter = item("title={T}, booktitle={Family Medicine}, publisher={P}", "incollection")
    assert "container-title-short" not in chapter


EXPECTED = {
    "Kjeldmand2004": "Patient Educ Couns", "Johnson2004": "Fam Med",
    "Scheingold1988": "J Fam Pract", "LichtensteinLustig2006": "Aust Fam Physician",
}


@pytest.mark.parametrize("style", ["american-medical-association", "vancouver", "ieee"])
def test_medical_styles_print_abbreviations(style):
    entries = {e.key: e.text for e in format_bibliography(load().records, style)}
    for key, short in EXPECTED.items():
        assert short in entries[key]
    assert not any("Family Medicine" in entries[key] for key in EXPECTED)
    assert "Journal of the Balint Society" in entries["Freedy2006"]  # no abbreviation known


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "modern-language-association"])
def test_other_styles_keep_full_titles(style):
    entries = {e.key: e.text for e in format_bibliography(load().records, style)}
    assert "Patient Education and Counseling" in entries["Kjeldmand2004"]
