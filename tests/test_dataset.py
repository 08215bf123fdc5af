"""The bundled dataset: every resource of the list, curated, with provenance."""

from __future__ import annotations

import tomllib

import pytest

from balint_bib import bundled_syllabi, load
from balint_bib.dataset import references_path, sidecar_path
from balint_bib.syllabus import DEFAULT_SYLLABUS

IDENTIFIERS = ("doi", "pmid", "isbn", "issn", "url")


@pytest.fixture(scope="module")
def bibliography():
    return load()


@pytest.fixture(scope="module")
def provenance() -> dict:
    with sidecar_path(references_path()).open("rb") as handle:
        return tomllib.load(handle)["entries"]


def test_every_resource_of_the_list_is_an_entry(bibliography) -> None:
    assert len(bibliography) == 22
    titles = " | ".join(r.text("title") or "" for r in bibliography)
    for fragment in ("doctor, his patient and the illness", "What are you feeling, doctor?",
                     "Balint work in England", "therapeutic instrument", "Empathy",
                     "Professional identity development", "Integrating intuition",
                     "pitfalls, pratfalls", "effective Balint group leadership",
                     "thrive better", "support groups", "What to expect",
                     "ACGME competencies", "An introduction to Balint groups",
                     "Resident evaluation", "Becoming a Balint group leader",
                     "The American Balint Society", "Australia and New Zealand",
                     "The Balint Society"):
        assert fragment in titles, fragment


def test_entry_types_follow_the_convention(bibliography) -> None:
    for record in bibliography:
        if record.entry_type == "online":
            assert record.get("url") and record.get("urldate"), record.key
        elif record.entry_type == "misc":
            assert record.get("howpublished"), record.key
        elif record.entry_type == "article":
            assert record.get("journal") and record.get("volume"), record.key
        else:
            assert record.entry_type == "book" and record.get("publisher"), record.key


def test_every_entry_is_annotated_and_tagged(bibliography) -> None:
    for record in bibliography:
        assert len(record.text("annote") or "") > 40, record.key
        assert record.keywords, record.key


def test_corporate_authors_are_braced_whole(bibliography) -> None:
    abs_site = bibliography["ABSWebsite"].names()[0]
    assert abs_site.is_corporate and abs_site.literal == "American Balint Society"
    assert bibliography["BSANZWebsite"].names()[0].literal == (
        "Balint Society of Australia and New Zealand")


def test_the_lists_errors_are_corrected(bibliography) -> None:
    kjeldmand = bibliography["Kjeldmand2004"].names()
    assert [n.family for n in kjeldmand] == ["Kjeldmand", "Holmström", "Rosenqvist"]
    assert bibliography["SalinskySackin2000"].get("publisher") == "Radcliffe Medical Press"
    balint = bibliography["Balint1964"]
    assert (balint.get("edition"), balint.year) == ("2", 1964)
    assert bibliography["Salinsky2003"].names()[0].family == "Salinsky"
    assert "Australian Balint Society" not in bibliography["BSANZWebsite"].text("title")
    assert "British" not in bibliography["BalintSocietyWebsite"].text("title")


def test_every_entry_has_provenance(bibliography, provenance) -> None:
    assert set(provenance) == set(bibliography.keys)
    for key, record in provenance.items():
        assert record["status"] in {"verified", "partly-verified", "unverified"}, key


def test_every_identifier_has_a_source(bibliography, provenance) -> None:
    for record in bibliography:
        sourced = {field for source in provenance[record.key].get("sources", [])
                   for field in source["fields"]}
        for name in IDENTIFIERS:
            if record.get(name):
                assert name in sourced, f"{record.key}.{name} has no recorded source"


def test_unverified_entries_carry_no_identifiers_of_the_work(bibliography, provenance) -> None:
    for key, record in provenance.items():
        if record["status"] == "unverified":
            entry = bibliography[key]
            assert not any(entry.get(name) for name in ("doi", "pmid", "isbn")), key


def test_corrections_name_their_source(provenance) -> None:
    corrections = [c for entry in provenance.values() for c in entry.get("corrections", [])]
    assert len(corrections) >= 8
    for correction in corrections:
        assert correction["source"] and correction["list_value"] and correction["value"]


def test_syllabi_cover_the_dataset(bibliography) -> None:
    syllabi = bundled_syllabi()
    assert syllabi[0].name == DEFAULT_SYLLABUS
    default = syllabi[0]
    assert sorted(default.keys) == sorted(bibliography.keys), "default syllabus = whole list"
    assert list(default.keys) == list(bibliography.keys), "and in the list's order"
    assert default.introduction.startswith("Many types of groups")
    assert [s.title for s in default.sections][-2:] == ["Tools and training", "Web resources"]
    for syllabus in syllabi:
        assert syllabus.unknown_keys(bibliography) == [], syllabus.name
