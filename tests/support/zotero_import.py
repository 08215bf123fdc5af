"""Zotero's own importer (../shared/zotero/zotero-import) run on an exported file.

What comes back is what Zotero would store: the items after Zotero's clean-up with their
child notes and tags, the collection tree, and the fields that are not valid for the item
type (Zotero 7 desktop moves those into Extra as `Field: value`).
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.support.tools import SHARED, require

ZOTERO = SHARED / "zotero"
IMPORTER = ZOTERO / "zotero-import"
SERVER = ZOTERO / "zotero-server"
TRANSLATORS = {"zotero-rdf": "RDF", "ris": "RIS", "bibtex": "BibTeX", "csl-json": "CSL JSON"}


def require_zotero() -> None:
    """Skip (fail in CI) without ../shared/zotero, node or npm."""
    require(IMPORTER.exists(), f"Zotero's translators ({ZOTERO}; a clone without ../shared)")
    require(shutil.which("node") is not None and shutil.which("npm") is not None,
            "node and npm (Zotero's translators run on node)")


def zotero_import(path: Path, format_name: str, out: Path, force: bool = False
                  ) -> dict[str, Any]:
    """Import `path` with the translator Zotero detects (File → Import), checking it is the
    one for the format, or with `force` that translator whatever Zotero detects; return
    zotero-import's JSON."""
    require_zotero()
    forced = ["--translator", TRANSLATORS[format_name]] if force else []
    result = subprocess.run([str(IMPORTER), *forced, str(path), str(out)], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    imported: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    assert imported["translator"] == TRANSLATORS[format_name], imported["detected"]
    assert imported["errors"] == []
    return imported


SCHEMA = ZOTERO / "translation-server" / "modules" / "zotero-schema" / "schema.json"


@functools.cache
def _schema() -> dict[str, Any]:
    require_zotero()
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def valid_fields(item_type: str) -> frozenset[str]:
    """The fields of a Zotero item type (zotero-schema), by their own and their base names."""
    for entry in _schema()["itemTypes"]:
        if entry["itemType"] == item_type:
            names = {f["field"] for f in entry["fields"]}
            names |= {f["baseField"] for f in entry["fields"] if "baseField" in f}
            return frozenset(names)
    raise KeyError(item_type)


def zotero_type_of_csl(csl_type: str) -> str:
    """The Zotero item type Zotero's CSL-JSON import makes of a CSL type."""
    mapped: list[str] = _schema()["csl"]["types"].get(csl_type, ["document"])
    return mapped[0]
