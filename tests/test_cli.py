"""The CLI as users run it: after `pip install .`, from any directory."""

from __future__ import annotations

from pathlib import Path

from balint_bib import __version__, load, parse_file
from tests.support.tools import FIXTURES, run_cli


def test_list_prints_every_entry_from_any_directory(tmp_path: Path) -> None:
    result = run_cli("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(load().keys)
    kjeldmand = next(line for line in lines if line.startswith("Kjeldmand2004"))
    assert kjeldmand.split()[1:4] == ["article", "2004", "Kjeldmand"]
    assert kjeldmand.endswith("Balint training makes GPs thrive better in their job")


def test_version(tmp_path: Path) -> None:
    result = run_cli("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"balint-bib, version {__version__}"


def test_list_filters_by_keyword_and_section(tmp_path: Path) -> None:
    by_keyword = run_cli("list", "--keyword", "Group Leadership", cwd=tmp_path)
    keys = [line.split()[0] for line in by_keyword.stdout.splitlines()]
    assert keys == ["Balint1964", "Salinsky2003", "Brock1985", "Milberg1993", "Johnson2004",
                    "ABSLeaderTraining"]
    by_section = run_cli("list", "--section", "web", cwd=tmp_path)
    assert [line.split()[0] for line in by_section.stdout.splitlines()] == [
        "ABSWebsite", "BSANZWebsite", "BalintSocietyWebsite"]
    by_number = run_cli("list", "--section", "1", "--syllabus", "residents-reading-list",
                        cwd=tmp_path)
    assert [line.split()[0] for line in by_number.stdout.splitlines()] == [
        "ABS2007WhatToExpect", "Salinsky2003", "MargoMargo"]


def test_list_any_file() -> None:
    result = run_cli("list", FIXTURES / "roundtrip.bib")
    assert [line.split()[0] for line in result.stdout.splitlines()] == [
        "Scheingold1988", "Balint1957", "Corporate"]


def test_show_decodes_and_locates(tmp_path: Path) -> None:
    result = run_cli("show", "Kjeldmand2004", cwd=tmp_path)
    assert result.returncode == 0
    assert "references.bib:" in result.stdout.splitlines()[0]
    assert "Kjeldmand, Dorte; Holmström, Inger; Rosenqvist, U." in result.stdout
    assert "230–235" in result.stdout
    raw = run_cli("show", "Kjeldmand2004", "--raw", cwd=tmp_path)
    assert "Holmstr{\\\"o}m" in raw.stdout and raw.stdout.startswith("@article{Kjeldmand2004,")


def test_export_bibtex_writes_a_file_the_reader_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "clean.bib"
    result = run_cli("export", "--format", "bibtex", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    exported = parse_file(out)
    assert not exported.problems
    assert exported.keys == load().keys
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.bib"]  # no temporary left


def test_ci_runs_against_the_installed_wheel(tmp_path: Path) -> None:
    """In CI the package is installed with `pip install .`: the dataset must come from the
    wheel (importlib.resources), not from the source tree next to the tests. Asked in a fresh
    interpreter outside the checkout, since pytest puts the checkout first on sys.path."""
    import json
    import os
    import subprocess
    import sys

    probe = (
        "import json, balint_bib; from balint_bib.dataset import references_path; "
        "print(json.dumps([balint_bib.__file__, str(references_path())]))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    module_file, references = json.loads(result.stdout)
    package_dir = Path(module_file).parent
    assert Path(references).is_file()
    if os.environ.get("CI"):  # outside CI the package may be an editable install
        assert "site-packages" in str(package_dir)
        assert Path(references).is_relative_to(package_dir)
