"""Loading and saving reproduces a file byte for byte; edits touch only their fields."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from balint_bib import FieldEdit, InputError, UsageError, parse_file, parse_string, to_string
from balint_bib.dataset import references_path
from balint_bib.files import atomic_write
from tests.support.tools import FIXTURES


@pytest.mark.parametrize("path", [references_path(), FIXTURES / "roundtrip.bib"],
                         ids=["dataset", "fixture"])
def test_save_is_byte_identical(path: Path, tmp_path: Path) -> None:
    bibliography = parse_file(path)
    assert not bibliography.problems
    out = tmp_path / "out.bib"
    atomic_write(out, to_string(bibliography))
    assert out.read_bytes() == path.read_bytes()


def test_crlf_and_bom_survive(tmp_path: Path) -> None:
    data = "\ufeff@misc{A,\r\n  title = {x},\r\n}\r\n".encode()
    path = tmp_path / "crlf.bib"
    path.write_bytes(data)
    out = tmp_path / "out.bib"
    atomic_write(out, to_string(parse_file(path)))
    assert out.read_bytes() == data


def test_fixture_values_are_read() -> None:
    bibliography = parse_file(FIXTURES / "roundtrip.bib")
    article = bibliography["Scheingold1988"]
    assert article.entry_type == "article"
    assert article.get("journal") == "The Journal of Family Practice"
    assert article.get("volume") == "26" and article.get("number") == "3"
    assert article.text("pages") == "315–320"
    assert article.get("x-unknown") == "kept as it is"
    assert article.line == 10 and article.field("pages").line == 16
    book = bibliography["Balint1957"]
    assert book.get("year") == "1957" and book.get("month") == "April"
    assert bibliography["Corporate"].names()[0].is_corporate
    assert bibliography.strings == {"jfp": "The Journal of Family Practice",
                                    "fm": "Family Medicine"}


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                   lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_adding_a_field_changes_only_that_line() -> None:
    bibliography = parse_file(FIXTURES / "roundtrip.bib")
    after = to_string(bibliography, [FieldEdit("Scheingold1988", "pmid", "3346633")])
    assert _changed_lines(bibliography.text, after) == ["+\tpmid      = {3346633},"]
    assert parse_string(after)["Scheingold1988"].get("pmid") == "3346633"


def test_replacing_a_value_keeps_its_line_layout() -> None:
    bibliography = parse_file(FIXTURES / "roundtrip.bib")
    after = to_string(bibliography, [FieldEdit("Scheingold1988", "volume", "27")])
    assert _changed_lines(bibliography.text, after) == [
        '-\tvolume    = "26", number={3},', "+\tvolume    = {27}, number={3},"]


def test_adding_after_a_last_field_without_comma() -> None:
    bibliography = parse_file(FIXTURES / "roundtrip.bib")
    after = to_string(bibliography, [FieldEdit("Balint1957", "isbn", "X")])
    reparsed = parse_string(after)
    assert not reparsed.problems
    assert reparsed["Balint1957"].get("isbn") == "X"
    assert reparsed["Balint1957"].get("month") == "April"
    assert _changed_lines(bibliography.text, after)[-1] == "+  isbn = {X},"


def test_editing_an_unknown_entry_is_an_error() -> None:
    bibliography = parse_file(FIXTURES / "roundtrip.bib")
    with pytest.raises(InputError, match="Nope"):
        to_string(bibliography, [FieldEdit("Nope", "doi", "10.1/x")])


def test_atomic_write_leaves_old_file_when_writing_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.bib"
    path.write_text("old")

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("balint_bib.files.os.fsync", disk_full)
    with pytest.raises(UsageError, match="No space"):
        atomic_write(path, "new content")
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bib"]


def test_atomic_write_gives_new_files_the_usual_mode_and_keeps_old_modes(tmp_path: Path) -> None:
    import os

    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.html"
        atomic_write(new, "x")
        assert new.stat().st_mode & 0o777 == 0o644
        old = tmp_path / "old.sh"
        old.write_text("x")
        old.chmod(0o750)
        atomic_write(old, "y")
        assert old.stat().st_mode & 0o777 == 0o750
    finally:
        os.umask(umask)


@pytest.mark.parametrize("text", [
    "@article{k,\r\n  author = {Doe, J.},\r\n  title  = {T},\r\n}\r\n",  # last field with comma
    "@article{k,\r\n  author = {Doe, J.},\r\n  title  = {T}\r\n}\r\n",  # without
    "@article{k,\r\n}\r\n",  # no fields
])
def test_editing_a_crlf_file_keeps_crlf_and_the_untouched_lines_bytes(text: str) -> None:
    bibliography = parse_string(text, "crlf.bib")
    edited = to_string(bibliography, [FieldEdit("k", "doi", "10.1000/x"),
                                      FieldEdit("k", "year", "2001")])
    assert "\n" not in edited.replace("\r\n", "")  # every line ends with CRLF
    new_lines = edited.split("\r\n")
    assert [line for line in text.split("\r\n") if line not in new_lines] == []
    assert parse_string(edited)["k"].get("doi") == "10.1000/x"
    assert parse_string(edited)["k"].get("year") == "2001"
