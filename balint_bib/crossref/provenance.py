"""Provenance of added values, in the .bib file's sidecar `<stem>.sources.toml`.

The sidecar is curated by hand, so new records are appended as text, leaving every
existing line as it was:

    [[entries.KEY.sources]]
    fields = ["doi", "pages"]
    source = "Crossref 10.5555/12345678"
    note = "matched on title (agree), authors (agree), …"
    retrieved = "2026-11-01"
    confidence = 14.5
    api = "https://api.crossref.org"

Exports read only the .bib, so none of this reaches a citation.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable

from ..errors import InputError
from .merge import Provenance

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def _string(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def render(item: Provenance) -> str:
    fields = ", ".join(_string(f) for f in item.fields)
    return (f"\n[[entries.{_key(item.key)}.sources]]\n"
            f"fields = [{fields}]\n"
            f"source = {_string(item.source)}\n"
            f"note = {_string(item.note)}\n"
            f"retrieved = {_string(item.retrieved)}\n"
            f"confidence = {item.confidence}\n"
            + (f"api = {_string(item.api)}\n" if item.api else ""))


def _recorded(document: dict, item: Provenance) -> bool:
    entry = document.get("entries", {}).get(item.key, {})
    sources = entry.get("sources", []) if isinstance(entry, dict) else []
    return any(isinstance(s, dict) and s.get("source") == item.source
               and tuple(s.get("fields", ())) == item.fields for s in sources)


def append(existing: str, items: Iterable[Provenance], path: str = "") -> str:
    """`existing` sidecar text with `items` appended (those it already records skipped,
    so a run that is repeated after a crash does not record twice)."""
    try:
        document = tomllib.loads(existing)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"not valid TOML: {error}", path=path or None) from None
    new = [render(item) for item in items if not _recorded(document, item)]
    if not new:
        return existing
    text = existing
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(new)
    if not existing:
        text = text.lstrip("\n")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"cannot add provenance to this layout ({error}); write the "
                         "entry's sources as [[entries.KEY.sources]] tables",
                         path=path or None) from None
    return text
