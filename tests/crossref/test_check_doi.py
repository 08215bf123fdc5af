"""One answer to "does this DOI's record match the entry?": `validate --online` and
`enrich --recheck` both ask `check_doi`, against the same Crossref-shaped server."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.client import CrossrefClient
from balint_bib.crossref.enrich import EnrichOptions, enrich
from balint_bib.crossref.settings import CrossrefSettings
from balint_bib.validate import Context, validate
from tests.support.fake_crossref import FakeCrossref, work

DOI = "10.5555/check.famed"


def entry(year: int, locators: str = "") -> str:
    return (f"@article{{Johnson{year},\n  author = {{Johnson, Alan H. and Nease, Donald}},\n"
            "  title = {Balint groups in family medicine residency},\n"
            f"  journal = {{Family Medicine}},\n  year = {year},{locators}\n"
            f"  doi = {{{DOI}}},\n}}\n")


LOCATED = "\n  volume = {36},\n  pages = {100--105},"


@pytest.mark.parametrize(("text", "record_year", "recheck", "codes"), [
    # The case of issue 17: a 2004 entry, a record that says 2003 and nothing to place it.
    (entry(2004), 2003, "mismatch", ["BB603"]),
    # The same year gap with a volume and first page that agree: print vs online-first.
    (entry(2004, LOCATED), 2003, "already-had", []),
    (entry(2004), 2004, "already-had", []),
    # Two years apart is another work (or a wrong year) whatever else agrees.
    (entry(2004, LOCATED), 2002, "mismatch", ["BB603"]),
    # A locator that contradicts is reported by both, under its own rule.
    (entry(2004, "\n  volume = {37},"), 2004, "mismatch", ["BB605"]),
])
def test_validate_and_recheck_give_one_answer(httpserver: HTTPServer, text: str,
                                              record_year: int, recheck: str,
                                              codes: list[str]) -> None:
    fake = FakeCrossref([work(DOI, "Balint groups in family medicine residency",
                              [("Alan H.", "Johnson"), ("Donald", "Nease")], record_year,
                              journal="Family Medicine", volume="36", page="100-105")])
    fake.install(httpserver)
    client = CrossrefClient(CrossrefSettings(fake.url(httpserver), backoff=0.01))
    bibliography = parse_string(text, "check.bib")
    (result,) = enrich(client, bibliography.records, EnrichOptions(recheck=True))
    findings = validate(bibliography, Context(lookup_doi=client.work))
    assert result.decision == recheck
    assert [f.code for f in findings] == codes
    if codes == ["BB603"]:
        assert findings[0].message == f"Crossref gives {record_year}, the entry 2004"
        assert "year" in result.reason
