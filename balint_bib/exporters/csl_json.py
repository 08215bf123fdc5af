"""CSL-JSON: the items every CSL processor (pandoc, Zotero, citeproc-js) reads."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..csl.mapping import to_csl_json
from .base import ExportRequest


@dataclass(frozen=True)
class CslJsonExporter:
    name: str = "csl-json"
    description: str = "CSL-JSON items (for pandoc --citeproc, Zotero, citeproc-js)"
    suffix: str = ".json"

    def render(self, request: ExportRequest) -> bytes:
        # Annotations are part of the dataset, so the export keeps them (`annote`/`note`).
        items = [to_csl_json(record, annotated=True) for record in request.records]
        return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


CSL_JSON = CslJsonExporter()
