"""BibTeX and biblatex exports: normalised, read back by bibtexparser, bibtex and biber."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import bibtexparser
import pytest

import balint_bib
from balint_bib.errors import InputError
from tests.support.hostile import MARKUP, hostile_bibliography
from tests.support.tools import FIXTURES, require_tool

ALL_TYPES = FIXTURES / "export" / "all-types.bib"


def _entries(data: bytes) -> dict[str, dict[str, str]]:
    library = bibtexparser.parse_string(data.decode("utf-8"))
    assert not library.failed_blocks
    return {e.key: {f.key: f.value for f in e.fields} | {"@type": e.entry_type}
            for e in library.entries}


def test_bibtex_is_normalised_and_lossless_for_the_fields() -> None:
    bib = balint_bib.load(ALL_TYPES)
    data = balint_bib.export(bib, "bibtex")
    entries = _entries(data)
    assert list(entries) == [r.key for r in bib]
    article = entries["Scheingold1988"]
    assert article["journal"] == "The Journal of Family Practice"
    assert article["pages"] == "315--320" and article["month"] == "mar"
    assert article["annote"] == "Classic article on how Balint groups are conducted."
    assert b"  month        = mar,\n" in data and b"  pages        = {315--320},\n" in data
    # Every field of every entry survives, with its value.
    again = balint_bib.parse_string(data.decode("utf-8"))
    for record in bib:
        assert {f.name: f.value for f in again[record.key].fields} == {
            f.name: f.value for f in record.fields}
    # Exporting the export changes nothing: the layout is the normal form.
    assert balint_bib.export(again, "bibtex") == data


def test_biblatex_names() -> None:
    entries = _entries(balint_bib.export(balint_bib.load(ALL_TYPES), "biblatex"))
    article = entries["Scheingold1988"]
    assert article["journaltitle"] == "The Journal of Family Practice"
    assert article["date"] == "1988-03" and "year" not in article and "month" not in article
    assert article["annotation"].startswith("Classic article")
    assert (article["eprint"], article["eprinttype"]) == ("3346632", "pubmed")
    assert "journal" not in article and "annote" not in article
    assert entries["Balint1957"]["location"] == "London"
    assert entries["Sackin1994"]["@type"] == "report"


def test_unbalanced_value_is_refused() -> None:
    from balint_bib.bibtex.model import Field, Record
    from balint_bib.exporters.base import ExportRequest
    from balint_bib.exporters.bibtex import BIBTEX

    record = Record("K", "misc", (Field("title", "a } b {", "", 3),), path="x.bib", line=2)
    with pytest.raises(InputError, match=r"x.bib:3: entry 'K': unbalanced braces"):
        BIBTEX.render(ExportRequest((record,)))
    trailing = Record("K", "misc", (Field("title", "ends in \\", "", 3),))
    with pytest.raises(InputError):
        BIBTEX.render(ExportRequest((trailing,)))


@pytest.mark.parametrize("format_name", ["bibtex", "biblatex"])
def test_hostile_values(format_name: str) -> None:
    data = balint_bib.export(hostile_bibliography(), format_name)
    entries = _entries(data)
    assert list(entries) == ["Hostile", "JsLink"]
    title = entries["Hostile"]["title"]
    assert MARKUP in title and "\x1b" not in title and "\u202e" not in title
    assert "url" not in entries["Hostile"] and "url" not in entries["JsLink"]
    note = entries["Hostile"]["annotation" if format_name == "biblatex" else "annote"]
    assert "injected" in note


def _run(args: list[str], cwd: Path,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, **(env or {})})


# A style that only lists each entry's key and title: enough for bibtex to read every entry.
ENTRY_TYPES = ("article", "book", "incollection", "online", "misc", "techreport")
MINIMAL_BST = "ENTRY { title } {} {}\n" + "".join(
    f"FUNCTION {{{name}}} {{ cite$ write$ newline$ }}\n" for name in ENTRY_TYPES
) + "READ\nITERATE {call.type$}\n"


@pytest.mark.parametrize("source", ["fixture", "hostile"])
def test_bibtex_reads_the_export(tmp_path: Path, source: str) -> None:
    bibtex = require_tool("bibtex")
    bib = balint_bib.load(ALL_TYPES) if source == "fixture" else hostile_bibliography()
    (tmp_path / "refs.bib").write_bytes(balint_bib.export(bib, "bibtex"))
    (tmp_path / "min.bst").write_text(MINIMAL_BST)
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{min}\n")
    result = _run([bibtex, "doc"], tmp_path, {"BIBINPUTS": ".", "BSTINPUTS": "."})
    log = (tmp_path / "doc.blg").read_text()
    assert result.returncode == 0, log
    assert "Warning" not in log and "error" not in log.lower(), log
    listed = (tmp_path / "doc.bbl").read_text(encoding="utf-8").splitlines()
    assert listed == [r.key for r in bib]


@pytest.mark.parametrize("source", ["fixture", "hostile"])
def test_biber_reads_the_biblatex_export(tmp_path: Path, source: str) -> None:
    biber = require_tool("biber")
    bib = balint_bib.load(ALL_TYPES) if source == "fixture" else hostile_bibliography()
    (tmp_path / "refs.bib").write_bytes(balint_bib.export(bib, "biblatex"))
    result = _run([biber, "--tool", "--validate-datamodel", "--output-file", "out.bib",
                   "refs.bib"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ERROR" not in result.stdout, result.stdout
    # Datamodel warnings are about the data (an undated web site), not about the syntax.
    problems = [line for line in result.stdout.splitlines()
                if line.startswith("WARN") and "Missing mandatory field" not in line]
    assert not problems, problems
    read = _entries((tmp_path / "out.bib").read_bytes())
    assert {key.lower() for key in read} == {r.key.lower() for r in bib}
