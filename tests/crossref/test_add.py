"""`balint-bib add DOI FILE` run as a user runs it, against a Crossref-shaped server on
127.0.0.1 (the request goes through habanero), and the pure entry building."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from balint_bib.bibtex.reader import parse_string
from balint_bib.crossref.new_entry import bibtex_type, entry_from_work, new_key
from tests.support.fake_crossref import FakeCrossref, work
from tests.support.tools import FIXTURES

FIXTURE = FIXTURES / "enrich" / "small.bib"
KJELDMAND = work("10.5555/add.kjeldmand", "Balint training makes GPs thrive better in "
                 "their job", [("Dorte", "Kjeldmand"), ("Inger", "Holmström")], 2004,
                 journal="Patient Education and Counseling", volume="55", issue="2",
                 page="230-235", issn="0738-3991")
CHAPTER = work("10.5555/add.chapter", "The doctor, his patient & the illness",
               [("Michael", "Balint")], 1957, type_="book-chapter", journal="Collected papers",
               page="1-20", isbn="978-0-415-24321-6", subtitle="a study")


def add(*args: str | Path, base: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BALINT_BIB_")}
    return subprocess.run([sys.executable, "-m", "balint_bib", "add", *map(str, args),
                           "--crossref-url", base, "--mailto", "tests@example.org"],
                          capture_output=True, text=True, timeout=60, env=environment,
                          check=False)


@pytest.fixture
def crossref(httpserver: HTTPServer) -> str:
    fake = FakeCrossref([KJELDMAND, CHAPTER])
    fake.install(httpserver)
    return fake.url(httpserver)


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    target = tmp_path / "refs.bib"
    shutil.copy(FIXTURE, target)
    shutil.copy(FIXTURE.with_suffix(".sources.toml"), tmp_path / "refs.sources.toml")
    return target


def test_add_appends_an_entry_and_its_provenance(crossref: str, bib: Path,
                                                 httpserver: HTTPServer) -> None:
    before, sidecar_before = bib.read_text(), bib.with_suffix(".sources.toml").read_text()
    result = add("https://doi.org/10.5555/ADD.Kjeldmand", bib, base=crossref)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"added Kjeldmand2004a to {bib}\n"  # Kjeldmand2004 is taken
    text = bib.read_text()
    assert text.startswith(before) and text[len(before):] == (
        "\n@article{Kjeldmand2004a,\n"
        "  author = {Kjeldmand, Dorte and Holmström, Inger},\n"
        "  title = {Balint training makes GPs thrive better in their job},\n"
        "  journal = {Patient Education and Counseling},\n"
        "  year = {2004},\n  volume = {55},\n  number = {2},\n  pages = {230--235},\n"
        "  issn = {0738-3991},\n  doi = {10.5555/add.kjeldmand},\n}\n")
    assert not parse_string(text).problems
    sidecar = bib.with_suffix(".sources.toml").read_text()
    assert sidecar.startswith(sidecar_before)
    (source,) = tomllib.loads(sidecar)["entries"]["Kjeldmand2004a"]["sources"]
    assert source["source"] == "Crossref 10.5555/add.kjeldmand" and source["api"] == crossref
    assert "doi" in source["fields"] and "confidence" not in source
    (request, _), = httpserver.log
    assert "habanero" in request.headers["User-Agent"]
    assert "mailto:tests@example.org" in request.headers["User-Agent"]
    # The same DOI again is refused, naming the entry that has it.
    again = add("10.5555/add.kjeldmand", bib, base=crossref)
    assert again.returncode == 1 and "Kjeldmand2004a" in again.stderr
    assert bib.read_text() == text


def test_an_unknown_doi_is_one_line_and_changes_nothing(crossref: str, bib: Path) -> None:
    before = bib.read_text()
    result = add("10.5555/no.such.work", bib, base=crossref)
    assert result.returncode == 1
    assert result.stderr == ("balint-bib: error: Crossref does not know the DOI "
                             "10.5555/no.such.work\n")
    assert bib.read_text() == before
    bad = add("not-a-doi", bib, base=crossref)
    assert bad.returncode == 2 and "not a DOI" in bad.stderr and "Traceback" not in bad.stderr


def test_a_server_error_is_one_line(httpserver: HTTPServer, bib: Path) -> None:
    httpserver.expect_request("/works/10.5555/x").respond_with_data("busy", status=503)
    result = add("10.5555/x", bib, base=httpserver.url_for("").rstrip("/"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "HTTP 503" in result.stderr


def test_dry_run_prints_the_entry_and_writes_nothing(crossref: str, bib: Path) -> None:
    before = bib.read_text()
    result = add("10.5555/add.chapter", bib, "--dry-run", "--key", "Balint1957ch",
                 base=crossref)
    assert result.returncode == 0, result.stderr
    assert bib.read_text() == before
    assert result.stdout == (
        "@incollection{Balint1957ch,\n  author = {Balint, Michael},\n"
        "  title = {The doctor, his patient \\& the illness: a study},\n"
        "  booktitle = {Collected papers},\n  year = {1957},\n  pages = {1--20},\n"
        "  publisher = {Test Publisher},\n  isbn = {978-0-415-24321-6},\n"
        "  doi = {10.5555/add.chapter},\n}\n")
    taken = add("10.5555/add.chapter", bib, "--key", "turner2010", base=crossref)
    assert taken.returncode == 2 and "already in the file" in taken.stderr


def test_the_added_entry_passes_validation(crossref: str, bib: Path) -> None:
    assert add("10.5555/add.chapter", bib, base=crossref).returncode == 0
    result = subprocess.run([sys.executable, "-m", "balint_bib", "validate", "--format",
                             "json", "--profile", "generic", str(bib)], capture_output=True,
                            text=True, check=False)
    findings = [f for f in json.loads(result.stdout)["findings"] if f["key"] == "Balint1957"]
    assert [f for f in findings if f["severity"] == "error"] == []


def test_keys_types_and_people() -> None:
    assert new_key({"author": "van der Berg, Jan", "year": "2001"}, ["VanDerBerg2001",
                                                                       "vanderberg2001a"]) \
        == "VanDerBerg2001b"
    assert new_key({"title": "Über Gruppen"}, []) == "UberGruppen"
    taken = ["Smith2000"] + [f"Smith2000{chr(c)}" for c in range(ord("a"), ord("z") + 1)]
    assert new_key({"author": "Smith, A.", "year": "2000"}, taken) == "Smith2000aa"
    assert [bibtex_type(t) for t in ("journal-article", "book-chapter", "monograph",
                                     "dissertation", "posted-content")] == [
        "article", "incollection", "book", "phdthesis", "misc"]
    entry = entry_from_work({"DOI": "10.5555/org", "type": "posted-content",
                             "title": ["<i>Balint</i> groups"], "URL": "https://doi.org/x",
                             "author": [{"name": "The Balint Society"}],
                             "issued": {"date-parts": [[2020]]}}, [])
    assert entry.render() == (
        "@misc{TheBalint2020,\n  author = {{The Balint Society}},\n"
        "  title = {Balint groups},\n  year = {2020},\n  url = {https://doi.org/x},\n"
        "  doi = {10.5555/org},\n}\n")
