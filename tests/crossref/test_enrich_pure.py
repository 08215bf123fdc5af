"""The pure parts of enrichment: folding, field-by-field matching, merging, provenance."""

from __future__ import annotations

import tomllib

import pytest

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.matching import (
    ADDED,
    AMBIGUOUS,
    NOT_FOUND,
    WrongShape,
    candidate_from_message,
    citation_from_record,
    decide,
)
from balint_bib.crossref.merge import plan_merge
from balint_bib.crossref.normalize import edit_similarity, fold, same_journal, title_prefixes
from balint_bib.errors import InputError
from balint_bib.provenance import NewSource, Source, append
from tests.support.fake_crossref import work

ARTICLE = """@article{K,
  author = {Kjeldmand, D. and Holmstr{\\"o}m, I. and others},
  title = {Balint Training Makes {GPs} Thrive Better in Their Job},
  journal = {Patient Educ Couns},
  year = {2003},
}"""
RECORD = work("10.5555/k", "Balint training makes GPs thrive better in their job",
              [("Dorte", "Kjeldmand"), ("Inger", "Holmström"), ("Urban", "Rosenqvist")], 2004,
              journal="Patient Education and Counseling", volume="55", issue="2",
              page="230-235", online_year=2003)


def _citation(text: str = ARTICLE):
    return citation_from_record(parse_string(text).records[0])


def test_folding() -> None:
    quoted = "Holmstr\u00f6m\u2019s \u201cBalint\u201d \u2014 groups!"
    assert fold(quoted) == "holmstrom s balint groups"
    assert fold("Straße & Søn") == "strasse and son"
    assert title_prefixes("Does it help? Evidence: a trial") == ["does it help evidence",
                                                                 "does it help"]
    assert edit_similarity("hansen", "hnasen") == pytest.approx(5 / 6)


@pytest.mark.parametrize(("short", "full", "same"), [
    ("Patient Educ Couns", "Patient Education and Counseling", True),
    ("J Fam Pract", "The Journal of Family Practice", True),
    ("Soc Sci Med", "Social Science & Medicine", True),
    ("JAMA", "Journal of the American Medical Association", True),
    ("J Fam Pract", "Journal of Family Psychology", False),
    ("Med Educ", "Medical Teacher", False),
])
def test_journal_names(short: str, full: str, same: bool) -> None:
    assert same_journal(short, full) is same


def test_online_first_year_initials_and_others_match() -> None:
    match = decide(_citation(), [candidate_from_message(RECORD)])
    assert match.decision == ADDED and match.doi == "10.5555/k"
    assert match.chosen.evidence["year"] == "agree"  # the online year
    assert match.chosen.evidence["container"] == "abbreviated"


def test_a_year_off_by_one_needs_a_locator() -> None:
    record = dict(RECORD)
    del record["published-online"]
    record["issued"] = {"date-parts": [[2004]]}
    match = decide(_citation(), [candidate_from_message(record)])
    assert match.decision == AMBIGUOUS  # could be the work; too little says it is
    with_pages = ARTICLE.replace("year = {2003},", "year = {2003}, pages = {230--235},")
    assert decide(_citation(with_pages), [candidate_from_message(record)]).decision == ADDED


def test_a_close_second_makes_it_ambiguous() -> None:
    twin = {**RECORD, "DOI": "10.5555/k-duplicate"}
    match = decide(_citation(), [candidate_from_message(RECORD), candidate_from_message(twin)])
    assert match.decision == AMBIGUOUS and match.doi is None
    assert len(match.assessments) == 2


@pytest.mark.parametrize(("entry_type", "crossref_type", "decision"), [
    ("book", "book", ADDED), ("book", "book-chapter", NOT_FOUND),
    # A chapter could be it, but without a booktitle or pages nothing confirms it.
    ("incollection", "book-chapter", AMBIGUOUS),
    ("article", "book-chapter", NOT_FOUND), ("incollection", "journal-article", NOT_FOUND),
])
def test_types_must_be_compatible(entry_type: str, crossref_type: str, decision: str) -> None:
    entry = f"@{entry_type}{{B, author = {{Balint, Michael}}, title = {{The Doctor, His " \
            "Patient and the Illness}, year = 1957}"
    record = work("10.5555/b", "The doctor, his patient and the illness",
                  [("Michael", "Balint")], 1957, type_=crossref_type)
    assert decide(_citation(entry), [candidate_from_message(record)]).decision == decision


def test_wrong_shapes_raise() -> None:
    for message in ([], {"title": ["x"]}, {"DOI": "10.5555/x", "author": "Smith"},
                    {"DOI": "10.5555/x", "title": [1]}):
        with pytest.raises(WrongShape):
            candidate_from_message(message)


def test_merge_fills_empty_fields_only() -> None:
    record = parse_string("@article{K, title = {T}, volume = {54}, doi = {10.5555/OTHER}}")
    plan = plan_merge(record.records[0], {**RECORD, "publisher": "A & B"},
                      fields=("doi", "volume", "number", "pages", "publisher"), overwrite=(),
                      source="http://x", retrieved="2026-11-01", confidence=12.5,
                      evidence={"title": "agree", "year": "±1", "page": "absent"})
    assert plan.changed == {"number": "2", "pages": "230--235"}  # publisher: not an article's
    assert plan.notes == ("kept doi = {10.5555/OTHER}; Crossref has {10.5555/k}",
                          "kept volume = {54}; Crossref has {55}")
    assert plan.provenance.source.fields == ("number", "pages")
    assert plan.provenance.source.note == "matched on title (agree), year (±1)"
    overwritten = plan_merge(record.records[0], RECORD, fields=("doi",), overwrite=("volume",),
                             source="", retrieved="", confidence=1, evidence={})
    assert overwritten.changed == {"volume": "55"}


def test_provenance_is_appended_once_and_stays_valid_toml() -> None:
    item = NewSource("Key-1", Source(("doi",), "Crossref 10.5555/k", 'said "yes"',
                                     "2026-11-01", 12.5), "10.5555/k")
    existing = "# curated\n[entries.Other]\nverified = true\n"
    once = append(existing, [item])
    assert once.startswith(existing)
    assert append(once, [item]) == once
    data = tomllib.loads(once)
    assert data["entries"]["Key-1"]["sources"][0]["note"] == 'said "yes"'
    with pytest.raises(InputError, match="layout"):
        append('[entries.Key-1]\nsources = "inline"\n', [item])


def test_crossref_values_of_the_wrong_shape_are_not_taken() -> None:
    from balint_bib.crossref.merge import crossref_values

    hostile = {"DOI": "10.5555/x}, title = {evil", "page": "1}, title = {evil",
               "ISSN": ["0738-3991}"], "volume": "55}", "issue": "2"}
    values = crossref_values(hostile, "article")
    assert "doi" not in values and "pages" not in values and "issn" not in values
    assert values["number"] == "2"
    assert crossref_values({"DOI": "10.1016/j.pec.2003.09.009", "page": "230-235"},
                           "article") == {"doi": "10.1016/j.pec.2003.09.009",
                                          "pages": "230--235"}


def test_the_writer_refuses_a_value_that_would_break_the_file() -> None:
    import pytest

    from balint_bib import FieldEdit, InputError, parse_string, to_string

    bibliography = parse_string("@article{A,\n  title = {T},\n}\n")
    for value in ("1}, title = {evil", "x\\", "bell\x07"):
        with pytest.raises(InputError, match="refusing to write"):
            to_string(bibliography, [FieldEdit("A", "pages", value)])
