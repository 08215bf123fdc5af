"""Syllabi that attack the reader: nesting beyond the recursion limit, many unknown keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from balint_bib import InputError
from balint_bib.syllabus import parse_syllabus
from balint_bib.validate import validate_files
from tests.support.tools import run_cli

DEEP = 'title = "t"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n"


def test_toml_nested_100000_deep_is_one_error_line(tmp_path: Path) -> None:
    syllabus = tmp_path / "deep.toml"
    syllabus.write_text(DEEP)
    with pytest.raises(InputError, match="nested too deeply"):
        parse_syllabus(DEEP, "deep", str(syllabus))
    result = run_cli("export", "-f", "bibtex", "--syllabus", syllabus, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (f"balint-bib: error: {syllabus}: not valid TOML: arrays or "
                             "tables nested too deeply\n")


def test_a_deep_provenance_sidecar_is_a_finding(tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@misc{A,\n  title = {t},\n  howpublished = {Web page},\n}\n")
    (tmp_path / "a.sources.toml").write_text(DEEP)
    report = validate_files([bib], profile="dataset", config_dir=tmp_path)
    assert any(f.code == "BB508" and "nested too deeply" in f.message for f in report.findings)


def test_unknown_keys_are_found_on_their_own_lines(tmp_path: Path) -> None:
    bib = tmp_path / "a.bib"
    bib.write_text("@misc{Known,\n  title = {t},\n  howpublished = {Web page},\n}\n")
    keys = ",\n".join(f'"Missing{n}"' for n in range(3000))
    syllabus = tmp_path / "s.toml"
    syllabus.write_text(f'title = "t"\n[[sections]]\ntitle = "s"\nkeys = [\n"Known",\n{keys}\n]\n')
    report = validate_files([bib], syllabi=[str(syllabus)], profile="generic",
                            config_dir=tmp_path)
    lines = {f.key: f.line for f in report.findings if f.code == "BB505"}
    assert len(lines) == 3000
    assert lines["Missing0"] == 6 and lines["Missing2999"] == 3005
