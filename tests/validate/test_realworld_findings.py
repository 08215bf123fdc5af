"""The validator's false-positive classes of issue 10 stay fixed on the real files they came
from (../shared/realworld-bib; skipped without it). The hand-judged sample is in
benchmarks/validator-sample.md."""

from __future__ import annotations

from functools import cache

import pytest

from balint_bib.diagnostics import Diagnostic
from balint_bib.validate import validate
from tests.support.tools import SHARED, require

CORPUS = SHARED / "realworld-bib"


@cache
def corpus_findings(name: str) -> tuple[Diagnostic, ...]:
    import balint_bib

    path = CORPUS / name
    require(path.is_file(), f"the shared corpus file {path}")
    return tuple(validate(balint_bib.parse_file(path)))


def of(name: str, code: str) -> list[Diagnostic]:
    return [f for f in corpus_findings(name) if f.code == code]


def test_tugboat_bibsource_urls_need_no_escapes() -> None:
    assert of("tugboat.bib", "BB420") == []


def test_abbreviated_ranges_are_suggestions_and_arxivid_is_not_arxiv() -> None:
    assert len(of("zbb-unabbrev3.bib", "BB408")) > 400
    assert all(f.fix and f.fix.startswith("write the range in full")
               for f in of("zbb-unabbrev3.bib", "BB408"))
    assert [f for f in of("zbb-unabbrev3.bib", "BB203") if "arxiv" in f.message] == []
    assert [f for f in of("zbb-unabbrev3.bib", "BB202") if f.field == "publisher"] == []


def test_chapters_sharing_a_books_doi_are_no_duplicates() -> None:
    keys = {f.key for f in of("zbb-unabbrev3.bib", "BB501")}
    assert not keys & {"conesa-boj_2010", "zardo_2010"}


@pytest.mark.parametrize("name", ["tugboat.bib", "xampl.bib"])
def test_same_title_pairs_reported_do_not_differ(name: str) -> None:
    import balint_bib
    from balint_bib.validate.duplicates import differ

    records = {r.key: r for r in balint_bib.parse_file(CORPUS / name).records}
    for finding in of(name, "BB502"):
        other = finding.message.split(" as ", 1)[1].split(" (", 1)[0]
        assert differ(records[finding.key or ""], records[other]) is None, finding.message
    if name == "tugboat.bib":  # its yearly columns ("Production notes") are in other issues
        assert of(name, "BB502") == []


def test_crossref_targets_keep_their_booktitle() -> None:
    assert [f for f in of("xampl.bib", "BB202") if f.field == "booktitle"] == []
    # biber's test file: two entries point to a key that is really missing, two to ids aliases
    assert sorted(f.key or "" for f in of("biber-crossrefs.bib", "BB205")) == ["mcr", "mxr"]
