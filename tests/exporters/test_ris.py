"""RIS: parsed back by a strict reader written from the specification, and by rispy."""

from __future__ import annotations

import re

import pytest
import rispy

import balint_bib
from tests.support.hostile import MARKUP, hostile_bibliography
from tests.support.tools import FIXTURES

ALL_TYPES = FIXTURES / "export" / "all-types.bib"
LINE = re.compile(r"([A-Z][A-Z0-9])  - (.*)\Z")


def read_ris(data: bytes) -> list[dict[str, list[str]]]:
    """Records of TAG → values. Fails on anything the RIS spec does not allow."""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "a line ends without CR LF"
    assert "\r" not in text.replace("\r\n", ""), "a bare CR"
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    for line in text.split("\r\n"):
        if not line:
            assert current is None, "blank line inside a record"
            continue
        match = LINE.match(line)
        assert match, f"not a RIS line: {line!r}"
        tag, value = match.groups()
        if tag == "TY":
            assert current is None, "TY before the previous record's ER"
            current = {}
        assert current is not None, f"{tag} outside a record"
        if tag == "ER":
            assert value == ""
            records.append(current)
            current = None
            continue
        current.setdefault(tag, []).append(value)
    assert current is None, "the last record has no ER"
    return records


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, list[str]]]:
    data = balint_bib.export(balint_bib.load(ALL_TYPES), "ris")
    return {r["ID"][0]: r for r in read_ris(data)}


def test_article_has_every_tag(records: dict) -> None:
    assert records["Scheingold1988"] == {
        "TY": ["JOUR"], "AU": ["Scheingold, Lee", "Brock, Carol D."],
        "TI": ["Balint work in England: lessons for American family medicine"],
        "T2": ["The Journal of Family Practice"], "J2": ["J Fam Pract"], "PY": ["1988"],
        "DA": ["1988/03//"], "VL": ["26"], "IS": ["3"], "SP": ["315"], "EP": ["320"],
        "SN": ["0094-3509"], "DO": ["10.1000/jfp.1988.26.315"],
        "UR": ["https://example.org/jfp/26/315"], "Y2": ["2024/05/01/"], "LA": ["English"],
        "KW": ["Balint groups", "family medicine"],
        "M2": ["Citation Key: Scheingold1988", "PMID: 3346632"],
        "N1": ["Classic article on how Balint groups are conducted."], "ID": ["Scheingold1988"],
    }  # fmt: skip


def test_book_chapter_and_report(records: dict) -> None:
    assert records["Balint1957"] == {
        "TY": ["BOOK"], "AU": ["Balint, Michael"],
        "TI": ["The Doctor, His Patient and the Illness"],
        "PY": ["1964"], "DA": ["1964///"], "ET": ["2"], "PB": ["Pitman Medical"], "CY": ["London"],
        "SN": ["978-0-443-06460-9"], "KW": ["Balint method"],
        "M2": ["Citation Key: Balint1957", "DOI: 10.1000/book.1964"],
        "N1": ["Dense to read, but the introduction is worth it."], "ID": ["Balint1957"],
    }  # fmt: skip
    chapter = records["Salinsky2003"]
    assert chapter["TY"] == ["CHAP"] and chapter["T2"] == ["The Balint Society Handbook"]
    assert chapter["A2"] == ["Sackin, Paul", "The Balint Society"]
    assert (chapter["SP"], chapter["EP"]) == (["1"], ["12"])
    report = records["Sackin1994"]
    # Zotero's RIS reads a report's number from SN (IS would be an issue).
    assert (report["TY"], report["SN"], report["M3"]) == (["RPRT"], ["7"], ["Guidance"])
    assert "IS" not in report


def test_types_per_entry(records: dict) -> None:
    types = {key: r["TY"][0] for key, r in records.items()}
    assert types == {"Scheingold1988": "JOUR", "Balint1957": "BOOK", "Salinsky2003": "CHAP",
                     "ABS2007": "ANCIENT", "ABSWebsite": "ELEC", "ABSIntro": "SLIDE",
                     "CrossmanMagee": "ANCIENT", "Sackin1994": "RPRT"}
    # Corporate authors stay one name; no date means no PY/DA.
    assert records["ABSWebsite"]["AU"] == ["American Balint Society"]
    assert "PY" not in records["ABSWebsite"] and records["ABSWebsite"]["Y2"] == ["2024/02/03/"]


def test_rispy_reads_the_same_records() -> None:
    data = balint_bib.export(balint_bib.load(ALL_TYPES), "ris").decode("utf-8")
    entries = rispy.loads(data)
    assert len(entries) == len(balint_bib.load(ALL_TYPES))
    article = next(e for e in entries if e["type_of_reference"] == "JOUR")
    assert article["authors"] == ["Scheingold, Lee", "Brock, Carol D."]
    assert article["keywords"] == ["Balint groups", "family medicine"]


def test_hostile_values_stay_inside_their_own_lines() -> None:
    data = balint_bib.export(hostile_bibliography(), "ris")
    records = read_ris(data)  # asserts the structure line by line
    assert [r["ID"] for r in records] == [["Hostile"], ["JsLink"]]
    hostile = records[0]
    assert hostile["TI"][0].startswith(MARKUP)
    assert "\u202e" not in hostile["TI"][0] and "\x1b" not in hostile["TI"][0]
    assert hostile["N1"][0].startswith("line one ER - TY - JOUR TI - injected")
    assert set(hostile) >= {"TY", "TI", "KW", "N1"}
    assert {"AU", "A2"} & set(hostile)  # a presentation's presenters are A2
    assert "UR" not in hostile and "UR" not in records[1]  # javascript: URLs are dropped
    assert len(rispy.loads(data.decode("utf-8"))) == 2
