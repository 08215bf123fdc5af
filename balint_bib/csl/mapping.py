"""The one BibTeX → CSL-JSON mapping that every CSL-based output shares.

Values arrive as LaTeX (`Record.get`) and leave as CSL-JSON: Unicode text, names split into
CSL's parts, dates as date-parts. Brace-protected runs of titles (`{AIDS}`) become
`<span class="nocase">…</span>`, the markup CSL processors read as "do not change case".
"""

from __future__ import annotations

import re
from typing import Any

from ..bibtex.latex import split_case_protected, verbatim
from ..bibtex.names import Name
from ..bibtex.values import month_number
from ..doi import bare_doi
from ..exporters.items import UNSAFE_CHARACTERS, safe_url
from ..model import Record

# BibTeX/biblatex entry type → CSL type, for the types whose meaning does not depend on fields.
ENTRY_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inreference": "entry-encyclopedia",
    "collection": "book",
    "proceedings": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "booklet": "pamphlet",
    "manual": "report",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "patent": "patent",
    "periodical": "periodical",
    "dataset": "dataset",
    "software": "software",
    "video": "motion_picture",
    "audio": "song",
}  # fmt: skip

THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

# Fields holding titles: their brace groups protect case.
TITLE_FIELDS = {"title", "container-title", "collection-title", "title-short", "event-title"}

_SPEECH = re.compile(r"slide|presentation|talk|lecture|poster|keynote|webinar", re.IGNORECASE)
_REPORT = re.compile(r"report|white paper|working paper", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_NUMERIC_ORDINAL = re.compile(r"^(\d+)\s*(?:st|nd|rd|th|\.)?(?:\s+ed(?:ition|\.)?)?$", re.I)


def csl_type(record: Record) -> str:
    """The CSL item type of an entry; misc and online depend on what the entry describes."""
    entry_type = record.entry_type
    if entry_type in ENTRY_TYPES:
        return ENTRY_TYPES[entry_type]
    what = " ".join(record.text(f) or "" for f in ("howpublished", "type"))
    if _SPEECH.search(what):
        return "speech"
    if "institution" in record or _REPORT.search(what):
        return "report"
    if entry_type in ("online", "www", "electronic", "webpage"):
        return "document" if what.strip() else "webpage"
    has_publication = any(f in record for f in ("publisher", "journal", "booktitle"))
    if "url" in record and not what.strip() and not has_publication:
        return "webpage"  # a web site as a whole: nothing but its address
    return "document"


def to_csl_json(record: Record, *, annotated: bool = False) -> dict[str, Any]:
    """One entry as a CSL-JSON item. `annotate`/`note` are included only when `annotated`."""
    item: dict[str, Any] = {"id": record.key, "type": csl_type(record)}
    _names(record, item)
    _titles(record, item)
    _dates(record, item)
    _publication(record, item)
    _identifiers(record, item)
    if annotated:
        for source, target in (("annote", "annote"), ("annotation", "annote"), ("note", "note")):
            value = record.text(source)
            if value and target not in item:
                item[target] = value
    return _safe(item)


def _safe(item: dict[str, Any]) -> dict[str, Any]:
    """What every CSL output (formatted text, HTML, RTF, CSL-JSON) may carry: only http(s)
    URLs (no `javascript:`), and no control or bidi-override characters in any value."""
    if "URL" in item and not safe_url(item["URL"]):
        del item["URL"]
    return _cleaned(item)


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return UNSAFE_CHARACTERS.sub("", value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def csl_name(name: Name) -> dict[str, str]:
    """A name in CSL's parts; a corporate name is one `literal`."""
    if name.literal:
        return {"literal": name.literal}
    parts: dict[str, str] = {}
    if name.family:
        parts["family"] = name.family
    given, dropping = _split_dropping_particle(name.given)
    if given:
        parts["given"] = given
    if dropping:
        parts["dropping-particle"] = dropping
    if name.particle:
        parts["non-dropping-particle"] = name.particle
    if name.suffix:
        parts["suffix"] = name.suffix
    return parts


def _split_dropping_particle(given: str) -> tuple[str, str]:
    """`Ludwig van` (from "Beethoven, Ludwig van") → ("Ludwig", "van")."""
    words = given.split()
    cut = len(words)
    while cut > 1 and words[cut - 1][:1].islower():
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def _names(record: Record, item: dict[str, Any]) -> None:
    for role in ("author", "editor", "translator"):
        names = [csl_name(n) for n in record.names(role) if not n.is_others]
        if names:
            item[role] = names
    if "author" not in item and record.entry_type in ("online", "misc", "manual"):
        organisation = record.text("organization")
        if organisation and csl_type(record) != "webpage":
            item["author"] = [{"literal": organisation}]


def protected_text(value: str) -> str:
    """LaTeX → CSL rich text: brace groups become nocase spans, the rest is decoded."""
    runs = split_case_protected(value)
    out = []
    for text, protected in runs:
        out.append(f'<span class="nocase">{text}</span>' if protected else text)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _titles(record: Record, item: dict[str, Any]) -> None:
    title = record.get("title")
    if title:
        subtitle = record.get("subtitle")
        item["title"] = protected_text(title) + (
            f": {protected_text(subtitle)}" if subtitle else "")
    shorttitle = record.get("shorttitle")
    if shorttitle:
        item["title-short"] = protected_text(shorttitle)
    container = record.get("journal") or record.get("journaltitle") or record.get("booktitle")
    if container:
        item["container-title"] = protected_text(container)
    short_container = record.get("shortjournal")
    if short_container:
        item["container-title-short"] = protected_text(short_container)
    if record.get("series"):
        item["collection-title"] = protected_text(record.get("series") or "")
    if record.get("eventtitle"):
        item["event-title"] = protected_text(record.get("eventtitle") or "")


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


def _dates(record: Record, item: dict[str, Any]) -> None:
    issued = date_parts(record.text("year") or record.text("date"), record.text("month"),
                        record.text("day"))
    if issued is None and record.text("date"):
        issued = date_parts(record.text("date"))
    if issued:
        item["issued"] = {"date-parts": [issued]}
    elif record.text("year"):  # "in press", "n.d.", "1950s": keep as written
        item["issued"] = {"literal": record.text("year")}
    accessed = date_parts(record.text("urldate"))
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


def _publication(record: Record, item: dict[str, Any]) -> None:
    kind = item["type"]
    publisher = (record.text("publisher") or record.text("school")
                 or record.text("institution"))
    organisation = record.text("organization")
    is_author = bool(organisation) and item.get("author") == [{"literal": organisation}]
    if not publisher and not is_author:
        publisher = organisation
    if publisher:
        item["publisher"] = publisher
    place = record.text("address") or record.text("location")
    if place:
        item["publisher-place"] = place
    if record.text("edition"):
        item["edition"] = edition(record.text("edition") or "")
    for source, target in (("volume", "volume"), ("chapter", "chapter-number")):
        if record.text(source):
            item[target] = record.text(source)
    number = record.text("number")
    issue = record.text("issue")
    if kind in ("article-journal", "article-magazine", "article-newspaper", "periodical"):
        if issue or number:
            item["issue"] = issue or number
    else:
        if issue:
            item["issue"] = issue
        if number:
            item["number"] = number
    if record.text("pages"):
        item["page"] = re.sub(r"\s*[-‐‑–—]+\s*", "–", record.text("pages") or "")
    if record.text("pagetotal"):
        item["number-of-pages"] = record.text("pagetotal")
    genre = THESIS_GENRES.get(record.entry_type) or record.text("type")
    how = record.text("howpublished")
    if not genre and how and kind in ("speech", "document", "report") and "://" not in how:
        genre = how
    if genre:
        item["genre"] = genre
    for source, target in (("language", "language"), ("langid", "language"),
                           ("abstract", "abstract"), ("keywords", "keyword")):
        if record.text(source) and target not in item:
            item[target] = record.text(source)


def _identifiers(record: Record, item: dict[str, Any]) -> None:
    doi = verbatim(record.get("doi"))
    if doi:
        item["DOI"] = bare_doi(doi)
    url = verbatim(record.get("url"))
    how = verbatim(record.get("howpublished")) or ""
    if url:
        item["URL"] = url
    elif how.startswith(("http://", "https://")):
        item["URL"] = how
    for source, target in (("isbn", "ISBN"), ("issn", "ISSN"), ("pmid", "PMID"),
                           ("pmcid", "PMCID")):
        value = verbatim(record.get(source))
        if value:
            item[target] = value
