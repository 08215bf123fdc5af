"""The exports as Zotero stores them: each file imported with Zotero's own translators
(RDF.js, RIS.js, BibTeX.js, CSL JSON.js through zotero-import), checked field by field.

For every entry of the bundled dataset and of fixtures covering every entry kind and
every field: each value lands in the Zotero field for it, in Extra (`Label: value`), or in a
child note, and no stored field holds anything but the value meant for it. Collections and
their membership follow the syllabus. What a format cannot carry into Zotero is listed in
`LOSSES` (and in README.md, "Using it with Zotero").
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

import balint_bib
from balint_bib.bibtex.latex import verbatim
from balint_bib.bibtex.model import Record
from balint_bib.bibtex.names import Name
from balint_bib.exporters.items import OTHERS, Creator, to_item
from balint_bib.exporters.items import _creator as to_item_creator
from balint_bib.kinds import kind_of
from balint_bib.syllabus import Syllabus, bundled_syllabi
from balint_bib.text import clean
from tests.support.tools import FIXTURES, REPO
from tests.support.zotero_import import (
    IMPORTER,
    TRANSLATORS,
    require_zotero,
    valid_fields,
    zotero_import,
    zotero_type_of_csl,
)

SOURCES: dict[str, tuple[Path, tuple[Syllabus, ...] | str]] = {
    "dataset": (REPO / "data" / "references.bib", "bundled"),
    "kinds": (FIXTURES / "kinds" / "kinds.bib", ()),
    "all-types": (FIXTURES / "export" / "all-types.bib", str(FIXTURES / "export" / "course.toml")),
}
FORMATS = tuple(TRANSLATORS)
SUFFIX = {"zotero-rdf": ".rdf", "ris": ".ris", "bibtex": ".bib", "csl-json": ".json"}

# Imports Zotero does not detect (see test_zotero_detects_csl_json_without_software_only).
FORCED = {("kinds", "csl-json")}
# Zotero's BibTeX.js (bibtex2zoteroTypeMap): a BibTeX file says no more than its entry type.
BIBTEX_TYPES = {
    "article": "journalArticle", "book": "book", "booklet": "book", "collection": "book",
    "mvbook": "book", "proceedings": "book", "manual": "book", "inbook": "bookSection",
    "incollection": "bookSection", "inproceedings": "conferencePaper",
    "conference": "conferencePaper", "phdthesis": "thesis", "mastersthesis": "thesis",
    "thesis": "thesis", "techreport": "report", "report": "report", "unpublished": "manuscript",
    "misc": "document", "online": "webpage", "patent": "patent", "inreference":
    "encyclopediaArticle", "software": "computerProgram", "video": "videoRecording",
    "audio": "audioRecording",
}  # fmt: skip
# Values a format cannot carry into Zotero: Zotero's CSL-JSON import reads neither `annote`
# nor `keyword`, and drops every variable the item type has no field for.
LOSSES = {
    "csl-json": frozenset({"annote", "keywords", "pmid", "pmcid", "citation key", "no-field",
                           "leftover"}),
    # Zotero's BibTeX import keeps the key only as the import's item ID (Better BibTeX keeps
    # it); it drops a howpublished shorter than 7 characters, keeps one of institution and
    # organization, and takes an organisation for the publisher, not the author.
    "bibtex": frozenset({"citation key", "short howpublished", "institution"}),
}
# Stored fields that are not values of the entry: Zotero's own bookkeeping.
NOT_VALUES = frozenset({"itemType", "creators", "notes", "tags", "seeAlso", "attachments",
                        "itemID", "id", "extra", "date", "accessDate"})


@dataclass(frozen=True)
class Fact:
    name: str
    value: str
    fields: tuple[str, ...]  # the Zotero fields it may be stored in
    leftover: bool = False  # no field of the item holds it: the exporters put it in Extra


_CONTAINER = ("publicationTitle", "bookTitle", "websiteTitle", "encyclopediaTitle",
              "proceedingsTitle")
_PUBLISHER = ("publisher", "institution", "university", "company", "label", "distributor",
              "studio", "repository")
_GENRE = ("type", "presentationType", "reportType", "thesisType", "websiteType",
          "manuscriptType", "genre")
# Each BibTeX field → the Zotero fields its value may be stored in ("creators": as a
# creator's name). A field not here must land in Extra or a note.
TARGETS: dict[str, tuple[str, ...]] = {
    "journal": _CONTAINER, "journaltitle": _CONTAINER, "booktitle": _CONTAINER,
    "shortjournal": ("journalAbbreviation",), "volume": ("volume",),
    "number": ("issue", "number", "reportNumber", "seriesNumber", "patentNumber"),
    "issue": ("issue",), "pages": ("pages", "numPages"), "edition": ("edition",),
    "series": ("series", "seriesTitle"), "publisher": _PUBLISHER, "institution": _PUBLISHER,
    "school": _PUBLISHER,
    "organization": (*_PUBLISHER, "websiteTitle", "publicationTitle", "creators"),
    "address": ("place",), "location": ("place",), "howpublished": (*_GENRE, "url"),
    "type": _GENRE, "isbn": ("ISBN",), "issn": ("ISSN",), "doi": ("DOI",), "url": ("url",),
    "language": ("language",), "abstract": ("abstractNote",),
    "eventtitle": ("meetingName", "conferenceName"), "chapter": ("section",),
}  # fmt: skip
# Fields checked on their own: people, title, dates and keywords.
CHECKED_APART = frozenset({"author", "editor", "translator", "title", "subtitle", "year",
                           "month", "day", "date", "urldate", "keywords"})


def _facts(record: Record) -> Iterator[Fact]:
    """Every value of the entry, decoded, with the Zotero fields it may be stored in."""
    item = to_item(record)
    yield Fact("title", item.title, ("title",))
    yield Fact("citation key", record.key, ())
    if item.genre and not item.genre_is_howpublished:  # what the entry type says: PhD thesis
        yield Fact("genre", item.genre, _GENRE)
    for field in record.fields:
        value = (record.text(field.name) or "").strip()
        if field.name in CHECKED_APART or not value:
            continue
        if field.name in ("url", "doi", "isbn", "issn", "pmid", "pmcid"):
            value = clean(verbatim(field.value) or "")
        targets = TARGETS.get(field.name, ())
        if field.name == "howpublished":
            url = "://" in value
            value = clean(verbatim(field.value) or "") if url else value
            targets = ("url",) if url else _GENRE
        leftover = any(v == value for _, v in item.leftovers)
        yield Fact(field.name, value, targets, leftover)


def _norm(value: object) -> str:
    """Text as a reader compares it: no markup, one kind of dash, any case."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(value)))
    text = re.sub("[\u2010-\u2015]|--", "-", unicodedata.normalize("NFC", text))
    return " ".join(text.split()).rstrip(".").casefold()


@dataclass
class Stored:
    """One imported item: its stored fields, Extra's lines, notes, tags and creators."""

    item: dict[str, Any]
    invalid: list[str]

    @property
    def fields(self) -> dict[str, str]:
        return {k: _norm(v) for k, v in self.item.items()
                if k not in NOT_VALUES and k not in self.invalid and isinstance(v, str)}

    @property
    def extra(self) -> list[tuple[str, str, str]]:
        """Extra's lines as (label, value, line), with the fields that are not valid for the
        type, which Zotero 7 desktop moves into Extra as `Field: value`."""
        lines = str(self.item.get("extra", "")).splitlines()
        lines += [f"{f}: {self.item[f]}" for f in self.invalid if f in self.item]
        found = []
        for line in lines:
            label, _, value = line.partition(": ")
            found.append((label, _norm(value), _norm(line)))
        return found

    @property
    def names(self) -> list[str]:
        return [_norm(c.get("lastName", "")) for c in self.item["creators"]]

    @property
    def notes(self) -> list[str]:
        return [_norm(n["note"]) for n in self.item.get("notes", [])]

    def citation_key(self) -> str | None:
        """The key in Extra, else the item ID the importer gave it (the BibTeX key, the
        CSL-JSON id), which Zotero does not store."""
        for line in str(self.item.get("extra", "")).splitlines():
            if line.startswith("Citation Key: "):
                return line.removeprefix("Citation Key: ")
        itemid = self.item.get("itemID")
        return itemid if isinstance(itemid, str) else None


def _lands(fact: Fact, stored: Stored) -> str | None:
    """Where the value is: a field, 'extra' or 'note'; None if Zotero lost it."""
    want = _norm(fact.value)
    fields = stored.fields
    for field in fact.fields:
        if fields.get(field) == want:
            return field
    if "creators" in fact.fields and want in stored.names:
        return "creators"
    if any(want in (value, line) for _, value, line in stored.extra):
        return "extra"
    if any(want in note for note in stored.notes):
        return "note"
    return None


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    require_zotero()
    folder = tmp_path_factory.mktemp("zotero")
    jobs = {}
    for source, (path, syllabi) in SOURCES.items():
        records = balint_bib.load(path)
        chosen = _syllabi(syllabi)
        for format_name in FORMATS:
            exported = folder / f"{source}{SUFFIX[format_name]}"
            exported.write_bytes(balint_bib.export(records, format_name, chosen))
            jobs[(source, format_name)] = (exported, format_name,
                                           folder / f"{source}-{format_name}.json",
                                           (source, format_name) in FORCED)
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {key: pool.submit(zotero_import, *job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def _syllabi(spec: tuple[Syllabus, ...] | str) -> tuple[Syllabus, ...]:
    if spec == "bundled":
        return bundled_syllabi()
    if isinstance(spec, str):
        return (balint_bib.load_syllabus(spec),)
    return spec


def _by_key(result: dict[str, Any]) -> dict[str, Stored]:
    found = {}
    for item in result["items"]:
        invalid = result["invalidForType"].get(item["title"], [])
        stored = Stored(item, [f.removesuffix(" (unknown field)") for f in invalid])
        key = stored.citation_key()
        assert key, f"no citation key on {item['title']!r}"
        found[key] = stored
    return found


def test_zotero_detects_csl_json_without_software_only(tmp_path: Path) -> None:
    """Zotero's CSL JSON detection (2022) knows CSL 1.0.1's types, not 1.0.2's `software`: a
    file with a software entry imports only with the translator chosen by hand. This fails
    when Zotero learns the type, and FORCED can go."""
    records = balint_bib.load(SOURCES["kinds"][0])
    software = [r for r in records if kind_of(r).csl == "software"]
    others = [r for r in records if kind_of(r).csl != "software"]
    for chosen, detected in ((others, True), (software, False)):
        path = tmp_path / "items.json"
        path.write_bytes(balint_bib.export(chosen, "csl-json"))
        require_zotero()
        result = subprocess.run([str(IMPORTER), str(path), str(tmp_path / "out.json")],
                                capture_output=True, text=True, timeout=600, check=False)
        assert (result.returncode == 0) is detected, result.stderr


CASES = [(s, f) for s in SOURCES for f in FORMATS]


@pytest.mark.parametrize(("source", "format_name"), CASES)
def test_every_value_lands_where_zotero_keeps_it(imported: dict, source: str,
                                                 format_name: str) -> None:
    records = balint_bib.load(SOURCES[source][0])
    stored = _by_key(imported[(source, format_name)])
    if format_name == "bibtex":  # Zotero's BibTeX import skips entry types it does not know
        unknown = [r for r in records if r.entry_type not in BIBTEX_TYPES]
        assert {r.entry_type for r in unknown} <= {"dataset", "periodical"}
        records = [r for r in records if r.entry_type in BIBTEX_TYPES]
    assert sorted(stored) == sorted(r.key for r in records)
    losses = LOSSES.get(format_name, frozenset())
    problems = []
    for record in records:
        item = stored[record.key]
        for fact in _facts(record):
            where = _lands(fact, item)
            if where is None and not _may_lose(fact, item, losses):
                problems.append(f"{record.key}: {fact.name} {fact.value!r} is lost")
        problems += _wrong_fields(record, item)
        problems += _item_type(record, item, format_name)
        problems += _people(record, item, format_name)
        problems += _tags_and_dates(record, item, losses)
    assert problems == []


def _may_lose(fact: Fact, item: Stored, losses: frozenset[str]) -> bool:
    if fact.name in losses or (fact.leftover and "leftover" in losses):
        return True
    if fact.name == "howpublished" and len(fact.value) < 7 and "short howpublished" in losses:
        return True
    # what CSL-JSON carries only in a variable the item type has no field for
    valid = valid_fields(item.item["itemType"])
    no_field = bool(fact.fields) and not any(f in valid for f in fact.fields)
    return no_field and "no-field" in losses


def _wrong_fields(record: Record, item: Stored) -> list[str]:
    """Every stored field holds the value meant for it, and nothing else."""
    facts = list(_facts(record))
    problems = []
    for field, value in item.fields.items():
        meant = {_norm(f.value) for f in facts if field in f.fields}
        if value not in meant:
            problems.append(f"{record.key}: {field} holds {value!r}")
    values = {_norm(f.value) for f in facts} | {_norm(k) for k in record.keywords}
    values |= {_norm(record.text(name) or "") for name in CHECKED_APART}
    for field in item.invalid:
        value = _norm(item.item.get(field, ""))
        # RDF.js copies z: properties it has no use for, a presenters' list as its node id
        # (Zotero's own RDF export gives the same); a value that is an entry's value is in Extra.
        if value not in values and not value.startswith("_:"):
            problems.append(f"{record.key}: {field} (not valid for the type) holds {value!r}")
    return problems


def _item_type(record: Record, item: Stored, format_name: str) -> list[str]:
    wanted = kind_of(record).zotero
    if format_name == "bibtex":
        wanted = BIBTEX_TYPES[record.entry_type]
    elif format_name == "csl-json":  # Zotero's reading of the CSL type (richer than ours)
        wanted = zotero_type_of_csl(kind_of(record).csl)
    got = item.item["itemType"]
    return [] if got == wanted else [f"{record.key}: item type {got}, not {wanted}"]


def _people(record: Record, item: Stored, format_name: str) -> list[str]:
    exported = to_item(record)
    if format_name == "bibtex":  # the names as written: Zotero reads an organization apart
        exported = replace(exported, authors=_creators(record.names("author")),
                           editors=_creators(record.names("editor")))
    want = [(c.family, None if c.corporate else c.given or None, "author")
            for c in exported.authors]
    want += [(c.family, None if c.corporate else c.given or None, "editor")
             for c in exported.editors]
    got = [(c.get("lastName", ""), c.get("firstName") or None,
            "editor" if c["creatorType"] == "editor" else "author")
           for c in item.item["creators"]]
    problems = [] if got == want else [f"{record.key}: creators {got} != {want}"]
    single = [c.get("lastName") for c in item.item["creators"] if c.get("fieldMode") == 1]
    corporate = [c.family for c in (*exported.authors, *exported.editors) if c.corporate]
    if sorted(single) != sorted(corporate):
        problems.append(f"{record.key}: single-field creators {single} != {corporate}")
    return problems


def _creators(names: tuple[Name, ...]) -> tuple[Creator, ...]:
    people = [n for n in names if not n.is_others]
    creators = tuple(to_item_creator(n) for n in people)
    return (*creators, OTHERS) if len(people) < len(names) else creators


def _tags_and_dates(record: Record, item: Stored, losses: frozenset[str]) -> list[str]:
    exported = to_item(record)
    problems = []
    tags = sorted(t["tag"] for t in item.item.get("tags", []))
    if "keywords" not in losses and tags != sorted(exported.keywords):
        problems.append(f"{record.key}: tags {tags}")
    date = str(item.item.get("date", ""))
    if exported.date and not _same_date(date, exported.date):
        problems.append(f"{record.key}: date {date!r}, not {exported.date!r}")
    if not exported.date and date:
        problems.append(f"{record.key}: date {date!r} on an undated entry")
    accessed = str(item.item.get("accessDate", ""))
    if exported.access_date and not accessed.startswith(exported.access_date):
        problems.append(f"{record.key}: access date {accessed!r}")
    return problems


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _same_date(stored: str, wanted: str) -> bool:
    """Zotero keeps dates as typed ("1988-03", "March 1988"): the same year and month."""
    year, _, rest = wanted.partition("-")
    if year not in stored:
        return False
    month = rest[:2]
    if not month:
        return True
    name = MONTHS[int(month) - 1]
    return f"{year}-{month}" in stored or name in stored.lower()


def _collections(result: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    return {top["name"]: {child["name"]: sorted(c["title"] for c in child["children"])
                          for child in top["children"]}
            for top in result["collections"]}


@pytest.mark.parametrize("source", ["dataset", "all-types"])
def test_collections_follow_the_syllabus(imported: dict, source: str) -> None:
    path, spec = SOURCES[source]
    records = {r.key: r for r in balint_bib.load(path)}
    title = {key: to_item(r).title for key, r in records.items()}
    wanted = {}
    for syllabus in _syllabi(spec):
        width = len(str(len(syllabus.sections)))
        wanted[syllabus.title] = {
            f"{n:0{width}d}. {s.title}": sorted(title[k] for k in s.keys)
            for n, s in enumerate(syllabus.sections, start=1)}
    assert _collections(imported[(source, "zotero-rdf")]) == wanted
