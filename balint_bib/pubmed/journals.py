"""Journal names for ECitMatch, which wants a journal's title or its NLM abbreviation.

The NLM Catalog's list (`{"default": {"container-title": {TITLE: ABBREVIATION}}}`, as in
the CSL abbreviations repository) is read from the package when it ships one
(`resources/nlm-journal-abbreviations.tsv`: folded title, tab, abbreviation), or from a
file given explicitly. A journal the list lacks is sent as the entry writes it, which
ECitMatch also accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..text import strip_marks

PACKAGED = "resources/nlm-journal-abbreviations.tsv"
_ARTICLE = re.compile(r"\b[ld]['’]", re.IGNORECASE)
_DROPPED = re.compile(r"['’.]")
_NOT_WORD = re.compile(r"[\W_]+")
_IGNORED = frozenset({"the", "and", "und", "et", "y", "la", "le"})


def journal_key(title: str) -> str:
    """Case, accents, punctuation, articles and "and" folded away."""
    text = _DROPPED.sub("", strip_marks(_ARTICLE.sub("", title)).casefold())
    return " ".join(w for w in _NOT_WORD.sub(" ", text).split() if w not in _IGNORED)


class JournalNames:
    """Folded full title → NLM abbreviation."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = dict(table)

    @classmethod
    def from_catalogue(cls, catalogue: Mapping[str, str]) -> JournalNames:
        table: dict[str, str] = {}
        clashing: set[str] = set()
        for title, abbreviation in catalogue.items():
            key = journal_key(title)
            if key and abbreviation and table.setdefault(key, abbreviation) != abbreviation:
                clashing.add(key)  # two journals fold alike: the title is safer
        return cls({k: v for k, v in table.items() if k not in clashing})

    @classmethod
    def from_file(cls, path: Path) -> JournalNames:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_catalogue(data["default"]["container-title"])

    def __len__(self) -> int:
        return len(self._table)

    def for_citmatch(self, journal: str) -> str:
        """The NLM abbreviation of `journal`, or `journal` itself."""
        return self._table.get(journal_key(journal), journal).strip()


@lru_cache(maxsize=1)
def packaged() -> JournalNames:
    """The list the package ships, or an empty one."""
    try:
        text = resources.files("balint_bib").joinpath(PACKAGED).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return JournalNames({})
    pairs = (line.split("\t", 1) for line in text.splitlines()[1:] if "\t" in line)
    return JournalNames({key: value for key, value in pairs})
