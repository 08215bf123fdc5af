"""BB508: the provenance sidecar (`references.sources.toml`) is there and well formed.

The sidecar's model and parser live in `balint_bib.provenance`; this module turns
what the parser finds wrong into findings. The CLI reads the file.
"""

from __future__ import annotations

from ..provenance import EntryProvenance, Provenance, Source, toml_error_line
from ..provenance import parse as parse_sidecar
from .core import ERROR, Finding, rule

__all__ = ["BB508", "EntryProvenance", "Provenance", "Source", "missing_sidecar",
           "parse_provenance", "toml_error_line"]

BB508 = rule("BB508", ERROR, "provenance sidecar missing or malformed", "dataset", "dataset")


def parse_provenance(text: str, path: str) -> tuple[Provenance, list[Finding]]:
    """The sidecar's entries and what is wrong with it (as BB508 findings)."""
    provenance, problems = parse_sidecar(text, path)
    findings = [BB508.finding(problem.message, path=path, line=problem.line or None,
                              key=problem.key, fix="see the sidecar format in README.md")
                for problem in problems]
    return provenance, findings


def missing_sidecar(path: str) -> Finding:
    return BB508.finding("no provenance sidecar: every identifier needs a recorded source",
                         path=path, fix="create it; see the sidecar format in README.md")
