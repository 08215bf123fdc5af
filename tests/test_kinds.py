"""The one table of entry kinds: every entry of every fixture agrees with its kind in every
output (CSL type, Zotero item type as exported in the Zotero RDF, RIS TY, Crossref types),
and the decisions the CSL and Zotero classifiers used to disagree on."""

from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import balint_bib
from balint_bib.bibtex.model import Record
from balint_bib.bibtex.reader import parse_file
from balint_bib.crossref.matching import citation_from_record
from balint_bib.errors import BalintBibError
from balint_bib.exporters.items import to_item
from balint_bib.exporters.zotero_rdf import ITEM_CLASSES
from balint_bib.kinds import KINDS, kind_of
from tests.support.tools import FIXTURES, REPO

KINDS_BIB = FIXTURES / "kinds" / "kinds.bib"
Z_ITEM_TYPE = "{http://www.zotero.org/namespaces/export#}itemType"

# Zotero's RIS translator (RIS.js, exportTypeMap and degenerateExportTypeMap): the TY it
# writes for each Zotero type and reads back as it; for `document` Zotero writes GEN, which
# it reads back as a journal article, so a TY it imports as `document` is used.
ZOTERO_RIS = {
    "book": "BOOK", "bookSection": "CHAP", "journalArticle": "JOUR", "manuscript": "MANSCPT",
    "presentation": "SLIDE", "report": "RPRT", "thesis": "THES", "webpage": "ELEC",
    "document": "ANCIENT",
}  # fmt: skip


def _readable(path: Path) -> bool:
    try:
        parse_file(path)
    except BalintBibError:
        return False
    return True


BIB_FILES = [p for p in sorted(FIXTURES.rglob("*.bib")) if _readable(p)]
BIB_FILES.append(REPO / "data" / "references.bib")


def _ids(path: Path) -> str:
    return str(path.relative_to(REPO))


def _zotero_types(records: tuple[Record, ...]) -> list[str]:
    """z:itemType of each exported item, in file order (notes carry none)."""
    root = ET.fromstring(balint_bib.export(records, "zotero-rdf"))
    return [node.findtext(Z_ITEM_TYPE) or "" for node in root if node.find(Z_ITEM_TYPE)
            is not None]


def _ris_types(records: tuple[Record, ...]) -> list[str]:
    text = balint_bib.export(records, "ris").decode("utf-8")
    return [line[6:] for line in text.split("\r\n") if line.startswith("TY  - ")]


@pytest.mark.parametrize("path", BIB_FILES, ids=_ids)
def test_every_output_agrees_with_the_kind(path: Path) -> None:
    records = tuple(parse_file(path).records)
    kinds = [kind_of(r) for r in records]
    csl = json.loads(balint_bib.export(records, "csl-json"))
    assert [item["type"] for item in csl] == [k.csl for k in kinds]
    assert _zotero_types(records) == [k.zotero for k in kinds]
    assert _ris_types(records) == [k.ris for k in kinds]
    for record, kind in zip(records, kinds, strict=True):
        assert citation_from_record(record).crossref_types == kind.crossref, record.key


def test_the_table_uses_only_types_each_output_knows() -> None:
    for kind in KINDS.values():
        assert ZOTERO_RIS[kind.zotero] == kind.ris, kind.name  # what Zotero writes and reads
        assert kind.zotero in ITEM_CLASSES or kind.zotero == "document", kind.name
        assert kind.enrich <= {"volume", "number", "pages", "issn", "isbn", "publisher",
                               "journal", "booktitle"}, kind.name


EXPECTED = {
    # key: (CSL type, Zotero type, RIS TY)
    "UrlOnly": ("webpage", "webpage", "ELEC"),
    "WithInstitution": ("report", "report", "RPRT"),
    "Poster": ("report", "presentation", "SLIDE"),  # no event known: printed as slides
    "WhitePaper": ("report", "report", "RPRT"),
    "WebSiteHint": ("webpage", "webpage", "ELEC"),
    "Handout": ("report", "document", "ANCIENT"),  # issued by a body: printed with it
    "WebArticle": ("webpage", "webpage", "ELEC"),
    "PdfOnline": ("document", "document", "ANCIENT"),
    "Doctoral": ("thesis", "thesis", "THES"),
    "Masters": ("thesis", "thesis", "THES"),
    "Thesis": ("thesis", "thesis", "THES"),
    "Draft": ("manuscript", "manuscript", "MANSCPT"),
    "Talk": ("speech", "presentation", "SLIDE"),
    "Manual": ("report", "report", "RPRT"),
    "Paper": ("paper-conference", "bookSection", "CHAP"),
    "ConferencePaper": ("paper-conference", "bookSection", "CHAP"),
}


@pytest.fixture(scope="module")
def cases() -> dict[str, Record]:
    return {r.key: r for r in parse_file(KINDS_BIB).records}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_decisions_the_classifiers_disagreed_on(cases: dict[str, Record], key: str) -> None:
    kind = kind_of(cases[key])
    assert (kind.csl, kind.zotero, kind.ris) == EXPECTED[key]


def test_the_dataset_web_article_is_a_webpage_in_every_output() -> None:
    records = {r.key: r for r in balint_bib.load(REPO / "data" / "references.bib").records}
    assert kind_of(records["Salinsky2003"]).name == "webpage"
    item = to_item(records["Salinsky2003"])
    assert (item.item_type, item.container_title, item.publisher) == (
        "webpage", "The Balint Society", "")


def test_only_kinds_reads_entry_types_into_outputs() -> None:
    """No other module keeps a table of BibTeX types → output types."""
    package = REPO / "balint_bib"
    for path in package.rglob("*.py"):
        if path.name == "kinds.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and len(node.keys) > 3:
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert not keys >= {"article", "book", "incollection"}, path


def test_csl_and_exporters_do_not_import_each_other_both_ways() -> None:
    csl = REPO / "balint_bib" / "csl"
    for path in csl.rglob("*.py"):
        assert "exporters" not in path.read_text(encoding="utf-8"), path
