"""Word-level title evidence: the damage citations do is "reworded", accepted only with
authors, year, journal and a locator; a word replaced by another is never the same title."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.client import CrossrefClient
from balint_bib.crossref.enrich import EnrichOptions, enrich
from balint_bib.crossref.matching import (
    ADDED,
    NOT_FOUND,
    candidate_from_message,
    citation_from_record,
    decide,
)
from balint_bib.crossref.normalize import fold
from balint_bib.crossref.settings import CrossrefSettings
from balint_bib.crossref.titles import reworded, spelling, typos_only
from balint_bib.validate import Context, validate
from tests.support.fake_crossref import FakeCrossref, work

RECORD_TITLE = "The effect of residency training on the doctor-patient relationship"


@pytest.mark.parametrize(("cited", "recorded", "same"), [
    ("The effect of training on the doctor-patient relationship", RECORD_TITLE, True),
    ("The effect of residency training on the doctor-patient clinical relationship",
     RECORD_TITLE, True),
    ("The eff. of resid. training on the doctor-patient relationship", RECORD_TITLE, True),
    ("A randomized trial of pediatric counseling", "A randomised trial of paediatric "
     "counselling", True),
    ("Measuring wellbeing in family medicine", "Measuring well-being in family medicine", True),
    # A word replaced by another: another work, however close.
    ("The effect of residency training on the nurse-patient relationship", RECORD_TITLE, False),
    ("Balint groups in oncology nurses", "Balint groups in oncology teams", False),
    # A negation is never "dropped"; numbers must agree.
    ("Balint groups do not improve empathy", "Balint groups do improve empathy", False),
    ("Empathy after 5 years of Balint groups", "Empathy after 7 years of Balint groups", False),
    # Two words left out of a short title is too much.
    ("The effect of on the relationship", RECORD_TITLE, False),
])
def test_reworded(cited: str, recorded: str, same: bool) -> None:
    assert reworded(fold(cited), fold(recorded)) is same


def test_spelling_and_typos() -> None:
    assert spelling("randomised") == spelling("randomized")
    assert spelling("behaviour") == spelling("behavior")
    assert typos_only("balint groups form residents", "balint groups from residents")
    assert not typos_only("balint groups for oncology teams", "balint groups for oncology nurses")


def _entry(title: str, locators: str, doi: str = "") -> str:
    return ("@article{Doe2004,\n  author = {Doe, Jane and Roe, Richard},\n"
            f"  title = {{{title}}},\n  journal = {{Family Medicine}},\n  year = {{2004}},"
            f"{locators}" + (f"\n  doi = {{{doi}}}," if doi else "") + "\n}\n")


RECORD = work("10.5555/reworded", RECORD_TITLE, [("Jane", "Doe"), ("Richard", "Roe")], 2004,
              journal="Family Medicine", volume="36", issue="4", page="253-259")
LOCATED = "\n  volume = {36},\n  number = {4},\n  pages = {253--259},"
DROPPED = "The effect of training on the doctor-patient relationship"


@pytest.mark.parametrize(("title", "locators", "decision"), [
    (DROPPED, LOCATED, ADDED),
    (DROPPED, "\n  volume = {36},\n  number = {4},", ADDED),
    # Authors, year and journal alone do not make a reworded title the work's.
    (DROPPED, "", NOT_FOUND),
    (DROPPED, "\n  volume = {36},", NOT_FOUND),
    # A title that shares nothing needs volume and first page too.
    ("Die Wirkung der Weiterbildung auf die Arzt-Patient-Beziehung", LOCATED, ADDED),
    ("Die Wirkung der Weiterbildung auf die Arzt-Patient-Beziehung",
     "\n  volume = {36},\n  number = {4},", NOT_FOUND),
    # One word different is another title, not a translation, even on the same page.
    ("The effect of residency training on the nurse-patient relationship", LOCATED,
     NOT_FOUND),
])
def test_weak_title_needs_strong_corroboration(title: str, locators: str,
                                               decision: str) -> None:
    citation = citation_from_record(parse_string(_entry(title, locators)).records[0])
    assert decide(citation, [candidate_from_message(RECORD)]).decision == decision


def test_never_on_title_and_year_alone() -> None:
    text = "@book{B,\n  title = {The effect of training on the doctor-patient relationship},\n" \
           "  year = {2004},\n}\n"
    citation = citation_from_record(parse_string(text).records[0])
    record = work("10.5555/b", RECORD_TITLE, [], 2004, type_="book")
    assert decide(citation, [candidate_from_message(record)]).decision == NOT_FOUND


@pytest.mark.parametrize(("locators", "recheck", "codes"), [
    (LOCATED, "already-had", []),
    ("", "mismatch", ["BB602"]),
])
def test_validate_and_recheck_agree_on_a_reworded_title(
        httpserver: HTTPServer, locators: str, recheck: str, codes: list[str]) -> None:
    fake = FakeCrossref([RECORD])
    fake.install(httpserver)
    client = CrossrefClient(CrossrefSettings(fake.url(httpserver), backoff=0.01))
    bibliography = parse_string(_entry(DROPPED, locators, "10.5555/reworded"), "check.bib")
    (result,) = enrich(client, bibliography.records, EnrichOptions(recheck=True))
    findings = validate(bibliography, Context(lookup_doi=client.work))
    assert result.decision == recheck
    assert [f.code for f in findings] == codes
