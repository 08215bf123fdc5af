"""One fixture per rule, each triggering exactly that rule; a clean file triggering none."""

from __future__ import annotations

from pathlib import Path

import pytest

from balint_bib.bibtex.reader import parse_file
from balint_bib.syllabus import load_syllabus
from balint_bib.validate import RULES, Context, validate
from balint_bib.validate.provenance import Provenance, parse_provenance
from balint_bib.vocabulary import parse as parse_vocabulary
from balint_bib.vocabulary import vocabulary_path
from tests.support.tools import FIXTURES

VALIDATE = FIXTURES / "validate"

# A fake Crossref: the `message` of /works/{doi} for the DOIs the BB6xx fixtures use.
CROSSREF = {
    "10.1000/famed.2004": {
        "title": ["Balint groups in family medicine residency"],
        "issued": {"date-parts": [[2004, 3]]},
        "author": [{"family": "Johnson", "given": "Alan H."}],
    },
}
# What each online fixture's lookup answers, to trigger just its rule.
ONLINE_ANSWERS = {
    "BB601": {},
    "BB602": {"10.1000/famed.2004": {**CROSSREF["10.1000/famed.2004"],
                                     "title": ["Psychotherapy for surgeons"]}},
    "BB603": {"10.1000/famed.2004": {**CROSSREF["10.1000/famed.2004"],
                                     "issued": {"date-parts": [[1999]]}}},
    "BB604": {"10.1000/famed.2004": {**CROSSREF["10.1000/famed.2004"],
                                     "author": [{"family": "Nease"}]}},
    "BB605": {"10.1000/famed.2004": {**CROSSREF["10.1000/famed.2004"], "volume": "63"}},
}


def context_for(code: str, bib: Path) -> Context:
    """The context a fixture needs: dataset profile and its inputs for dataset rules."""
    rule = RULES[code]
    syllabus_file = bib.with_suffix(".toml")
    syllabi = (load_syllabus(syllabus_file),) if syllabus_file.exists() else ()
    if rule.profile == "online":
        answers = ONLINE_ANSWERS[code]
        return Context(lookup_doi=answers.get)
    if rule.profile != "dataset":
        return Context(syllabi=syllabi)
    bibliography = parse_file(bib)
    if not syllabi:  # every entry placed, so that only the rule under test fires
        from balint_bib.syllabus import parse_syllabus

        keys = ", ".join(f'"{k}"' for k in bibliography.keys)
        syllabi = (parse_syllabus(f'title = "T"\n[[sections]]\ntitle = "S"\nkeys = [{keys}]\n',
                                  "generated"),)
    sidecar = bib.with_suffix(".sources.toml")
    provenance = parse_provenance(sidecar.read_text(), str(sidecar))[0] if sidecar.exists() \
        else Provenance(str(sidecar), {})
    vocabulary_file = vocabulary_path(bib)
    vocabulary = parse_vocabulary(vocabulary_file.read_text(), str(vocabulary_file))[0] \
        if vocabulary_file.exists() else None
    return Context(profile="dataset", syllabi=syllabi, provenance={str(bib): provenance},
                   vocabularies={str(bib): vocabulary} if vocabulary else {})


def codes_found(code: str) -> list[str]:
    bib = VALIDATE / f"{code}.bib"
    context = context_for(code, bib)
    extra = []
    if code == "BB508":
        sidecar = bib.with_suffix(".sources.toml")
        extra = parse_provenance(sidecar.read_text(), str(sidecar))[1]
    if code == "BB512":
        vocabulary_file = vocabulary_path(bib)
        extra = parse_vocabulary(vocabulary_file.read_text(), str(vocabulary_file))[1]
    return [f.code for f in validate(parse_file(bib), context, extra=extra)]


FIXTURE_CODES = sorted(p.stem for p in VALIDATE.glob("BB*.bib") if p.stem != "BB110")


def test_every_rule_has_a_fixture() -> None:
    assert set(RULES) == {p.stem for p in VALIDATE.glob("BB*.bib")}


@pytest.mark.parametrize("code", FIXTURE_CODES)
def test_fixture_triggers_exactly_its_rule(code: str) -> None:
    found = codes_found(code)
    assert found, f"{code}.bib triggers nothing"
    assert set(found) == {code}, found


def test_clean_file_triggers_nothing_even_in_the_dataset_profile() -> None:
    bib = VALIDATE / "clean.bib"
    sidecar = VALIDATE / "clean.sources.toml"
    provenance, problems = parse_provenance(sidecar.read_text(), str(sidecar))
    assert problems == []
    context = Context(profile="dataset", syllabi=(load_syllabus(VALIDATE / "clean.toml"),),
                      provenance={str(bib): provenance}, lookup_doi=lambda doi: None)
    # Everything but the online rules (the fake Crossref knows none of its DOIs).
    findings = [f for f in validate(parse_file(bib), context) if not f.code.startswith("BB6")]
    assert findings == []


def test_findings_carry_location_key_field_and_fix() -> None:
    [finding] = validate(parse_file(VALIDATE / "BB405.bib"))
    assert finding.path == str(VALIDATE / "BB405.bib")
    assert finding.line == 9  # the line of the pages field
    assert finding.key == "Sample2004" and finding.field == "pages"
    assert finding.fix == "pages = {275--280}"
    assert finding.severity.value == "warning"


def test_dataset_rules_are_off_in_the_generic_profile() -> None:
    assert validate(parse_file(VALIDATE / "BB503.bib")) == []


def test_online_rules_need_a_lookup() -> None:
    assert validate(parse_file(VALIDATE / "BB601.bib")) == []


def test_online_agreement_tolerates_subtitles_case_and_print_year() -> None:
    work = {**CROSSREF["10.1000/famed.2004"],
            "title": ["BALINT GROUPS IN FAMILY MEDICINE RESIDENCY: a survey"],
            "issued": {"date-parts": [[2003, 11]]},
            "published-print": {"date-parts": [[2004, 3]]}}
    findings = validate(parse_file(VALIDATE / "BB602.bib"), Context(lookup_doi={
        "10.1000/famed.2004": work}.get))
    assert findings == []


def test_a_wrong_isbn13_check_digit_and_valid_isbn10() -> None:
    from balint_bib.validate.identifiers import isbn_valid, issn_valid

    assert isbn_valid("978-0-415-24321-6") and not isbn_valid("978-0-415-24321-7")
    assert isbn_valid("0-306-40615-2") and not isbn_valid("0-306-40615-3")
    assert isbn_valid("0-8044-2957-X")
    assert issn_valid("0742-3225") and issn_valid("2049-3630") and not issn_valid("0742-3224")


@pytest.mark.parametrize(
    ("pages", "codes"),
    [("275--280", []), ("e1234", []), ("xii--xv", []), ("275\u2013280", []),
     ("12--14, 17--19", []), ("1425-37", ["BB405", "BB408"]), ("280--275", ["BB406"]),
     ("865--3", ["BB406"]), ("S12--S15", []),
     ("275+", [])],
)
def test_page_forms(pages: str, codes: list[str]) -> None:
    from balint_bib.bibtex.reader import parse_string

    text = (VALIDATE / "BB405.bib").read_text().replace("{275-280}", "{" + pages + "}")
    assert [f.code for f in validate(parse_string(text))] == codes


def test_abbreviated_range_gets_the_full_range_as_fix() -> None:
    from balint_bib.bibtex.reader import parse_string

    text = (VALIDATE / "BB406.bib").read_text().replace("{280--275}", "{1425--37}")
    [finding] = validate(parse_string(text))
    assert finding.code == "BB408" and finding.severity.value == "info"  # valid, not an error
    assert finding.fix == "write the range in full: 1425--1437"
