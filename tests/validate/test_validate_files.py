"""`validate_files`: the validation pipeline as one library call, without the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from balint_bib.errors import UsageError
from balint_bib.validate import Report, validate_files
from tests.support.tools import FIXTURES

VALIDATE = FIXTURES / "validate"
MALFORMED = FIXTURES / "malformed"


def _codes(report: Report) -> list[str]:
    return [finding.code for finding in report.findings]


def test_a_clean_file_gives_an_empty_report(tmp_path: Path) -> None:
    report = validate_files([VALIDATE / "clean.bib"], config_dir=tmp_path)
    assert report.findings == [] and report.exit_code == 0
    assert report.summary.files == [(str(VALIDATE / "clean.bib"), 5)]


def test_undecodable_and_unreadable_files_are_findings(tmp_path: Path) -> None:
    """The reader decides what cannot be read; validation only reports it (BB110)."""
    report = validate_files([MALFORMED / "latin1.bib", MALFORMED / "utf16.bib",
                             VALIDATE / "clean.bib"], config_dir=tmp_path)
    assert _codes(report) == ["BB110", "BB110"]
    assert report.findings[0].line is not None and "not UTF-8" in report.findings[0].message
    assert "UTF-16" in report.findings[1].message
    assert [entries for _, entries in report.summary.files] == [0, 0, 5]
    assert report.exit_code == 1


def test_a_bad_request_raises_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        validate_files([tmp_path / "missing.bib"], config_dir=tmp_path)
    with pytest.raises(UsageError, match="is a directory"):
        validate_files([tmp_path], config_dir=tmp_path)
    with pytest.raises(UsageError, match="unknown rule code"):
        validate_files([VALIDATE / "clean.bib"], select="BB999", config_dir=tmp_path)


def test_strict_selection_and_configuration(tmp_path: Path) -> None:
    assert validate_files([VALIDATE / "BB405.bib"], config_dir=tmp_path).exit_code == 0
    strict = validate_files([VALIDATE / "BB405.bib"], strict=True, config_dir=tmp_path)
    assert _codes(strict) == ["BB405"] and strict.exit_code == 1
    (tmp_path / "pyproject.toml").write_text(
        '[tool.balint-bib.validate]\nignore = ["BB405"]\n', encoding="utf-8")
    assert _codes(validate_files([VALIDATE / "BB405.bib"], config_dir=tmp_path)) == []


def test_online_uses_the_injected_lookup(tmp_path: Path) -> None:
    asked: list[str] = []

    def lookup(doi: str) -> dict[str, Any] | None:
        asked.append(doi)
        return None

    offline = validate_files([VALIDATE / "BB601.bib"], lookup_doi=lookup, config_dir=tmp_path)
    assert asked == [] and "BB601" not in _codes(offline)
    online = validate_files([VALIDATE / "BB601.bib"], online=True, lookup_doi=lookup,
                            config_dir=tmp_path)
    assert asked and "BB601" in _codes(online)
