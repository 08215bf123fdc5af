"""The dataset's shape against Crossref fixtures of its real works: the article with a
DOI keeps it, and nothing is added to the works Crossref does not have."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import load
from balint_bib.crossref.client import CrossrefClient
from balint_bib.crossref.enrich import EnrichOptions, enrich
from balint_bib.crossref.settings import CrossrefSettings
from tests.support.fake_crossref import FakeCrossref, work
from tests.support.tools import FIXTURES

FIXTURE = FIXTURES / "enrich" / "dataset-shape.bib"

# What Crossref holds near these works (test DOIs): the article itself, a later edition
# of the book, and articles on the same subject. Scheingold 1988 is not in Crossref.
WORKS = [
    work("10.5555/dataset.kjeldmand2004", "Balint training makes GPs thrive better in their job",
         [("Dorte", "Kjeldmand"), ("Inger", "Holmström"), ("Urban", "Rosenqvist")], 2004,
         journal="Patient Education and Counseling", volume="55", issue="2", page="230-235"),
    work("10.5555/dataset.balint-2000", "The Doctor, His Patient and the Illness",
         [("Michael", "Balint")], 2000, type_="book", isbn="9780000000002",
         publisher="Churchill Livingstone"),
    work("10.5555/dataset.balint-review", "The doctor, his patient and the illness revisited",
         [("John", "Salinsky")], 2002, journal="Journal of the Royal Society of Medicine",
         volume="95", page="1-3"),
    work("10.5555/dataset.england", "Balint groups in England and America",
         [("Heide", "Otten")], 1990, journal="The Journal of Family Practice", volume="30",
         page="210-214"),
    work("10.5555/dataset.scheingold-reply", "Balint work in England",
         [("Lee", "Scheingold")], 1989, journal="The Journal of Family Practice", volume="28",
         page="12-12"),
    work("10.5555/dataset.society", "The American Balint Society: a history",
         [("Anna", "Smith")], 2015, journal="Family Medicine", volume="47", page="5-9"),
]


@pytest.mark.parametrize("recheck", [False, True])
def test_dataset_shape(httpserver: HTTPServer, tmp_path: Path, recheck: bool) -> None:
    bib = tmp_path / "references.bib"
    shutil.copy(FIXTURE, bib)
    fake = FakeCrossref(WORKS)
    fake.install(httpserver)
    client = CrossrefClient(CrossrefSettings(fake.url(httpserver), "tests@example.org",
                                             backoff=0.01))
    results = {r.key: r for r in enrich(client, load(bib).records,
                                        EnrichOptions(recheck=recheck,
                                                      fields=("doi", "volume", "number",
                                                              "pages", "isbn", "publisher")))}
    kjeldmand = results["Kjeldmand2004"]
    assert kjeldmand.decision == "already-had"
    assert kjeldmand.doi == "10.5555/dataset.kjeldmand2004"
    for key in ("AmericanBalintSociety", "BalintSlides"):
        assert results[key].decision == "skipped", (key, results[key])
    for key in ("Balint1957", "Scheingold1988", "AmericanBalintSociety", "BalintSlides"):
        assert results[key].decision in ("not-found", "ambiguous", "skipped"), key
        assert not (results[key].plan and results[key].plan.edits)
    assert all(not (r.plan and r.plan.edits) for r in results.values())
    # The web page and the slides are not looked up; the DOI only with --recheck.
    assert len(fake.requests) == (3 if recheck else 2)
    # The later edition of the book came back and was refused for its year.
    edition = next(a for a in results["Balint1957"].match.assessments
                   if a.candidate.doi == "10.5555/dataset.balint-2000")
    assert edition.evidence["year"].startswith("conflict")
