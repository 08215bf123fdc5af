"""CSL-JSON: the items every CSL processor (pandoc, Zotero, citeproc-js) reads."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..csl.mapping import to_csl_json
from .base import ExportRequest
from .items import _UNSAFE, safe_url


@dataclass(frozen=True)
class CslJsonExporter:
    name: str = "csl-json"
    description: str = "CSL-JSON items (for pandoc --citeproc, Zotero, citeproc-js)"
    suffix: str = ".json"

    def render(self, request: ExportRequest) -> bytes:
        # Annotations are part of the dataset, so the export keeps them (`annote`/`note`).
        items = [_safe(to_csl_json(record, annotated=True)) for record in request.records]
        return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _safe(item: dict) -> dict:
    """As in every other export: only http(s) URLs (no `javascript:`), and no control or
    bidi-override characters in any value (line breaks of annotations are kept)."""
    if "URL" in item and not safe_url(item["URL"]):
        del item["URL"]
    return _cleaned(item)


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return _UNSAFE.sub("", value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


CSL_JSON = CslJsonExporter()
