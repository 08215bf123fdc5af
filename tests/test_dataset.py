"""The bundled dataset: every resource of the list, curated, with provenance."""

from __future__ import annotations

import json
import re
import tomllib
from collections import Counter

import pytest

from balint_bib import bundled_syllabi, load
from balint_bib.dataset import references_path, sidecar_path
from balint_bib.syllabus import DEFAULT_SYLLABUS
from balint_bib.vocabulary import parse as parse_vocabulary
from balint_bib.vocabulary import vocabulary_path
from tests.support.tools import REPO, SHARED, require

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


# --- issue 16: what a teacher notices, what the medical styles need ----------------------

NLM_LIST = SHARED / "data" / "ncbi-abbreviations.json"


def _fold_journal(title: str) -> str:
    title = re.sub(r"^the\s+", "", title.casefold())
    return re.sub(r"[^a-z0-9]+", " ", title.replace("&", " and ")).strip()


def _sourced(provenance: dict, key: str) -> set[str]:
    return {field for source in provenance[key].get("sources", [])
            for field in source["fields"]}


def test_shortjournal_is_the_nlm_abbreviation_wherever_nlm_lists_the_journal(
        bibliography, provenance) -> None:
    require(NLM_LIST.is_file(), f"the NLM Catalog list ({NLM_LIST})")
    listed = json.loads(NLM_LIST.read_text(encoding="utf-8"))["default"]["container-title"]
    nlm = {_fold_journal(title): short for title, short in listed.items()}
    articles = [r for r in bibliography if r.entry_type == "article"]
    for record in articles:
        expected = nlm.get(_fold_journal(record.text("journal") or ""))
        assert record.get("shortjournal") == expected, record.key
        if expected:
            assert "shortjournal" in _sourced(provenance, record.key), record.key
    # Only the Journal of the Balint Society is not in the list: its gap is recorded.
    without = {r.key for r in articles if not r.get("shortjournal")}
    assert without == {"Freedy2006", "Milberg1993"}
    for key in without:
        assert any(s.startswith("shortjournal:") for s in provenance[key]["searched"]), key


def test_howpublished_says_what_the_thing_is_not_who_issued_it(bibliography) -> None:
    body = re.compile(r"^(the\s+)?[\w\s]*\b(society|university|association|college|"
                      r"department|federation)$", re.I)
    for record in bibliography:
        how = record.text("howpublished") or ""
        assert not body.match(how), (record.key, how)
    assert bibliography["Sackin1994"].get("organization") == "The Balint Society"
    assert bibliography["MargoMargo"].get("organization") == "American Balint Society"


def test_et_al_stays_in_the_data(bibliography) -> None:
    names = bibliography["SternliebIntroduction"].names()
    assert [n.family for n in names[:1]] == ["Sternlieb"] and names[-1].is_others


def test_every_gap_left_is_a_recorded_search(bibliography, provenance) -> None:
    for record in bibliography:
        searched = " ".join(provenance[record.key].get("searched", []))
        if record.entry_type == "article" and not record.get("number"):
            assert "number" in searched, record.key
    margo = bibliography["MargoMargo"]
    assert not margo.get("year") and not margo.get("url")
    assert "year" in " ".join(provenance["MargoMargo"]["searched"])


def test_one_domain_per_site_and_the_other_an_alias(bibliography, provenance) -> None:
    url = bibliography["BSANZWebsite"].get("url") or ""
    aliases = provenance["BSANZWebsite"]["aliases"]
    assert url and aliases and not any(url.startswith(alias) for alias in aliases)
    for source in provenance["BSANZWebsite"]["sources"]:
        if "url" in source["fields"]:
            assert source["source"].startswith(url.rstrip("/")), source


def test_the_sidecar_names_its_sources_publicly() -> None:
    header = sidecar_path(references_path()).read_text(encoding="utf-8").split("\n[entries.")[0]
    assert "../shared" not in header and "Balint Group or Balint Seminar" in header
    assert "https://connect.stfm.org/" in header


def test_readme_shows_the_keyword_vocabulary_the_validator_reads() -> None:
    text = vocabulary_path(references_path()).read_text(encoding="utf-8")
    vocabulary, problems = parse_vocabulary(text, "references.keywords.toml")
    assert problems == [] and vocabulary is not None
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for facet, terms in vocabulary.facets.items():
        row = re.search(rf"^\| {facet} \| (.*) \|$", readme, re.M)
        assert row, facet
        assert re.findall(r"`([^`]+)`", row.group(1)) == list(terms), facet
    assert vocabulary.required == ("audience", "kind")


def test_keywords_are_few_and_shared(bibliography) -> None:
    used = Counter(k for record in bibliography for k in record.keywords)
    assert len(used) <= 21
    subjects_used_once = [k for k, n in used.items() if n == 1 and k not in (
        "handout", "presentation", "form")]
    assert subjects_used_once == []
