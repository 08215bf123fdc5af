"""`--syllabus` narrows `export` (every format) and `list` to that syllabus's entries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from balint_bib import load_syllabus
from tests.support.tools import run_cli

SYLLABUS = "residents-reading-list"
# How each format starts an entry, and where its key is.
ENTRY_KEYS = {
    "ris": re.compile(r"^ID  - (\S+)", re.M),
    "bibtex": re.compile(r"^@\w+\{([^,]+),", re.M),
    "biblatex": re.compile(r"^@\w+\{([^,]+),", re.M),
    "zotero-rdf": re.compile(r"Citation Key: ([^\s<]+)"),
}


def _keys(format_name: str, text: str) -> list[str]:
    if format_name == "csl-json":
        return [item["id"] for item in json.loads(text)]
    return ENTRY_KEYS[format_name].findall(text)


@pytest.mark.parametrize("format_name", ["ris", "bibtex", "biblatex", "csl-json", "zotero-rdf"])
def test_export_holds_only_the_syllabus_entries(format_name: str, tmp_path: Path) -> None:
    result = run_cli("export", "--format", format_name, "--syllabus", SYLLABUS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    wanted = set(load_syllabus(SYLLABUS).keys)
    assert len(wanted) == 8
    assert sorted(_keys(format_name, result.stdout)) == sorted(wanted)


def test_export_without_syllabus_holds_everything(tmp_path: Path) -> None:
    result = run_cli("export", "--format", "csl-json", cwd=tmp_path)
    assert len(json.loads(result.stdout)) == 22


def test_list_syllabus_filters(tmp_path: Path) -> None:
    result = run_cli("list", "--syllabus", SYLLABUS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    keys = [line.split()[0] for line in result.stdout.splitlines()]
    assert sorted(keys) == sorted(load_syllabus(SYLLABUS).keys)


@pytest.mark.parametrize("command", [("list",), ("export", "--format", "ris")])
def test_unknown_syllabus_is_a_usage_error(command: tuple[str, ...], tmp_path: Path) -> None:
    result = run_cli(*command, "--syllabus", "no-such-course", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown syllabus 'no-such-course'" in result.stderr
    assert "residents-reading-list" in result.stderr
    assert "Traceback" not in result.stderr
