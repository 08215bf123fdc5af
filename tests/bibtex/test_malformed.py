"""Bad input: one clear line naming file, line and entry; exit 1 (data) or 2 (usage);
no traceback; nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from balint_bib import InputError, parse_file, parse_string
from balint_bib.bibtex.reader import read_text
from balint_bib.errors import UsageError
from tests.support.tools import FIXTURES, run_cli

MALFORMED = FIXTURES / "malformed"

# file → (exit code, text the one-line message must contain: line, entry, what)
CASES = {
    "unbalanced-braces.bib": (1, ["unbalanced-braces.bib:6:", "unbalanced braces"]),
    "unterminated-string.bib": (1, ["unterminated-string.bib:1:", "unterminated quoted string"]),
    "duplicate-keys.bib": (1, [":5:", "entry 'Same2000'", "first defined at line 1"]),
    "duplicate-keys-case.bib": (1, [":2:", "entry 'case2000'", "duplicate citation key"]),
    "missing-key.bib": (1, ["missing-key.bib:1:", "no citation key"]),
    "missing-key-field-first.bib": (1, [":1:", "no citation key"]),
    "undefined-macro.bib": (1, [":4:", "entry 'Macro1988'", "undefined @string macro 'jfpp'"]),
    "duplicate-field.bib": (1, [":3:", "entry 'Twice2004'", "field 'title' appears more"]),
    "dangling-concatenation.bib": (1, [":2:", "entry 'Dangling2004'", "ends with '#'"]),
    "latin1.bib": (1, ["latin1.bib:2:", "not UTF-8"]),
    "binary.bib": (1, ["binary.bib:", "binary data"]),
    "utf16.bib": (1, ["utf16.bib:1:", "UTF-16"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_file_gives_one_clear_line(name: str, tmp_path: Path) -> None:
    code, fragments = CASES[name]
    source = MALFORMED / name
    before = source.read_bytes()
    out = tmp_path / "out.bib"
    result = run_cli("export", "--format", "bibtex", source, "-o", out)
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("balint-bib: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists(), "nothing may be written for bad input"
    assert source.read_bytes() == before


def test_existing_output_survives_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "out.bib"
    out.write_text("precious\n")
    result = run_cli("export", "-f", "bibtex", MALFORMED / "undefined-macro.bib", "-o", out)
    assert result.returncode == 1
    assert out.read_text() == "precious\n"
    assert list(tmp_path.iterdir()) == [out], "no temporary file may be left behind"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["list", "does-not-exist.bib"], "does-not-exist.bib: no such file"),
        (["list", "."], "is a directory"),
        (["export", "-f", "no-such-format"], "unknown export format 'no-such-format'"),
        (["list", "--section", "99"], "no section '99'"),
        (["show", "Balint1957x"], "no entry 'Balint1957x'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str, tmp_path: Path) -> None:
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("syllabus", "fragment"),
    [
        ("unknown-key.toml", "unknown-key.toml:4: entry 'Nope1999': syllabus names unknown "
                             "entry 'Nope1999'"),
        ("not-toml.toml", "not-toml.toml: not valid TOML"),
    ],
)
def test_bad_syllabus(syllabus: str, fragment: str, tmp_path: Path) -> None:
    out = tmp_path / "x.bib"
    result = run_cli("export", "-f", "bibtex", MALFORMED / "good.bib",
                     "--syllabus", MALFORMED / syllabus, "-o", out)
    assert result.returncode == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_reader_keeps_going_and_reports_every_problem() -> None:
    text = (MALFORMED / "unbalanced-braces.bib").read_text()
    bibliography = parse_string(text + "\n@misc{Later, title = {x}, howpublished = {y}}\n")
    assert [p.code for p in bibliography.problems] == ["BB102"]
    assert "Good2001" in bibliography.keys


def test_deeply_nested_braces_do_not_crash(tmp_path: Path) -> None:
    depth = 20_000
    path = tmp_path / "deep.bib"
    path.write_text("@misc{Deep, title = {" + "{" * depth + "x" + "}" * depth + "}}\n")
    record = parse_file(path)["Deep"]
    assert record.text("title") is not None


def test_deep_nesting_unbalanced_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.bib"
    path.write_text("@misc{Deep, title = {" + "{" * 50_000 + "x}}\n")
    with pytest.raises(InputError) as caught:
        parse_file(path).raise_for_problems()
    assert caught.value.line == 1


def test_ten_megabyte_field(tmp_path: Path) -> None:
    path = tmp_path / "huge.bib"
    path.write_text("@misc{Huge,\n  note = {" + "x" * 10_000_000 + "},\n  title = {T},\n}\n")
    record = parse_file(path)["Huge"]
    assert len(record.get("note") or "") == 10_000_000
    assert record.field("title").line == 3


def test_missing_file_and_directory_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_text(tmp_path / "nope.bib")
    with pytest.raises(UsageError):
        read_text(tmp_path)


@pytest.mark.parametrize("command", [["export", "-f", "bibtex", "-o"], ["format", "--style",
                                     "apa", "-o"], ["build", "--out"]])
def test_an_output_that_cannot_be_written_is_one_line(command: list[str],
                                                      tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.txt"
    if command[0] == "build":
        (tmp_path / "file").write_text("a file, not a folder")
        target = tmp_path / "file" / "site"
    result = run_cli(*command, target)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and errors[0].startswith("balint-bib: error: ")  # after progress
    assert "cannot" in errors[0] and str(target) in errors[0]


@pytest.mark.parametrize(("content", "fragment"), [
    (b'title = "T\xe9"\n[[sections]]\ntitle = "S"\nkeys = []\n', "not UTF-8"),
    (b'title = "T"\n[[sections]]\ntitle = "S"\ndescription = 5\nkeys = ["Good2001"]\n',
     "'description' must be a string"),
    (b'title = "T"\nintroduction = ["x"]\n[[sections]]\ntitle = "S"\nkeys = []\n',
     "'introduction' must be a string"),
])
@pytest.mark.parametrize("command", [["validate", "--syllabus"], ["format", "--style", "apa",
                                                                  "--syllabus"]])
def test_bad_syllabus_values_are_one_line(content: bytes, fragment: str, command: list[str],
                                          tmp_path: Path) -> None:
    syllabus = tmp_path / "bad.toml"
    syllabus.write_bytes(content)
    result = run_cli(*command, syllabus, MALFORMED / "good.bib")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert fragment in result.stdout + result.stderr  # validate: a finding; format: an error


def test_a_redefined_string_is_accepted_and_the_last_definition_wins() -> None:
    text = '@string{j = "First"}\n@String{J = "Second"}\n@string{j = "Third"}\n' \
           '@misc{k, title = j}\n'
    bibliography = parse_string(text, "x.bib")
    assert bibliography["k"].get("title") == "Third"
    assert [(p.code, p.severity.value, p.line) for p in bibliography.problems] == [
        ("BB111", "info", 2), ("BB111", "info", 3)]
    bibliography.raise_for_problems()  # info only: the file is readable


def test_fields_after_a_brace_too_many_are_an_error_at_their_line() -> None:
    text = ("@article{k, author = {Doe, J.}, title = {T}},\n  journal = {J},\n  year = 2000}\n"
            "% a comment: see x = y\n@misc{m, title = {x}}\n")
    bibliography = parse_string(text, "x.bib")
    assert bibliography.keys == ("k", "m")
    [problem] = bibliography.problems
    assert (problem.code, problem.line, problem.key) == ("BB112", 2, "k")
    assert "'journal' outside any entry" in problem.message
    with pytest.raises(InputError):
        bibliography.raise_for_problems()


def test_prose_between_entries_is_not_mistaken_for_fields() -> None:
    text = ("This file lists papers; see also: x = y.\nVersion = 2 of the list\n"
            "@misc{m, title = {x}}\n")
    assert parse_string(text, "x.bib").problems == ()


def test_a_key_with_a_line_break_or_control_character_is_refused() -> None:
    text = ("@misc{foo\nER  - \nTY  - JOUR, title = {x}}\n@misc{tab\tkey, title = {y}}\n"
            "@misc{fine, title = {z}}\n")
    bibliography = parse_string(text, "x.bib")
    assert bibliography.keys == ("fine",)
    assert [(p.code, p.line) for p in bibliography.problems] == [("BB101", 1), ("BB101", 4)]
    assert all("\n" not in p.message and "\t" not in p.message for p in bibliography.problems)


def test_a_record_cannot_be_built_with_an_unsafe_key() -> None:
    from balint_bib.bibtex.model import Record

    with pytest.raises(ValueError):
        Record("x\nER  - ", "misc", ())


def test_lines_stay_right_after_a_backslash_at_the_end_of_a_line() -> None:
    # `\\` before a line end (TUGboat's `\TeX\` + newline) made bibtexparser's lines drift.
    text = ('@misc{a, title = "{\\TeX\\\n  output}", howpublished = {h}}\n\n'
            '@misc{b,\n  title = {B}, oops\n}\n@misc{c, title = {C}}\n')
    bibliography = parse_string(text, "x.bib")
    assert bibliography["c"].line == 7
    assert [p.line for p in bibliography.problems] == [4]
