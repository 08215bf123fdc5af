"""Journal abbreviations from the NLM Catalog: matching, the shipped index, the package data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from balint_bib import journals
from balint_bib.journals import abbreviation, build_index, fold, index_text
from tests.support.tools import SHARED, require

CATALOGUE = SHARED / "data" / "ncbi-abbreviations.json"


@pytest.mark.parametrize("variant", [
    "The Journal of Family Practice", "journal of family practice", "JOURNAL OF FAMILY PRACTICE.",
    "The Journal of Family-Practice", "  Journal  of Family Practice ",
])
def test_titles_fold_alike(variant):
    assert fold(variant) == "journal of family practice"


def test_fold_ignores_and_ampersand_accents_and_elided_articles():
    assert fold("Patient Education & Counseling") == fold("Patient education and counseling")
    assert fold("Revue d'épidémiologie") == fold("Revue epidemiologie")
    assert fold("L’Encéphale") == "encephale"


@pytest.mark.parametrize(("title", "expected"), [
    ("Family Medicine", "Fam Med"),
    ("The Journal of Family Practice", "J Fam Pract"),
    ("Patient Education and Counseling", "Patient Educ Couns"),
    ("Australian Family Physician", "Aust Fam Physician"),
    ("BMC Family Practice", "BMC Fam Pract"),
    # the catalogue's title is "… : JABFM": found by its main title too
    ("Journal of the American Board of Family Medicine", "J Am Board Fam Med"),
    ("Journal of the Balint Society", ""),  # not in the NLM Catalog
    ("", ""),
])
def test_abbreviation_of_the_catalogue(title, expected):
    assert abbreviation(title) == expected


def test_titles_that_name_two_journals_get_no_abbreviation():
    built = build_index({"Health bulletin": "Health Bull (Melb)",
                         "Health Bulletin.": "Health Bull (Raleigh)",
                         "Family medicine": "Fam Med", "Empty": " "})
    assert built == {"family medicine": "Fam Med"}
    assert abbreviation("Female patient") == ""  # Female Patient, Female Patient (Parsippany)


def test_a_main_title_never_shadows_a_full_title():
    built = build_index({"Journal of family medicine": "J Fam Med",
                         "Journal of family medicine : official organ": "J Fam Med (Off)"})
    assert built["journal of family medicine"] == "J Fam Med"


def test_scanning_and_the_table_agree():
    table = journals._table()
    keys = sorted(table)[:: len(table) // 300]
    assert keys and all(journals._scan(key) == table[key] for key in keys)
    assert journals._scan("no such journal at all") == ""


def test_shipped_index_is_the_catalogue_folded():
    """The shipped file is what `python -m balint_bib.journals` makes of the NLM list."""
    require(CATALOGUE.is_file(), f"{CATALOGUE} (the NLM Catalog list) is absent")
    shipped = Path(journals.__file__).parent / journals.INDEX_RESOURCE
    assert shipped.read_text(encoding="utf-8") == index_text(CATALOGUE)
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))["default"]["container-title"]
    assert len(journals._table()) >= 0.99 * len(catalogue)


def test_installed_package_finds_its_index(tmp_path):
    """From a fresh interpreter outside the checkout: the index comes with the package
    (in CI, the installed wheel)."""
    probe = "from balint_bib.journals import abbreviation; print(abbreviation('Family Medicine'))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "Fam Med"
