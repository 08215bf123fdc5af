"""Findings real .bib files do not deserve (issue 10): each case is valid BibTeX or
biblatex that a rule once reported, next to the case the rule must still catch."""

from __future__ import annotations

from balint_bib.bibtex.reader import parse_string
from balint_bib.diagnostics import Diagnostic
from balint_bib.validate import validate
from balint_bib.validate.datamodel import STANDARD_FIELDS


def findings(text: str, code: str) -> list[Diagnostic]:
    return [f for f in validate(parse_string(text)) if f.code == code]


ARTICLE = ("@article{K,\n author = {Smith, Ann},\n title = {A study},\n"
           " journal = {Journal},\n year = 2004,\n %s\n}\n")


def test_misspelling_is_corrected_only_to_a_standard_field() -> None:
    # arxivid (Mendeley's) is close to the tool field `arxiv`, which no style reads.
    [unknown] = findings(ARTICLE % "arxivid = {1610.04692}", "BB206")
    assert "arxivid" in unknown.message
    assert findings(ARTICLE % "arxivid = {1610.04692}", "BB203") == []
    [typo] = findings(ARTICLE % "keyword = {a, b}", "BB203")
    assert "'keywords'" in typo.message


def test_every_suggestion_is_in_the_standard_model() -> None:
    from balint_bib.validate.fields import _closest_known

    for name in ("arxivid", "pmcids", "timestamps", "mendeley-tag", "owners", "keyword",
                 "jounral", "adress", "publsher"):
        close = _closest_known(name)
        assert close is None or close in STANDARD_FIELDS, (name, close)
    assert _closest_known("adress") == "address"
