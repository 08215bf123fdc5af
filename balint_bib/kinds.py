"""The one table of entry kinds: what an entry is, decided once, for every output.

A BibTeX/biblatex entry type names most works outright (`@article`, `@book`); `@misc` and
`@online` say what they are in `howpublished`/`type` (slides, a form, a report) or by the
fields they have (an institution, only a URL). `kind_of` decides one `Kind`, and the kind
gives the CSL type, the Zotero item type, the RIS `TY`, the Crossref work types that may
match it and the fields enrichment may fill. The CSL mapping, the Zotero RDF and RIS
exporters, enrichment and validation all read this module; none keeps a type table.

The Zotero and RIS names follow Zotero's own translators: the RIS `TY` of each Zotero type
is the one Zotero's RIS translator writes and reads back as that type.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .bibtex.model import Record


@dataclass(frozen=True, slots=True)
class Kind:
    """What an entry is, and its name in each vocabulary."""

    name: str
    csl: str  # CSL item type
    zotero: str  # Zotero item type
    ris: str  # RIS TY
    crossref: frozenset[str] = frozenset()  # Crossref work types; empty: not looked up
    enrich: frozenset[str] = frozenset()  # fields enrichment may fill (besides the DOI)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _kind(name: str, csl: str, zotero: str, ris: str, crossref: str = "",
          enrich: str = "") -> Kind:
    return Kind(name, csl, zotero, ris, _words(crossref), _words(enrich))


_CHAPTERS = "book-chapter book-section book-part reference-entry"
_ALL = (
    _kind("article", "article-journal", "journalArticle", "JOUR", "journal-article",
          "volume number pages issn journal"),
    _kind("book", "book", "book", "BOOK", "book monograph edited-book reference-book",
          "volume isbn publisher"),
    _kind("collection", "book", "book", "BOOK"),  # mvbook, collection: not looked up
    _kind("proceedings", "book", "book", "BOOK", "proceedings", "volume isbn publisher"),
    _kind("booklet", "pamphlet", "book", "BOOK"),
    _kind("chapter", "chapter", "bookSection", "CHAP", _CHAPTERS,
          "volume pages isbn publisher booktitle"),
    # An @inbook's title is the book's own title: Crossref's container is not a booktitle.
    _kind("inbook", "chapter", "bookSection", "CHAP", _CHAPTERS, "volume pages isbn publisher"),
    _kind("paper", "paper-conference", "bookSection", "CHAP", "proceedings-article",
          "volume pages booktitle"),
    _kind("thesis", "thesis", "thesis", "THES", "dissertation"),
    _kind("report", "report", "report", "RPRT", "report", "publisher"),
    _kind("manual", "report", "report", "RPRT"),
    _kind("manuscript", "manuscript", "manuscript", "MANSCPT"),
    _kind("presentation", "speech", "presentation", "SLIDE"),  # given at a known event
    # Slides or a talk known without its event, and a handout, form or society paper that
    # a body issues: styles print a CSL `report` with its publisher and genre, where a
    # `speech` says "presented at" an empty event and a `document` loses its publisher.
    _kind("slides", "report", "presentation", "SLIDE"),
    _kind("handout", "report", "document", "ANCIENT"),
    _kind("webpage", "webpage", "webpage", "ELEC"),
    _kind("document", "document", "document", "ANCIENT"),
    # Types this project's Zotero export has no own item type for yet: Zotero `document`.
    _kind("encyclopedia-entry", "entry-encyclopedia", "document", "ANCIENT"),
    _kind("patent", "patent", "document", "ANCIENT"),
    _kind("periodical", "periodical", "document", "ANCIENT"),
    _kind("dataset", "dataset", "document", "ANCIENT", "dataset"),
    _kind("software", "software", "document", "ANCIENT"),
    _kind("video", "motion_picture", "document", "ANCIENT"),
    _kind("audio", "song", "document", "ANCIENT"),
)
KINDS: Mapping[str, Kind] = {kind.name: kind for kind in _ALL}

# Entry types whose kind does not depend on their fields.
_FIXED = {
    "article": "article", "book": "book", "mvbook": "collection", "collection": "collection",
    "proceedings": "proceedings", "booklet": "booklet", "incollection": "chapter",
    "inbook": "inbook", "inproceedings": "paper", "conference": "paper",
    "inreference": "encyclopedia-entry", "manual": "manual", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "unpublished": "manuscript", "patent": "patent", "periodical": "periodical",
    "dataset": "dataset", "software": "software", "video": "video", "audio": "audio",
}  # fmt: skip
_WEB_TYPES = frozenset({"online", "electronic", "www", "webpage"})

# What `howpublished`/`type`/`entrysubtype` may say a resource is, most specific first.
_HINTS = (
    (re.compile(r"slide|presentation|powerpoint|lecture|talk|poster|keynote|webinar", re.I),
     "presentation"),
    (re.compile(r"\bform\b|handout|survey|questionnaire|leaflet|brochure|flyer", re.I),
     "handout"),
    (re.compile(r"web ?site|home ?page|web ?page", re.I), "webpage"),
    (re.compile(r"report|white ?paper|working paper", re.I), "report"),
)
# Where a presentation was given: an event field, or a description that names it ("Talk at
# the Balint congress").
_EVENT_FIELDS = ("eventtitle", "venue", "eventdate")
_AT_EVENT = re.compile(r"\b(?:at|presented|given)\b", re.I)
# What an issuing body's name has ("The Balint Society", "Royal College of …"): a
# `howpublished` that says who issued a text, not what it is.
_BODY = re.compile(r"\b(?:society|association|college|universit(?:y|ät)|institut[eo]?|academy|"
                   r"council|organi[sz]ation|federation|foundation|department|ministry|"
                   r"cent(?:re|er)|committee|board|trust|agency|office|school|hospital|"
                   r"clinic|service)\b", re.I)
_URL = re.compile(r"\s*(?:\\url\{)?https?://", re.I)
# A URL of a file (a PDF, a Word document, slides): what is there is a document, not a page.
_FILE_URL = re.compile(r"\.(?:pdf|docx?|odt|rtf|pptx?|odp|xlsx?|epub)(?:[?#].*)?\Z", re.I)
_THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}


def entry_type_for_crossref(crossref_type: str) -> str:
    """The entry type of a new entry made from a Crossref work (`balint-bib add`): the first
    fixed entry type whose kind may be that work type; `misc` for anything else."""
    return next((entry_type for entry_type, kind in _FIXED.items()
                 if crossref_type in KINDS[kind].crossref), "misc")


def enrich_fields_of_type(entry_type: str) -> frozenset[str]:
    """The fields enrichment may fill on an entry of a fixed `entry_type`."""
    kind = _FIXED.get(entry_type)
    return KINDS[kind].enrich if kind else frozenset()


def described_as(record: Record) -> str:
    """What the entry says it is: `howpublished` (unless it is a URL), `type`, `entrysubtype`."""
    how = record.text("howpublished") or ""
    if _URL.match(how):
        how = ""
    return " ".join(v for v in (how, record.text("type"), record.text("entrysubtype")) if v)


def kind_of(record: Record) -> Kind:
    """The one kind of an entry."""
    fixed = _FIXED.get(record.entry_type)
    if fixed and not (fixed == "manuscript" and _hinted(record) in ("presentation", "slides")):
        return KINDS[fixed]
    return KINDS[_loose_kind(record)]


def names_a_body(text: str) -> bool:
    """Whether `howpublished` names who issued the work ("The Balint Society") rather than
    saying what it is ("Slide presentation", "Handout")."""
    return bool(_BODY.search(text)) and not any(p.search(text) for p, _ in _HINTS)


def _hinted(record: Record) -> str | None:
    what = described_as(record)
    hinted = next((kind for pattern, kind in _HINTS if pattern.search(what)), None)
    if hinted == "presentation" and not (any(f in record for f in _EVENT_FIELDS)
                                         or _AT_EVENT.search(what)):
        return "slides"
    return hinted


def _loose_kind(record: Record) -> str:
    """@misc, @online and unknown types: what they say they are, else what their fields show."""
    hinted = _hinted(record)
    if hinted:
        return hinted
    if "institution" in record:
        return "report"
    if names_a_body(record.text("howpublished") or "") or (
            described_as(record).strip() and _has_issuer(record)):
        return "handout"  # a text its issuer is known for
    if described_as(record).strip() or _FILE_URL.search(record.verbatim("url") or ""):
        return "document"  # a text, though published on a web site
    if record.entry_type in _WEB_TYPES:
        return "webpage"
    has_publication = any(f in record for f in ("publisher", "journal", "booktitle"))
    if "url" in record and not has_publication:
        return "webpage"  # a web site as a whole: nothing but its address
    return "document"


def _has_issuer(record: Record) -> bool:
    """An organisation field, or a body as the (first) author: "American Balint Society"."""
    authors = record.names("author")
    return "organization" in record or "publisher" in record or bool(
        authors and authors[0].is_corporate)


def thesis_genre(record: Record) -> str:
    """"PhD thesis" / "Master's thesis" for the classic thesis types; else ''."""
    return _THESIS_GENRES.get(record.entry_type, "")


# --- writing the type back out -------------------------------------------------------------

# BibTeX's own names that biblatex spells differently (its data model's preferred type).
_BIBLATEX_NAMES = {"techreport": "report", "electronic": "online", "www": "online",
                   "conference": "inproceedings", "phdthesis": "thesis",
                   "mastersthesis": "thesis"}
# What biblatex's `type` field says for the thesis types it folds into @thesis.
BIBLATEX_THESIS_TYPES = {"phdthesis": "phdthesis", "mastersthesis": "mathesis"}


def biblatex_entry_type(entry_type: str) -> str:
    """The entry type as `--format biblatex` writes it."""
    return _BIBLATEX_NAMES.get(entry_type, entry_type)


# --- the BibTeX and biblatex data models (validation) ----------------------------------------

BIBTEX_ENTRY_TYPES = _words(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis "
    "misc phdthesis proceedings techreport unpublished"
)
BIBLATEX_ENTRY_TYPES = _words(
    "article book mvbook inbook bookinbook suppbook booklet collection mvcollection "
    "incollection suppcollection dataset manual misc online patent periodical "
    "suppperiodical proceedings mvproceedings inproceedings reference mvreference "
    "inreference report set software thesis unpublished xdata conference electronic "
    "mastersthesis phdthesis techreport www artwork audio bibnote commentary image "
    "jurisdiction legislation legal letter movie music performance review standard video"
)
KNOWN_ENTRY_TYPES = BIBTEX_ENTRY_TYPES | BIBLATEX_ENTRY_TYPES

_YEAR = ("year", "date")
_JOURNAL = ("journal", "journaltitle")
_FOLLOWABLE = (("title",), ("url", "howpublished"))  # the project's rule for @misc/@online

# Required fields per entry type, as groups of alternatives: one of each group must be
# there. BibTeX's and biblatex's models merged, so a file in either dialect passes.
REQUIRED_FIELDS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), _JOURNAL, _YEAR),
    "book": (("author", "editor"), ("title",), ("publisher",), _YEAR),
    "mvbook": (("author", "editor"), ("title",), _YEAR),
    "booklet": (("title",),),
    "inbook": (("author", "editor"), ("title",), ("chapter", "pages", "booktitle"), _YEAR),
    "bookinbook": (("author",), ("title",), ("booktitle",), _YEAR),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), _YEAR),
    "inproceedings": (("author",), ("title",), ("booktitle",), _YEAR),
    "conference": (("author",), ("title",), ("booktitle",), _YEAR),
    "collection": (("editor",), ("title",), _YEAR),
    "proceedings": (("title",), _YEAR),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), _YEAR),
    "phdthesis": (("author",), ("title",), ("school", "institution"), _YEAR),
    "thesis": (("author",), ("title",), ("type",), ("institution", "school"), _YEAR),
    "techreport": (("author",), ("title",), ("institution",), _YEAR),
    "report": (("author",), ("title",), ("institution",), _YEAR),
    "unpublished": (("author",), ("title",)),
    "patent": (("author",), ("title",), ("number",), _YEAR),
    "periodical": (("editor",), ("title",), _YEAR),
    "misc": _FOLLOWABLE,
    "online": _FOLLOWABLE,
    "electronic": _FOLLOWABLE,
    "www": _FOLLOWABLE,
}
