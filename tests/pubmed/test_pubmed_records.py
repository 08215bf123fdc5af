"""The pure parts of the PubMed source: answers parsed, records as candidates, journal
names for ECitMatch."""

from __future__ import annotations

import pytest

from balint_bib.pubmed.journals import JournalNames, journal_key
from balint_bib.pubmed.records import (
    WrongShape,
    candidate_from_summary,
    parse_citmatch,
    parse_esearch,
    parse_idconv,
)


def test_citmatch_answers() -> None:
    text = ("fam med|2004|36|253|johnson a|e0|15057615\r\n"
            "j fam pract|1988|26|315|scheingold l|e1|NOT_FOUND\n"
            "fam med|1993|25|245|brock c|e2|AMBIGUOUS (2 citations)\n")
    assert parse_citmatch(text) == {"e0": "15057615", "e1": "NOT_FOUND", "e2": "AMBIGUOUS"}
    with pytest.raises(WrongShape):
        parse_citmatch("<html>Bad gateway</html>")
    with pytest.raises(WrongShape):
        parse_citmatch("fam med|2004|36|253|johnson a|e0|<b>error</b>")


def test_esearch_and_idconv_shapes() -> None:
    assert parse_esearch({"esearchresult": {"idlist": ["1", "22"]}}) == ["1", "22"]
    for bad in ({"esearchresult": {"ERROR": "x"}}, {"esearchresult": {"idlist": [3]}}, []):
        with pytest.raises(WrongShape):
            parse_esearch(bad)
    records = {"records": [{"requested-id": "1", "pmcid": "PMC9"},
                           {"requested-id": "2", "status": "error"},
                           {"requested-id": "3", "pmcid": "not a pmcid"}]}
    assert parse_idconv(records) == {"1": "PMC9", "2": "", "3": ""}


def test_summary_as_candidate() -> None:
    candidate = candidate_from_summary({
        "uid": "123", "title": "[Balint groups in general practice].",
        "authors": [{"name": "van der Berg AH", "authtype": "Author"},
                    {"name": "Balint Society", "authtype": "CollectiveName"}],
        "pubdate": "2004 Apr", "epubdate": "2003 Dec 1", "source": "Fam Med",
        "fulljournalname": "Family medicine", "volume": "36", "issue": "4", "pages": "253-9"})
    assert candidate.titles == ("Balint groups in general practice",)
    assert [(p.family, p.initial, p.corporate) for p in candidate.authors] == [
        ("van der berg", "a", False), ("balint society", "", True)]
    assert candidate.years == (2003, 2004) and candidate.page == "253"
    assert candidate.containers == ("Family medicine", "Fam Med")
    with pytest.raises(WrongShape):
        candidate_from_summary({"title": "no uid"})


def test_journal_names() -> None:
    names = JournalNames.from_catalogue({"The Journal of Family Practice": "J Fam Pract",
                                         "Family medicine": "Fam Med",
                                         "Médecine & Hygiène": "Med Hyg",
                                         "Medecine and hygiene": "Med Hyg (Geneve)"})
    assert names.for_citmatch("Journal of Family Practice") == "J Fam Pract"
    assert names.for_citmatch("Family Medicine") == "Fam Med"
    # Two journals that fold alike: neither abbreviation is safe, the title is sent.
    assert names.for_citmatch("Médecine et Hygiène") == "Médecine et Hygiène"
    assert names.for_citmatch("Journal of the Balint Society") == \
        "Journal of the Balint Society"
    assert journal_key("L'Encéphale") == journal_key("Encephale")
