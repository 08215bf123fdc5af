"""crossref inheritance (biblatex's default rules) and the links that cannot be followed."""

from __future__ import annotations

import json
from pathlib import Path

from balint_bib import parse_string
from balint_bib.bibtex.inherit import broken_links, resolve, resolve_records
from balint_bib.validate import validate
from tests.support.tools import run_cli

BIB = r"""
@inproceedings{paper, author = {Doe, Jane}, title = {A Paper}, pages = {1--9},
  crossref = {procs}}
@proceedings{procs, title = {Proceedings of Things}, year = 1999, publisher = {ACM},
  editor = {Roe, Rick}, shorttitle = {Things}, ids = {procs-alias}}
@inproceedings{paper2, author = {Poe, Ann}, title = {Another}, booktitle = {Own Title},
  year = 2001, crossref = {PROCS-ALIAS}}
@inbook{chapter, title = {A Chapter}, chapter = 3, crossref = {volume}}
@book{volume, author = {Knuth, Donald}, title = {Volume One}, crossref = {set}}
@mvbook{set, title = {The Whole Set}, publisher = {AW}, year = 1973}
@article{piece, author = {Doe, Jane}, title = {Piece}, crossref = {serial}}
@periodical{serial, title = {The Journal}, year = 2004, volume = 7}
@inproceedings{xpaper, author = {Doe, Jane}, title = {Xref'd}, xref = {procs}}
"""


def _fields(bib_text: str, key: str) -> dict[str, str]:
    record = resolve(parse_string(bib_text))[key]
    return {item.name: item.value for item in record.fields}


def test_a_proceedings_title_is_the_booktitle_of_its_papers() -> None:
    fields = _fields(BIB, "paper")
    assert fields["booktitle"] == "Proceedings of Things"
    assert (fields["year"], fields["publisher"], fields["editor"]) == ("1999", "ACM", "Roe, Rick")
    assert fields["title"] == "A Paper"  # the child's own field is never replaced
    assert "shorttitle" not in fields and "ids" not in fields  # never inherited


def test_the_child_keeps_its_own_fields_and_finds_the_parent_by_alias_in_any_case() -> None:
    fields = _fields(BIB, "paper2")
    assert (fields["booktitle"], fields["year"], fields["publisher"]) == (
        "Own Title", "2001", "ACM")


def test_inheritance_is_transitive_with_the_book_rules() -> None:
    fields = _fields(BIB, "chapter")
    assert fields["booktitle"] == "Volume One"  # book title -> booktitle
    assert fields["author"] == fields["bookauthor"] == "Knuth, Donald"
    assert fields["maintitle"] == "The Whole Set"  # mvbook title -> maintitle, via the book
    assert (fields["publisher"], fields["year"]) == ("AW", "1973")


def test_a_periodical_title_is_the_journaltitle_of_its_articles() -> None:
    fields = _fields(BIB, "piece")
    assert (fields["journaltitle"], fields["volume"], fields["year"]) == (
        "The Journal", "7", "2004")
    assert fields["title"] == "Piece"


def test_a_parent_booktitle_comes_before_its_title_as_bibtex_files_expect() -> None:
    bib = ("@inproceedings{c, title = {C}, crossref = {p}}\n"
           "@proceedings{p, title = {Long Title}, booktitle = {For BibTeX}, year = 1}\n")
    assert _fields(bib, "c")["booktitle"] == "For BibTeX"


def test_xref_inherits_nothing_but_satisfies_required_fields() -> None:
    assert "booktitle" not in _fields(BIB, "xpaper")
    codes = {(f.code, f.key) for f in validate(parse_string(BIB, "x.bib"))}
    assert ("BB201", "xpaper") not in codes and ("BB201", "paper") not in codes


def test_without_inheritance_the_required_field_is_missing() -> None:
    bib = "@inproceedings{alone, author = {Doe, J.}, title = {T}, year = 2000}\n"
    assert [f.code for f in validate(parse_string(bib, "x.bib"))] == ["BB201"]


def test_cycles_and_self_references_inherit_nothing_and_are_reported() -> None:
    bib = ("@book{a, title = {A}, crossref = {b}}\n@book{b, title = {B}, year = 1,"
           " crossref = {a}}\n@book{c, title = {C}, crossref = {c}}\n"
           "@book{d, title = {D}, crossref = {nowhere}}\n")
    records = {r.key: r for r in resolve_records(parse_string(bib).records)}
    assert "year" not in records["a"]
    links = sorted((link.record.key, link.problem) for link in broken_links(
        parse_string(bib).records))
    assert links == [("a", "cycle"), ("b", "cycle"), ("c", "self"), ("d", "missing")]
    found = sorted((f.code, f.key) for f in validate(parse_string(bib, "x.bib"))
                   if f.code in ("BB205", "BB207"))
    assert found == [("BB205", "d"), ("BB207", "a"), ("BB207", "b"), ("BB207", "c")]


def test_exports_and_formatting_use_the_resolved_view(tmp_path: Path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(BIB)
    result = run_cli("export", "-f", "csl-json", bib)
    items = {item["id"]: item for item in json.loads(result.stdout)}
    assert items["paper"]["container-title"] == "Proceedings of Things"
    assert items["paper"]["issued"] == {"date-parts": [[1999]]}
    assert items["piece"]["container-title"] == "The Journal"
    formatted = run_cli("format", "--style", "apa", "--keys", "paper", bib)
    assert "Proceedings of Things" in formatted.stdout and "1999" in formatted.stdout


XDATA = r"""
@xdata{hup, publisher = {Harvard University Press}, location = {Cambridge, Mass.},
  note = {From hup}, ids = {hup-alias}}
@xdata{belknap-2000, xdata = {hup}, year = 2000, publisher = {Belknap Press}}
@book{book, author = {Doe, Jane}, title = {A Book}, xdata = {belknap-2000},
  location = {Boston}}
@inproceedings{paper, author = {Roe, Rick}, title = {A Paper}, crossref = {procs},
  xdata = {when}}
@xdata{when, year = 1999, booktitle = {From Xdata}}
@proceedings{procs, title = {Proceedings of Things}, year = 1980, xdata = {hup}}
"""


def test_xdata_fields_are_inherited_as_they_are_and_nested() -> None:
    fields = _fields(XDATA, "book")
    assert (fields["year"], fields["note"]) == ("2000", "From hup")  # nested containers
    assert fields["publisher"] == "Belknap Press"  # the nearer container's field wins
    assert fields["location"] == "Boston"  # the entry's own field is never replaced
    assert "ids" not in fields and fields["xdata"] == "belknap-2000"


def test_xdata_comes_before_crossref_and_reaches_the_parent() -> None:
    fields = _fields(XDATA, "paper")
    assert (fields["year"], fields["booktitle"]) == ("1999", "From Xdata")
    assert fields["publisher"] == "Harvard University Press"  # the parent's xdata, via crossref


def test_xdata_containers_are_not_exported_and_their_fields_satisfy_validation(
        tmp_path: Path) -> None:
    assert "hup" not in resolve(parse_string(XDATA)).keys
    bib = tmp_path / "x.bib"
    bib.write_text(XDATA)
    items = {item["id"]: item for item in json.loads(
        run_cli("export", "-f", "csl-json", bib).stdout)}
    assert sorted(items) == ["book", "paper", "procs"]
    assert items["book"]["publisher"] == "Belknap Press"
    assert items["book"]["issued"] == {"date-parts": [[2000]]}
    formatted = run_cli("format", "--style", "apa", "--keys", "book", bib)
    assert "Belknap Press" in formatted.stdout
    bare = ("@book{b, author = {Doe, J.}, title = {T}, xdata = {x}}\n"
            "@xdata{x, year = 1, publisher = {P}}\n")
    assert "BB201" not in {f.code for f in validate(parse_string(bare, "x.bib"))}
    codes = {f.code for f in validate(parse_string(bare.replace("year", "note"), "x.bib"))}
    assert "BB201" in codes  # without the container's year, @book needs one


def test_xdata_cycles_missing_and_self_references_are_reported() -> None:
    bib = ("@xdata{a, note = {A}, xdata = {b}}\n@xdata{b, year = 1, xdata = {a}}\n"
           "@book{c, title = {C}, author = {X, Y}, year = 2, xdata = {c, nowhere, a}}\n")
    records = {r.key: r for r in resolve_records(parse_string(bib).records)}
    assert "year" not in records["a"] and "note" not in records["b"]
    assert records["c"].get("note") == "A"  # a cycle among the containers, not through c
    links = sorted((link.record.key, link.target, link.problem)
                   for link in broken_links(parse_string(bib).records))
    assert links == [("a", "b", "cycle"), ("b", "a", "cycle"), ("c", "c", "self"),
                     ("c", "nowhere", "missing")]
    found = sorted((f.code, f.key) for f in validate(parse_string(bib, "x.bib"))
                   if f.code in ("BB205", "BB207"))
    assert found == [("BB205", "c"), ("BB207", "a"), ("BB207", "b"), ("BB207", "c")]


def test_an_xdata_container_may_hold_any_field() -> None:
    bib = ("@xdata{x, journaltitle = {J}, booktitle = {B}, school = {S}}\n"
           "@article{a, author = {Doe, J.}, title = {T}, year = 2001, xdata = {x}}\n")
    assert [f.code for f in validate(parse_string(bib, "x.bib")) if f.code == "BB202"] == []
