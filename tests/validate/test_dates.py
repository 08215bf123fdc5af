"""BB308/BB309 accept what biblatex accepts: EDTF level 1 as biber 2.18 reads it. The
reference test runs `biber --tool` on the same values and compares, value by value."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from balint_bib.bibtex.reader import parse_string
from balint_bib.validate import validate
from balint_bib.validate.edtf import edtf_date_or_range
from tests.support.tools import SHARED, require, require_tool

ACCEPTED = [
    "2004", "2004-03", "2004-03-05", "-0044", "-0044-03-15", "0000", "Y170000002",
    "Y-170000002", "2004~", "2004?", "2004%", "2004-03~", "2004-03-05%", "-2004?",
    "2004 ?", "2004-21", "2004-24", "2004-25", "2004-41", "2004-21~",
    "2004-03-05T14:30:00", "2004-03-05T14:30:00Z", "2004-03-05T14:30:00+01:00",
    "2004-01-01T00:00:00-05:00", "2004-03-05T14:30:00~", "2004-03-05T14:30:00.123",
    "2004/2005", "../2005", "2004/..", "/2005", "2004/", "2004-03-05/..",
    "2004?/2005~", "-0044/0014", "2004-24/2005-21", "2004-03-05T14:30:00Z/..",
    "199X", "19XX", "2004-XX", "2004-03-XX", "2004-XX-XX", "2000-02-29",
]
REJECTED = [
    "2004-?03-05", "~2004-03", "2004?-03-05", "2004%-03", "2004-13", "2004-00",
    "2004-03-00", "2004-02-30", "1900-02-29", "2004-3-5", "2004-3", "99", "10000",
    "+2004", "Y1234", "2004-42", "2004-03-05T14:30", "2004-03-05T24:00:00",
    "2004-03-05T23:59:60", "2004-03-05T14:30:00.5", "2004-03-05T14:30:00+0100",
    "1995..", "[2004..2006]", "{2004,2005}", "2004u", "20uu", "2004 /2005",
    "circa 2004", "Spring 2004", "May 1, 2024",
]
# Where we are stricter than biber, on purpose (see balint_bib/validate/edtf.py): biber
# lets these through without a warning, but keeps no date from them.
STRICTER = ["2004-20", "../..", "2004-03-0X", "1XXX", "2004-XX-05"]


def test_dates_biblatex_reads_are_accepted() -> None:
    assert [value for value in ACCEPTED if not edtf_date_or_range(value)] == []
    assert [value for value in REJECTED + STRICTER if edtf_date_or_range(value)] == []


def test_the_rules_use_it_for_every_date_field() -> None:
    for field in ("date", "origdate", "eventdate", "urldate"):
        for value, expected in (("-0044-03-15", []), ("2004-22", []), ("../1945", []),
                                ("Spring 2004", ["BB308" if field == "urldate" else "BB309"])):
            text = (f"@misc{{K,\n title = {{T}},\n url = {{https://x.org}},\n"
                    f" {field} = {{{value}}}\n}}\n")
            found = [f.code for f in validate(parse_string(text)) if f.code in ("BB308", "BB309")]
            assert found == expected, (field, value)


def _biber_rejects(values: list[str], directory: Path) -> set[str]:
    biber = require_tool("biber")
    body = "".join(f"@misc{{k{i},\n  title = {{t}},\n  date = {{{value}}}\n}}\n"
                   for i, value in enumerate(values))
    (directory / "dates.bib").write_text(body, encoding="utf-8")
    done = subprocess.run([biber, "--tool", "--output-file", str(directory / "out.bib"),
                           str(directory / "dates.bib")], capture_output=True, text=True,
                          timeout=120, check=False, cwd=directory)
    return set(re.findall(r"Invalid format '(.*?)' of date field", done.stdout + done.stderr))


def test_biber_agrees_value_by_value(tmp_path: Path) -> None:
    rejected = _biber_rejects(ACCEPTED + REJECTED, tmp_path)
    assert rejected == set(REJECTED)


@pytest.mark.parametrize("name", ["biblatex-examples.bib", "biber-papers.bib",
                                  "biber-crossrefs.bib", "zbb-pandoc.bib"])
def test_corpus_dates_are_accepted(name: str) -> None:
    path = SHARED / "realworld-bib" / name
    require(path.is_file(), f"the shared corpus file {path}")
    import balint_bib

    found = [f for f in validate(balint_bib.parse_file(path)) if f.code in ("BB308", "BB309")]
    assert found == []
