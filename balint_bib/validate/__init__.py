"""Validation of .bib files: rules with stable codes, checks that emit findings.

    report = validate_files([Path("my.bib")])             # read, check, summarise
    findings = validate([bibliography], Context(...))      # checks over parsed files

Checks are pure functions registered per family module (syntax, fields,
identifiers, values, dataset, online) and run by `runner`; `files` does the reading
(through the BibTeX reader) and the configuration for `validate_files`.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from .config import Selection
from .core import CHECKS, RULES, Finding, Rule
from .files import Report, validate_files
from .runner import Context, count, validate

__all__ = ["CHECKS", "RULES", "Context", "Diagnostic", "Finding", "Report", "Rule",
           "Selection", "Severity", "count", "validate", "validate_files"]
