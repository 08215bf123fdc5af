"""`enrich --source pubmed` end to end against an E-utilities-shaped local server: the
look-ups, the verification of every hit, fill-only edits, provenance, cache and report."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.pubmed.client import EutilsClient
from balint_bib.pubmed.enrich import PubMedOptions, enrich
from balint_bib.pubmed.settings import PubMedSettings
from tests.support.fake_eutils import Article, FakeEutils
from tests.support.tools import run_cli

JOHNSON = Article("15057615", "Essential characteristics of effective Balint group leadership",
                  [("Alan H", "Johnson"), ("Donald E", "Nease"), ("Laurel", "Milberg"),
                   ("Richard", "Addison")], 2004, "Family medicine", "Fam Med", "36", "4",
                  "253-259")
KJELDMAND = Article("15530759", "Balint training makes GPs thrive better in their job",
                    [("Dorte", "Kjeldmand"), ("Inger", "Holmström"), ("Urban", "Rosenqvist")],
                    2004, "Patient education and counseling", "Patient Educ Couns", "55", "2",
                    "230-235", doi="10.1016/j.pec.2003.09.009", pmcid="PMC1234567")
# What ECitMatch answers for Family Medicine 36:253 if an erratum sat on that page: another
# author and year. Verification must refuse it.
LOOKALIKE = Article("99000001", "Erratum", [("Anna", "Smith")], 2005, "Family medicine",
                    "Fam Med", "37", "1", "12-12")

BIB = """@article{Johnson2004,
  author   = {Johnson, A. and Nease, D. and Milberg, L. and Addison, R.},
  title    = {Essential characteristics of effective {Balint} group leadership},
  journal  = {Family Medicine},
  volume   = {36},
  number   = {4},
  pages    = {253--259},
  year     = {2004},
}

@article{Kjeldmand2004,
  author   = {Kjeldmand, Dorte and Holmstr{\\"o}m, Inger and Rosenqvist, U.},
  title    = {{Balint} training makes {GPs} thrive better in their job},
  journal  = {Patient Education and Counseling},
  year     = {2004},
  doi      = {10.1016/j.pec.2003.09.009},
}

@article{Wrong2005,
  author   = {Jones, Peter},
  title    = {Balint groups for surgeons},
  journal  = {Family Medicine},
  volume   = {37},
  pages    = {12--14},
  year     = {2009},
}

@book{Balint1957,
  author    = {Balint, Michael},
  title     = {The Doctor, His Patient and the Illness},
  publisher = {Pitman},
  year      = {1957},
}
"""


def _client(fake: FakeEutils, server: HTTPServer, **settings: object) -> EutilsClient:
    return EutilsClient(PubMedSettings(fake.url(server), fake.idconv_url(server),
                                       email="tests@example.org", backoff=0.01,
                                       **settings))  # type: ignore[arg-type]


def test_lookups_verify_every_hit(httpserver: HTTPServer) -> None:
    fake = FakeEutils([JOHNSON, KJELDMAND, LOOKALIKE])
    fake.install(httpserver)
    results = {r.key: r for r in enrich(_client(fake, httpserver),
                                        parse_string(BIB, "t.bib").records, PubMedOptions())}
    assert results["Johnson2004"].decision == "added"
    assert [(e.field, e.value) for e in results["Johnson2004"].edits] == [("pmid", "15057615")]
    kjeldmand = results["Kjeldmand2004"]
    assert [(e.field, e.value) for e in kjeldmand.edits] == [("pmid", "15530759"),
                                                              ("pmcid", "PMC1234567")]
    # ECitMatch answered the look-alike on journal, volume and page; its year and author
    # disagree, so it is refused.
    wrong = results["Wrong2005"]
    assert wrong.decision == "not-found" and not wrong.edits
    assert "99000001" in wrong.reason and "year" in wrong.reason
    assert results["Balint1957"].decision == "not-found"
    assert "not looked up" in results["Balint1957"].reason
    # One ESearch, one ECitMatch for both articles, one ESummary, one ID converter call.
    kinds = sorted(p.split("?")[0].strip("/") for p in fake.requests)
    assert kinds == ["ecitmatch.cgi", "esearch.fcgi", "esummary.fcgi", "idconv"]
    for params in fake.params:
        assert params["tool"] == "balint-bib" and params["email"] == "tests@example.org"
        assert "api_key" not in params
    citmatch = next(p for p in fake.params if "bdata" in p)["bdata"]
    # the journal under its NLM abbreviation, from the list the package ships
    assert citmatch.split("\r")[0] == "Fam Med|2004|36|253|johnson a|e0|"


def test_cli_fill_only_provenance_cache_and_report(httpserver: HTTPServer,
                                                    tmp_path: Path) -> None:
    fake = FakeEutils([JOHNSON, KJELDMAND, LOOKALIKE])
    fake.install(httpserver)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB.replace("  year     = {2004},\n}\n\n@article{Kjeldmand",
                               "  year     = {2004},\n  pmid     = {15057615},\n}\n\n"
                               "@article{Kjeldmand", 1), encoding="utf-8")
    before = bib.read_text(encoding="utf-8")
    args = ["enrich", str(bib), "-i", "--source", "pubmed", "--eutils-url",
            fake.url(httpserver), "--idconv-url", fake.idconv_url(httpserver),
            "--email", "tests@example.org", "--cache-dir", str(tmp_path / "cache"),
            "--report", str(tmp_path / "report.json"), "--backoff", "0.01"]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    after = bib.read_text(encoding="utf-8")
    # The curated PMID stays; only Kjeldmand's two lines are new.
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["  pmid     = {15530759},", "  pmcid    = {PMC1234567},"]
    sidecar = tomllib.loads((tmp_path / "refs.sources.toml").read_text(encoding="utf-8"))
    (source,) = sidecar["entries"]["Kjeldmand2004"]["sources"]
    assert source["fields"] == ["pmid", "pmcid"]
    assert source["source"] == "PubMed 15530759 (NCBI E-utilities)"
    assert source["api"] == fake.url(httpserver)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["added"] == 1 and report["summary"]["already-had"] == 1
    assert {e["key"]: e["decision"] for e in report["entries"]}["Wrong2005"] == "not-found"
    # A rerun: nothing to change, and every answer from the cache.
    made = len(fake.requests)
    bib.write_text(before, encoding="utf-8")
    (tmp_path / "refs.sources.toml").unlink()
    assert run_cli(*args).returncode == 0
    assert len(fake.requests) == made
    assert bib.read_text(encoding="utf-8") == after


def test_without_email_warns(httpserver: HTTPServer, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BALINT_BIB_EMAIL", "BALINT_BIB_MAILTO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BALINT_BIB_CONFIG", str(tmp_path / "none.toml"))
    fake = FakeEutils([JOHNSON])
    fake.install(httpserver)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    monkeypatch.setenv("BALINT_BIB_EUTILS_URL", fake.url(httpserver))
    result = run_cli("enrich", bib, "--dry-run", "--source", "pubmed", "--no-cache",
                     "--idconv-url", fake.idconv_url(httpserver))
    assert result.returncode == 0, result.stderr
    assert "warning: no email" in result.stderr
    assert "+  pmid     = {15057615}," in result.stdout
    assert all("email" not in p for p in fake.params)


def test_crossref_then_pubmed_in_one_run(httpserver: HTTPServer, tmp_path: Path) -> None:
    """`--source crossref,pubmed`: Crossref adds the DOI, PubMed then finds the PMID by it;
    the dry run's diff shows both, from the file as it was."""
    from tests.support.fake_crossref import FakeCrossref, work

    crossref = FakeCrossref([work(KJELDMAND.doi, KJELDMAND.title, KJELDMAND.authors, 2004,
                                  journal="Patient Education and Counseling", volume="55",
                                  issue="2", page="230-235")])
    crossref.install(httpserver)
    eutils = FakeEutils([KJELDMAND])
    eutils.install(httpserver)
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB.split("\n\n")[1].replace("  doi      = {10.1016/j.pec.2003.09.009},\n",
                                                "") + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = run_cli("enrich", bib, "--dry-run", "--source", "crossref,pubmed",
                     "--crossref-url", crossref.url(httpserver), "--mailto", "t@example.org",
                     "--eutils-url", eutils.url(httpserver), "--idconv-url",
                     eutils.idconv_url(httpserver), "--email", "t@example.org", "--no-cache",
                     "--report", report)
    assert result.returncode == 0, result.stderr
    assert "+  doi      = {10.1016/j.pec.2003.09.009}," in result.stdout
    assert "+  pmid     = {15530759}," in result.stdout
    assert "+  pmcid    = {PMC1234567}," in result.stdout
    assert 'source = "PubMed 15530759 (NCBI E-utilities)"' in result.stdout
    assert sorted(json.loads(report.read_text(encoding="utf-8"))) == ["crossref", "pubmed"]
    assert [p for p in eutils.requests if "esearch" in p]  # found by the new DOI


def test_an_unknown_source_is_a_one_line_error(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = run_cli("enrich", bib, "--dry-run", "--source", "pubmed,scopus", "--no-cache")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "balint-bib: error: --source: unknown source(s) scopus; known: crossref, pubmed"]


def test_recheck_reports_a_pmid_whose_record_disagrees(httpserver: HTTPServer) -> None:
    fake = FakeEutils([JOHNSON, KJELDMAND, LOOKALIKE])
    fake.install(httpserver)
    text = BIB.replace("  year     = {2004},\n}\n\n@article{Kjeldmand",
                       "  year     = {2004},\n  pmid     = {99000001},\n}\n\n@article{Kjeldmand", 1)
    records = parse_string(text, "t.bib").records
    results = {r.key: r for r in enrich(_client(fake, httpserver), records,
                                        PubMedOptions(recheck=True))}
    johnson = results["Johnson2004"]
    assert johnson.decision == "mismatch" and johnson.pmid == "99000001"
    assert "year" in johnson.reason and not johnson.edits
    # Without --recheck the curated PMID is trusted and not asked about.
    plain = {r.key: r for r in enrich(_client(fake, httpserver), records, PubMedOptions())}
    assert plain["Johnson2004"].decision == "already-had"
