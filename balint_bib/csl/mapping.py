"""The one BibTeX → CSL-JSON mapping that every CSL-based output shares.

A thin projection of the normalised item (`balint_bib.normal`): Unicode text, names in
CSL's parts, dates as date-parts. Brace-protected runs of titles (`{AIDS}`) become
`<span class="nocase">…</span>`, the markup CSL processors read as "do not change case".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..bibtex.model import Record
from ..bibtex.names import Name
from ..bibtex.values import month_number
from ..kinds import kind_of
from ..normal import NormalItem, RichText, normalise
from ..text import clean, strip_unsafe

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_NUMERIC_ORDINAL = re.compile(r"^(\d+)\s*(?:st|nd|rd|th|\.)?(?:\s+ed(?:ition|\.)?)?$", re.I)
# The last name of a list that BibTeX ended with "and others": pandoc's CSL-JSON for it, which
# citeproc (Haskell) and this project's engine print as the style's "et al.".
OTHERS = {"literal": "others"}
_SERIALS = frozenset({"article-journal", "article-magazine", "article-newspaper", "periodical"})


def csl_type(record: Record) -> str:
    """The CSL item type of an entry (its kind's)."""
    return kind_of(record).csl


def to_csl_json(record: Record, *, annotated: bool = False) -> dict[str, Any]:
    """One entry as a CSL-JSON item. `annote`/`note` are included only when `annotated`."""
    normal = normalise(record)
    item: dict[str, Any] = {"id": strip_unsafe(record.key), "type": normal.kind.csl}
    for role, names in (("author", normal.authors), ("editor", normal.editors),
                        ("translator", normal.translators)):
        if names:
            item[role] = [csl_name(n) for n in names]
            if role in normal.truncated:
                item[role].append(dict(OTHERS))
    _titles(normal, item)
    _dates(normal, item)
    _publication(normal, item)
    _identifiers(normal, item)
    if annotated:
        _put(item, "annote", normal.annotation)
        _put(item, "note", normal.note)
    return item


def _put(item: dict[str, Any], name: str, value: str) -> None:
    if value:
        item[name] = value


def csl_name(name: Name) -> dict[str, str]:
    """A name in CSL's parts; a corporate name is one `literal`."""
    return dict(_csl_name_parts(name))


@lru_cache(maxsize=65536)  # the same people recur across a library
def _csl_name_parts(name: Name) -> tuple[tuple[str, str], ...]:
    if name.literal:
        return (("literal", clean(name.literal)),)
    parts: dict[str, str] = {}
    _put(parts, "family", clean(name.family))
    given, dropping = _split_dropping_particle(clean(name.given))
    _put(parts, "given", given)
    _put(parts, "dropping-particle", dropping)
    _put(parts, "non-dropping-particle", clean(name.particle))
    _put(parts, "suffix", clean(name.suffix))
    return tuple(parts.items())


def _split_dropping_particle(given: str) -> tuple[str, str]:
    """`Ludwig van` (from "Beethoven, Ludwig van") → ("Ludwig", "van")."""
    words = given.split()
    cut = len(words)
    while cut > 1 and words[cut - 1][:1].islower():
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def protected_text(value: RichText) -> str:
    """Rich text as CSL rich text: protected runs become nocase spans."""
    out = (f'<span class="nocase">{text}</span>' if protected else text
           for text, protected in value.runs)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _titles(normal: NormalItem, item: dict[str, Any]) -> None:
    for name, value in (("title", normal.title), ("title-short", normal.short_title),
                        ("container-title", normal.container)):
        if value.runs:
            item[name] = protected_text(value)
    for name, value in (("container-title-short", normal.container_short),
                        ("collection-title", normal.series),
                        ("event-title", normal.event_title)):
        if value.runs:
            item[name] = protected_text(value)


def date_parts(year: str | None, month: str | None = None, day: str | None = None
               ) -> list[int] | None:
    """[year, month, day] as far as known; None without a four-digit year."""
    match = _ISO_DATE.match((year or "").strip())
    if not match:
        return None
    parts = [int(match.group(1))]
    month_value = month_number(month) if month else None
    if month_value is None and match.group(2):
        month_value = int(match.group(2))
    if month_value:
        parts.append(month_value)
        day_text = (day or "").strip() or (match.group(3) or "")
        if day_text.isdigit() and 1 <= int(day_text) <= 31:
            parts.append(int(day_text))
    return parts


def _dates(normal: NormalItem, item: dict[str, Any]) -> None:
    issued = date_parts(normal.year or normal.date, normal.month, normal.day)
    if issued is None and normal.date:
        issued = date_parts(normal.date)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    elif normal.year:  # "in press", "n.d.", "1950s": keep as written
        item["issued"] = {"literal": normal.year}
    accessed = date_parts(normal.accessed)
    if accessed:
        item["accessed"] = {"date-parts": [accessed]}


def edition(value: str) -> str:
    """`2`, `2nd`, `Second` → "2"; anything else ("Rev. ed.") as written."""
    text = value.strip()
    match = _NUMERIC_ORDINAL.match(text)
    if match:
        return match.group(1)
    word = text.lower().removesuffix(" edition").removesuffix(" ed.").strip()
    if word in _ORDINALS:
        return str(_ORDINALS[word])
    return text


def _publication(normal: NormalItem, item: dict[str, Any]) -> None:
    _put(item, "publisher", normal.publisher)
    _put(item, "publisher-place", normal.place)
    if normal.edition:
        item["edition"] = edition(normal.edition)
    _put(item, "volume", normal.volume)
    _put(item, "chapter-number", normal.chapter)
    if item["type"] in _SERIALS:
        _put(item, "issue", normal.issue or normal.number)
    else:
        _put(item, "issue", normal.issue)
        _put(item, "number", normal.number)
    if normal.pages:
        item["page"] = re.sub(r"\s*[-‐‑–—]+\s*", "–", normal.pages)
    _put(item, "number-of-pages", normal.page_total)
    _put(item, "genre", normal.genre)
    _put(item, "language", normal.language)
    _put(item, "abstract", normal.abstract)
    _put(item, "keyword", normal.keywords_text)


def _identifiers(normal: NormalItem, item: dict[str, Any]) -> None:
    for name, value in (("DOI", normal.doi), ("URL", normal.url), ("ISBN", normal.isbn),
                        ("ISSN", normal.issn), ("PMID", normal.pmid), ("PMCID", normal.pmcid)):
        _put(item, name, value)
