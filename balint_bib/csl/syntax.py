"""Citations written as pandoc writes them: `[see @Balint1964, p. 12; -@Johnson2004]`.

A cluster in brackets holds cites separated by ";". Each cite is `PREFIX @KEY, LOCATOR
SUFFIX`: text before the key is its prefix; after the comma, a locator term (`p.`, `pp.`,
`chap.`, `fig.`... as pandoc knows them) and its value, then any suffix; `-@KEY` suppresses
the author. A document's citations also come as citeproc-js's JSON: a list of citations,
each `{"citationItems": [...], "properties": {"noteIndex": N}}`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from .document import Citation, Cite

# pandoc's locator terms (its English list), each with the CSL locator label.
LOCATOR_TERMS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "chap": "chapter", "chaps": "chapter", "ch": "chapter", "chapter": "chapter",
    "fig": "figure", "figs": "figure", "figure": "figure", "figures": "figure",
    "vol": "volume", "vols": "volume", "volume": "volume", "volumes": "volume",
    "sec": "section", "secs": "section", "section": "section", "§": "section",
    "§§": "section", "para": "paragraph", "paras": "paragraph", "¶": "paragraph",
    "¶¶": "paragraph", "n": "note", "nn": "note", "note": "note", "l": "line", "ll": "line",
    "line": "line", "col": "column", "cols": "column", "column": "column", "no": "issue",
    "nos": "issue", "bk": "book", "bks": "book", "book": "book", "pt": "part", "pts": "part",
    "part": "part", "art": "article", "arts": "article", "v": "verse", "vv": "verse",
    "verse": "verse", "op": "opus", "opp": "opus", "s.v": "sub-verbo", "s.vv": "sub-verbo",
    "fol": "folio", "fols": "folio", "tit": "title", "app": "appendix",
}
_KEY = r"[\w][\w:.#$%&+?<>~/-]*(?<![.:?])"
_CITE = re.compile(rf"^(?P<prefix>.*?)(?P<suppress>-?)@(?P<key>{_KEY})(?P<rest>.*)$", re.DOTALL)
_CLUSTER = re.compile(r"\[([^\[\]]*@[^\[\]]*)\]")
_LOCATOR = re.compile(r"^\s*(?:(?P<term>[^\s\d]+?)\.?\s+)?(?P<value>[\divxlcdmIVXLCDM]"
                      r"[\w\u2013\u2014,-]*?(?:\s*[-\u2013,&]\s*[\w]+)*)(?P<suffix>(?:\s.*)?)$",
                      re.DOTALL)


def _locator(rest: str) -> tuple[str | None, str | None, str]:
    """(label, locator, suffix) from what follows a key's comma."""
    match = _LOCATOR.match(rest)
    if match is None:
        return None, None, rest.strip()
    term = (match["term"] or "p").lower().rstrip(".")
    if term not in LOCATOR_TERMS:
        return None, None, rest.strip()
    return LOCATOR_TERMS[term], match["value"], match["suffix"].strip()


def parse_cite(text: str) -> Cite:
    match = _CITE.match(text.strip())
    if match is None:
        raise InputError(f"not a citation: '{text.strip()}' (write @KEY)")
    rest = match["rest"]
    label = locator = None
    suffix = rest.strip()
    if rest.lstrip().startswith(","):
        label, locator, after = _locator(rest.lstrip()[1:])
        if locator is not None:
            suffix = after
    return Cite(match["key"], locator=locator, label=label, prefix=match["prefix"].strip(),
                suffix=suffix, suppress_author=bool(match["suppress"]))


def parse_cluster(text: str, note: int = 0) -> Citation:
    """`[see @a, p. 3; @b]` (the brackets may be left out) as a citation."""
    inner = text.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    return Citation([parse_cite(part) for part in inner.split(";") if part.strip()], note)


def find_clusters(text: str) -> Iterator[tuple[tuple[int, int], Citation]]:
    """Each bracketed cluster in a Markdown text, with where it is."""
    for match in _CLUSTER.finditer(text):
        yield match.span(), parse_cluster(match[0])


def citations_from_json(data: Any, path: str) -> list[Citation]:
    """A document's citations from citeproc-js's JSON form (a list of citations)."""
    if isinstance(data, dict) and "citations" in data:
        data = data["citations"]
    if not isinstance(data, list) or not all(isinstance(c, dict) for c in data):
        raise InputError("expected a list of citations, each with citationItems", path=path)
    try:
        return [Citation.from_csl(citation) for citation in data]
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"a citation is not in citeproc-js's form: {error}",
                         path=path) from None
