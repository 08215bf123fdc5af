"""Journal names for ECitMatch, which wants a journal's title or its NLM abbreviation.

The look-up is the one the citation styles use (`balint_bib.journals`: the NLM Catalog
list the package ships, matched as Zotero matches). A journal the list lacks is sent as the
entry writes it, which ECitMatch also accepts. Tests may give their own catalogue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..journals import abbreviation, build_index, fold

journal_key = fold  # the key ECitMatch's journal is looked up by


class JournalNames:
    """Full title → NLM abbreviation: the shipped list, or a given {title: abbreviation}."""

    def __init__(self, table: Mapping[str, str] | None = None) -> None:
        self._table = dict(table) if table is not None else None

    @classmethod
    def from_catalogue(cls, catalogue: Mapping[str, str]) -> JournalNames:
        return cls(build_index(catalogue))

    @classmethod
    def from_file(cls, path: Path) -> JournalNames:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_catalogue(data["default"]["container-title"])

    def for_citmatch(self, journal: str) -> str:
        """The NLM abbreviation of `journal`, or `journal` itself."""
        found = (abbreviation(journal) if self._table is None
                 else self._table.get(fold(journal), ""))
        return (found or journal).strip()


def packaged() -> JournalNames:
    """The list the package ships."""
    return JournalNames()
