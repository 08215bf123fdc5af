"""One diagnostic type: the reader's problems are what validation reports."""

from __future__ import annotations

import balint_bib
from balint_bib.bibtex.reader import parse_string
from balint_bib.diagnostics import ERROR, Diagnostic
from balint_bib.validate import Finding, validate

UNBALANCED = "@misc{Open, title = {a {b}, howpublished = {x}}\n"


def test_reader_problems_are_diagnostics_with_code_path_and_fix() -> None:
    bibliography = parse_string(UNBALANCED, "my.bib")
    [problem] = bibliography.problems
    assert isinstance(problem, Diagnostic)
    assert (problem.code, problem.severity, problem.path, problem.line) == (
        "BB102", ERROR, "my.bib", 1)
    assert problem.fix == "close every '{' with a '}' in the same field"


def test_validation_reports_the_reader_diagnostic_unchanged() -> None:
    bibliography = parse_string(UNBALANCED, "my.bib")
    findings = validate(bibliography)
    assert findings == list(bibliography.problems)


def test_the_old_names_are_the_one_type() -> None:
    assert balint_bib.Problem is Diagnostic
    assert Finding is Diagnostic


def test_json_form_and_order() -> None:
    late = Diagnostic("BB201", ERROR, "m", "b.bib", 9, "K", "title", None)
    early = Diagnostic("BB999", ERROR, "m", "a.bib", 30)
    assert sorted([late, early], key=Diagnostic.sort_key) == [early, late]
    assert late.as_dict() == {"code": "BB201", "severity": "error", "path": "b.bib",
                              "line": 9, "key": "K", "field": "title", "message": "m",
                              "fix": None}
