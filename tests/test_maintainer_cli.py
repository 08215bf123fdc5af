"""The maintainer's command line: --quiet, build of any file, list --keyword, styles
--search by title, error lines in the README's form, shell completion."""

from __future__ import annotations

from pathlib import Path

from tests.support.tools import FIXTURES, run_cli

VALIDATE = FIXTURES / "validate"


def test_quiet_validate_prints_only_what_fails(tmp_path: Path) -> None:
    warning_only = run_cli("validate", "--quiet", VALIDATE / "BB423.bib", cwd=tmp_path)
    assert (warning_only.returncode, warning_only.stdout, warning_only.stderr) == (0, "", "")
    failing = run_cli("validate", "-q", VALIDATE / "BB101.bib", cwd=tmp_path)
    assert failing.returncode == 1 and "BB101" in failing.stdout
    assert "errors," not in failing.stdout  # no summary line
    bundled = run_cli("validate", "--quiet", cwd=tmp_path)
    assert (bundled.returncode, bundled.stdout, bundled.stderr) == (0, "", "")


def test_quiet_export_and_build_say_nothing(tmp_path: Path) -> None:
    export = run_cli("export", "-f", "ris", "--quiet", "-o", tmp_path / "x.ris", cwd=tmp_path)
    assert (export.returncode, export.stdout, export.stderr) == (0, "", "")
    build = run_cli("build", FIXTURES / "roundtrip.bib", "--out", tmp_path / "site",
                    "--styles", "apa", "--quiet", cwd=tmp_path)
    assert (build.returncode, build.stdout, build.stderr) == (0, "", "")


def test_build_of_a_file_without_a_syllabus_makes_one_section(tmp_path: Path) -> None:
    mine = tmp_path / "mine.bib"
    mine.write_text((FIXTURES / "roundtrip.bib").read_text())
    result = run_cli("build", mine, "--out", tmp_path / "site", "--styles", "apa",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "mine.html").read_text()
    assert "All entries" in page and "The Doctor, His Patient and the Illness" in page


def test_styles_search_reads_titles(tmp_path: Path) -> None:
    by_words = run_cli("styles", "--search", "American Medical Association", cwd=tmp_path)
    assert by_words.returncode == 0, by_words.stderr
    assert "american-medical-association" in by_words.stdout.split()
    by_title = run_cli("styles", "--search", "Manual of Style", cwd=tmp_path)
    names = by_title.stdout.split()
    assert "chicago-author-date" in names  # "Chicago Manual of Style 17th edition …"
    nothing = run_cli("styles", "--search", "no such style anywhere", cwd=tmp_path)
    assert nothing.returncode == 2
    assert nothing.stderr == ("balint-bib: error: no style name or title contains "
                              "'no such style anywhere'\n")


def test_list_keyword_whole_case_insensitive_or_substring(tmp_path: Path) -> None:
    bib = tmp_path / "k.bib"
    bib.write_text("@misc{A,\n  title = {a},\n  howpublished = {x},\n"
                   "  keywords = {Group Leadership, Burnout},\n}\n"
                   "@misc{B,\n  title = {b},\n  howpublished = {x},\n"
                   "  keywords = {Leadership},\n}\n")
    whole = run_cli("list", bib, "--keyword", "group  LEADERSHIP", cwd=tmp_path)
    assert [line.split()[0] for line in whole.stdout.splitlines()] == ["A"]
    assert whole.stderr == ""
    part = run_cli("list", bib, "--keyword", "leader", "--substring", cwd=tmp_path)
    assert [line.split()[0] for line in part.stdout.splitlines()] == ["A", "B"]
    none = run_cli("list", bib, "--keyword", "leader", cwd=tmp_path)
    assert none.returncode == 0 and none.stdout == ""
    assert none.stderr == "balint-bib: no entries with keyword 'leader'\n"


def test_click_usage_errors_are_one_line(tmp_path: Path) -> None:
    for args, message in [
        (("list", "--nope"), "No such option '--nope' (see 'balint-bib list --help')"),
        (("frobnicate",), "No such command 'frobnicate' (see 'balint-bib --help')"),
        (("export",), "Missing option '--format' / '-f' (see 'balint-bib export --help')"),
    ]:
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == f"balint-bib: error: {message}\n"


def test_parse_errors_name_file_line_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bib"
    bad.write_text("@misc{Fine,\n  title = {x},\n}\n\n@article{Broken2004,\n"
                   "  title = {unclosed,\n  year = 2004,\n}\n")
    result = run_cli("list", bad, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (f"balint-bib: error: {bad}:5: entry 'Broken2004': @article block: "
                             "unbalanced braces (1 '{' never closed)\n")


def test_no_arguments_is_the_help(tmp_path: Path) -> None:
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("Usage: balint-bib")


def _complete(tmp_path: Path, *words: str) -> list[str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_BALINT_BIB_COMPLETE": "bash_complete",
           "COMP_WORDS": " ".join(("balint-bib", *words)), "COMP_CWORD": str(len(words))}
    result = subprocess.run([sys.executable, "-m", "balint_bib"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines()]


def test_shell_completion_of_formats_and_styles(tmp_path: Path) -> None:
    assert _complete(tmp_path, "export", "--format", "r") == ["ris"]
    assert "zotero-rdf" in _complete(tmp_path, "export", "--format", "")
    assert "american-medical-association" in _complete(tmp_path, "format", "--style", "americ")
    assert "apa,vancouver" in _complete(tmp_path, "build", "--styles", "apa,vanc")
    assert _complete(tmp_path, "validate", "--format", "") == ["text", "json"]
