"""Inside a checkout the commands use its data/, whatever copy is installed; every command
that falls back on the default dataset names it; an installed copy is never written."""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

import pytest

from balint_bib import UsageError
from balint_bib.dataset import checkout_root, references_path
from balint_bib.files import atomic_write
from tests.support.tools import REPO, run_cli


def _checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "docs").mkdir()
    return root


def test_a_checkout_s_edit_is_what_validate_and_list_see(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    bib = root / "data" / "references.bib"
    text = bib.read_text()
    bib.write_text(text.replace("year      = {1964}", "year      = {19x4}", 1)
                   if "year      = {1964}" in text else text.replace("1964}", "19x4}", 1))
    result = run_cli("validate", "--select", "BB401", cwd=root / "docs")  # from a subfolder
    assert result.returncode == 1, result.stdout
    assert "BB401" in result.stdout
    assert f"balint-bib: dataset: {bib}" in result.stderr
    listed = run_cli("list", cwd=root)
    assert f"balint-bib: dataset: {bib}" in listed.stderr


def test_outside_a_checkout_the_installed_data_is_named(tmp_path: Path) -> None:
    result = run_cli("list", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stderr.startswith("balint-bib: dataset: ")
    assert "references.bib" in result.stderr


def test_checkout_root_needs_the_project_s_own_pyproject(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "references.bib").write_text("")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert checkout_root(tmp_path) is None
    assert checkout_root(_checkout(tmp_path) / "docs") == tmp_path / "checkout"


def test_in_place_into_site_packages_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    """What `pip install .` then `enrich --in-place` outside a checkout would do."""
    installed = Path(sysconfig.get_paths()["purelib"]) / "balint_bib" / "data" / "x.bib"
    with pytest.raises(UsageError, match="refusing to write inside an installed package"):
        atomic_write(installed, "x")
    assert references_path().is_file()
