"""The keyword vocabulary of a .bib file (`<stem>.keywords.toml`): the terms its entries may
use as keywords, grouped in facets (subject, audience, kind), and the facets every entry
must use.

    required = ["audience", "kind"]
    [subject]
    "Balint method" = "what a Balint group is, how it runs and what it is for"

Pure: text in, a `Vocabulary` and its problems (BB512 diagnostics) out; validation reads
the file and registers the rules (`validate/vocabulary.py`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from .diagnostics import ERROR, Diagnostic
from .provenance import toml_error_line

# The code of every vocabulary-file diagnostic; validation registers the rule.
VOCABULARY_CODE = "BB512"
_FIX = "see the keyword vocabulary format in README.md"


@dataclass(frozen=True)
class Vocabulary:
    """Facet name → {term: what the term is for}, in the file's order."""

    path: str
    facets: Mapping[str, Mapping[str, str]]
    required: tuple[str, ...] = ()

    def facet_of(self, term: str) -> str | None:
        return next((name for name, terms in self.facets.items() if term in terms), None)

    def closest(self, term: str) -> str | None:
        """The term meant by a misspelt or differently cased `term`, if one is close."""
        terms = [t for terms in self.facets.values() for t in terms]
        folded = {t.casefold(): t for t in terms}
        if term.casefold() in folded:
            return folded[term.casefold()]
        close = get_close_matches(term, terms, n=1, cutoff=0.75)
        return close[0] if close else None


def vocabulary_path(bib_path: str | Path) -> Path:
    """The vocabulary of a .bib file: `references.bib` → `references.keywords.toml`."""
    return Path(bib_path).with_suffix(".keywords.toml")


def parse(text: str, path: str) -> tuple[Vocabulary | None, list[Diagnostic]]:
    """The vocabulary in `text`, or None and what is wrong with it."""

    def bad(message: str, line: int | None = None) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(VOCABULARY_CODE, ERROR, message, path, line, None, None,
                                 _FIX)]

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return bad(f"not valid TOML: {error}", toml_error_line(str(error)))
    required = document.pop("required", [])
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        return bad("'required' must be a list of facet names")
    facets: dict[str, dict[str, str]] = {}
    for name, terms in document.items():
        if not isinstance(terms, dict) or not terms or not all(
                isinstance(v, str) for v in terms.values()):
            return bad(f"facet '{name}' must be a table of \"term\" = \"what it is for\"")
        facets[name] = terms
    if not facets:
        return bad("no facets: add a table such as [subject] with its terms")
    unknown = [r for r in required if r not in facets]
    if unknown:
        return bad(f"'required' names facets that do not exist: {', '.join(unknown)}")
    seen: dict[str, str] = {}
    for name, terms in facets.items():
        for term in terms:
            if term.casefold() in seen:
                return bad(f"term '{term}' is in facet '{name}' and in "
                           f"'{seen[term.casefold()]}': a term belongs to one facet")
            seen[term.casefold()] = name
    return Vocabulary(path, facets, tuple(required)), []
