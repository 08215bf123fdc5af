"""The bundled dataset against E-utilities fixtures of its real PubMed records.

The fixtures hold only what the records' PubMed pages show (title, journal, date, volume,
issue, pages, DOI, PMID): Brock & Salinsky 1993 (PMID 8319851), Johnson et al. 2004
(15057615) and Kjeldmand et al. 2004 (15530759), the dataset's three PubMed-verified
articles. No other article of the dataset was seen in PubMed, so the fixture server
knows no other; the ID converter knows none of the three in PubMed Central.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import load, parse_string
from balint_bib.dataset import references_path
from balint_bib.pubmed.client import EutilsClient
from balint_bib.pubmed.enrich import PubMedOptions, enrich
from balint_bib.pubmed.journals import JournalNames
from balint_bib.pubmed.pipeline import enrich_file
from balint_bib.pubmed.settings import PubMedSettings
from tests.support.fake_eutils import Article, FakeEutils
from tests.support.tools import SHARED, require

CATALOGUE = SHARED / "data" / "ncbi-abbreviations.json"
RECORDS = [
    Article("8319851", "Empathy: an essential skill for understanding the physician-patient "
            "relationship in clinical practice", [], 1993, "Fam Med", "Fam Med"),
    Article("15057615", "Essential characteristics of effective Balint group leadership", [],
            2004, "Fam Med", "Fam Med", "36", "4", "253-259"),
    Article("15530759", "Balint training makes GPs thrive better in their job", [], 2004,
            "Patient Educ Couns", "Patient Educ Couns", "55", "2", "230-235",
            doi="10.1016/j.pec.2003.09.009"),
]
VERIFIED = {"BrockSalinsky1993": "8319851", "Johnson2004": "15057615",
            "Kjeldmand2004": "15530759"}


@pytest.fixture
def journals() -> JournalNames:
    require(CATALOGUE.is_file(), f"the NLM journal list ({CATALOGUE})")
    return JournalNames.from_file(CATALOGUE)


def _client(fake: FakeEutils, server: HTTPServer) -> EutilsClient:
    return EutilsClient(PubMedSettings(fake.url(server), fake.idconv_url(server),
                                       email="tests@example.org", backoff=0.01))


@pytest.mark.parametrize("recheck", [False, True])
def test_dataset_keeps_its_pmids_and_gains_nothing(httpserver: HTTPServer, tmp_path: Path,
                                                   journals: JournalNames,
                                                   recheck: bool) -> None:
    bib = tmp_path / "references.bib"
    shutil.copy(references_path(), bib)
    fake = FakeEutils(RECORDS)
    fake.install(httpserver)
    results = {r.key: r for r in enrich(_client(fake, httpserver), load(bib).records,
                                        PubMedOptions(recheck=recheck, journals=journals))}
    for key, pmid in VERIFIED.items():
        assert results[key].decision == "already-had", results[key]
        assert results[key].pmid == pmid
    assert all(not r.edits for r in results.values())
    looked_up = [k for k, r in results.items() if "not looked up" not in r.reason
                 and k not in VERIFIED]
    # The articles without a PMID were asked of ECitMatch (by NLM abbreviation), found
    # nowhere; the books, web pages and slides were not looked up.
    assert sorted(looked_up) == sorted(k for k, r in results.items() if r.decision ==
                                       "not-found" and "PubMed found nothing" in r.reason)
    assert "Scheingold1988" in looked_up and "Balint1964" not in looked_up
    bdata = next(p["bdata"] for p in fake.params if "bdata" in p)
    assert "J Fam Pract|1988|26|315|scheingold l|" in bdata


def test_records_that_cannot_confirm_the_authors_add_nothing(httpserver: HTTPServer,
                                                             tmp_path: Path,
                                                             journals: JournalNames) -> None:
    """With their PMIDs taken out, Johnson 2004 is found by ECitMatch and Kjeldmand 2004 by
    ESearch on its DOI; but the fixtures hold no authors (the pages seen did not show
    them), and a record that cannot confirm the entry's authors is not accepted."""
    text = references_path().read_text(encoding="utf-8")
    text = text.replace("  pmid     = {15057615},\n", "").replace(
        "  pmid     = {15530759},\n", "")
    bib = tmp_path / "references.bib"
    bib.write_text(text, encoding="utf-8")
    fake = FakeEutils(RECORDS)
    fake.install(httpserver)
    settings = PubMedSettings(fake.url(httpserver), fake.idconv_url(httpserver),
                              email="tests@example.org", backoff=0.01)
    report = enrich_file(parse_string(text, bib), settings, PubMedOptions(journals=journals),
                         target=bib)
    results = {r.key: r for r in report.results}
    for key, pmid in (("Johnson2004", "15057615"), ("Kjeldmand2004", "15530759")):
        assert results[key].decision == "ambiguous", results[key]
        chosen = results[key].verdict
        assert chosen is not None and chosen.assessments[0].candidate.doi == pmid
        assert chosen.assessments[0].evidence["authors"] == "absent"
    assert bib.read_text(encoding="utf-8") == text
    assert not bib.with_name("references.sources.toml").exists()
