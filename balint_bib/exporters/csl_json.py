"""CSL-JSON: the items every CSL processor (pandoc, Zotero, citeproc-js) reads."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
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
        items = (_safe(to_csl_json(record, annotated=True)) for record in request.records)
        return _json_array(items)


def _json_array(items: Iterable[dict]) -> bytes:
    """What `json.dumps(list(items), ensure_ascii=False, indent=2)` gives, plus a final line
    end, encoded item by item: a large export never holds all its items or one whole string.
    Each item is indented one level deeper by its line ends, which are all structural (JSON
    escapes the line ends inside strings)."""
    out = io.BytesIO()
    separator = b"[\n  "
    for item in items:
        out.write(separator)
        out.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
                  .encode("utf-8"))
        separator = b",\n  "
    out.write(b"[]\n" if separator.startswith(b"[") else b"\n]\n")
    return out.getvalue()


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
