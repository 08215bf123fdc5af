"""Keys BibTeX reads are exported as they are; no key can break a record of any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from balint_bib.registry import EXPORTERS
from tests.support.tools import run_cli

KEYS = "@misc{Dobrovol'skii_1963, title = {A}, howpublished = {h}}\n" \
       "@misc{paren(x), title = {B}, howpublished = {h}}\n" \
       "@misc{M\u00fcller:2000/a~b, title = {C}, howpublished = {h}}\n"


@pytest.mark.parametrize("format_name", EXPORTERS.names())
def test_keys_that_bibtex_reads_are_exported(tmp_path: Path, format_name: str) -> None:
    bib = tmp_path / "keys.bib"
    bib.write_text(KEYS)
    result = run_cli("export", "-f", format_name, bib)
    assert result.returncode == 0, result.stderr
    if format_name in ("bibtex", "biblatex", "csl-json"):
        for key in ("Dobrovol'skii_1963", "paren(x)", "M\u00fcller:2000/a~b"):
            assert key in result.stdout


def test_a_key_cannot_inject_a_ris_record(tmp_path: Path) -> None:
    bib = tmp_path / "inject.bib"
    bib.write_text("@misc{foo\nER  - \nTY  - JOUR, title = {x}, howpublished = {h}}\n"
                   "@misc{ok, title = {y}, howpublished = {h}}\n")
    result = run_cli("export", "--lenient", "-f", "ris", bib)
    assert result.returncode == 1
    assert result.stdout.count("TY  - ") == 1 and result.stdout.count("ER  - ") == 1
