"""The provenance sidecar as validation sees it: parsed by `balint_bib.provenance`, whose
diagnostics are already BB508 findings; a missing sidecar is one more."""

from __future__ import annotations

from ..diagnostics import ERROR, Diagnostic
from ..provenance import (
    SIDECAR_CODE,
    EntryProvenance,
    Provenance,
    Source,
    toml_error_line,
)
from ..provenance import parse as parse_provenance

__all__ = ["SIDECAR_CODE", "EntryProvenance", "Provenance", "Source", "missing_sidecar",
           "parse_provenance", "toml_error_line"]


def missing_sidecar(path: str) -> Diagnostic:
    return Diagnostic(SIDECAR_CODE, ERROR,
                      "no provenance sidecar: every identifier needs a recorded source",
                      path, None, None, None, "create it; see the sidecar format in README.md")
