"""`--lenient` on export, format and build: the readable entries, the rest on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.tools import run_cli

BROKEN = """@article{Good2001, author = {Doe, Jane}, title = {Kept}, journal = {J}, year = 2001}
@article{good2001, author = {Roe, Rick}, title = {Case-only duplicate}, journal = {J},
  year = 2002}
@article{Macro2003, author = {Poe, Ann}, title = undefinedmacro, journal = {J}, year = 2003}
@article{Broken, title = {never closed, year = 2004
"""


def _write(tmp_path: Path) -> Path:
    bib = tmp_path / "broken.bib"
    bib.write_text(BROKEN)
    return bib


def test_without_lenient_a_defect_blocks_the_file(tmp_path: Path) -> None:
    result = run_cli("export", "-f", "csl-json", _write(tmp_path))
    assert result.returncode == 1 and result.stdout == ""
    assert "duplicate citation key" in result.stderr


def test_lenient_export_writes_the_readable_entries_and_reports_each_block(
        tmp_path: Path) -> None:
    bib = _write(tmp_path)
    result = run_cli("export", "--lenient", "-f", "csl-json", bib)
    assert result.returncode == 1, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)] == ["Good2001", "Macro2003"]
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{bib}:2: entry 'good2001': skipped: duplicate citation key "
                        "(first defined at line 1)")
    assert lines[1].startswith(f"{bib}:4: entry 'Macro2003': kept as written: undefined")
    assert lines[2].startswith(f"{bib}:5: entry 'Broken': skipped: ")  # the head still names it
    assert len(lines) == 3 and "Traceback" not in result.stderr


def test_lenient_format_and_build_write_too(tmp_path: Path) -> None:
    bib = _write(tmp_path)
    formatted = run_cli("format", "--lenient", "--style", "apa", bib)
    assert formatted.returncode == 1 and "Kept" in formatted.stdout
    assert "Case-only duplicate" not in formatted.stdout
    syllabus = tmp_path / "course.toml"
    syllabus.write_text('title = "Course"\n[[sections]]\ntitle = "All"\n'
                        'keys = ["Good2001", "Macro2003"]\n')
    built = run_cli("build", "--lenient", bib, "--syllabus", syllabus,
                    "--styles", "apa", "--out", tmp_path / "site", timeout=300)
    assert built.returncode == 1, built.stderr
    assert (tmp_path / "site" / "index.html").exists()


def test_lenient_on_a_clean_file_exits_0(tmp_path: Path) -> None:
    bib = tmp_path / "clean.bib"
    bib.write_text(BROKEN.split("\n@article{good2001")[0] + "\n")
    result = run_cli("export", "--lenient", "-f", "ris", bib)
    assert result.returncode == 0 and result.stderr == ""
