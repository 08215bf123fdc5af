"""The fields each entry type needs and allows: BibTeX's classic model and biblatex's,
merged so that a file in either dialect passes (`journal` or `journaltitle`, `year`
or `date`). Requirements are lists of alternatives: one of each group must be there.
"""

from __future__ import annotations

from ..kinds import REQUIRED_FIELDS

# The project's rule that a @misc or @online says where to find it (the dataset profile).
FOLLOWABLE = ("url", "howpublished")

REQUIRED = REQUIRED_FIELDS  # per entry type, from the one table in kinds

_PERSONS = (
    "author editor translator annotator commentator introduction foreword afterword "
    "bookauthor editora editorb editorc holder editortype editoratype editorbtype "
    "editorctype authortype shortauthor shorteditor namea nameb namec"
)
_TITLES = (
    "title subtitle titleaddon shorttitle origtitle indextitle indexsorttitle "
    "maintitle mainsubtitle maintitleaddon booktitle booksubtitle booktitleaddon "
    "journal journaltitle journalsubtitle issuetitle issuesubtitle shortjournal "
    "eventtitle eventtitleaddon series shortseries reprinttitle"
)
_PUBLICATION = (
    "publisher address location organization institution school howpublished "
    "edition volume volumes number issue part chapter pages pagetotal pagination "
    "bookpagination eid type version note addendum pubstate language origlanguage "
    "origlocation origpublisher venue eventdate origdate year month day date "
    "endyear urldate isbn issn isrn ismn isan iswc doi url eprint eprinttype "
    "eprintclass archiveprefix primaryclass pmid pmcid arxiv mrnumber zbl lccn "
    "library file crossref xref xdata entryset related relatedtype relatedstring "
    "relatedoptions ids execute options keywords abstract annote annotation "
    "label shorthand shorthandintro sortkey sortname sorttitle sortyear presort "
    "langid langidopts hyphenation gender key usera userb userc userd usere "
    "userf verba verbb verbc lista listb listc listd liste listf howpublished "
    "copyright rights urlyear urlmonth lastchecked accessed timestamp owner "
    "groups ranking readstatus priority qualityassured comment comments "
    "mendeley-tags mendeley-groups citeulike-article-id bdsk-url-1 local-url "
    "casrai note"
)
# The fields of biblatex's data model (biber's default, `biber-tool.conf`) and BibTeX's
# classic fields with the aliases biber maps (address, annote, journal, school …): the
# only names a misspelling is corrected to. Tool fields (arxiv, pmid, timestamp,
# mendeley-tags …) are known, so not reported, but never suggested.
_STANDARD = (
    """abstract addendum afterword annotation annotator author authortype bookauthor
    bookpagination booksubtitle booktitle booktitleaddon chapter commentator crossref date
    doi edition editor editora editoratype editorb editorbtype editorc editorctype
    editortype eid entryset entrysubtype eprint eprintclass eprinttype eventdate eventtitle
    eventtitleaddon execute file foreword gender holder howpublished ids indexsorttitle
    indextitle institution introduction isan isbn ismn isrn issn issue issuesubtitle
    issuetitle issuetitleaddon iswc journalsubtitle journaltitle journaltitleaddon keywords
    label langid langidopts language library lista listb listc listd liste listf location
    mainsubtitle maintitle maintitleaddon namea nameaddon nameatype nameb namebtype namec
    namectype note number options organization origdate origlanguage origlocation
    origpublisher origtitle pages pagetotal pagination part presort publisher pubstate
    related relatedoptions relatedstring relatedtype reprinttitle series shortauthor
    shorteditor shorthand shorthandintro shortjournal shortseries shorttitle sortkey
    sortname sortshorthand sorttitle sortyear subtitle title titleaddon translator type url
    urldate usera userb userc userd usere userf venue verba verbb verbc version volume
    volumes xdata xref year month day endyear
    address annote archiveprefix journal key pdf primaryclass school"""
)
STANDARD_FIELDS: frozenset[str] = frozenset(_STANDARD.split())
KNOWN_FIELDS: frozenset[str] = STANDARD_FIELDS | frozenset(
    (_PERSONS + " " + _TITLES + " " + _PUBLICATION).split())

_SERIAL = frozenset(["article", "periodical", "suppperiodical", "review"])
_IN_BOOK = frozenset(
    [
        "inbook",
        "bookinbook",
        "suppbook",
        "incollection",
        "suppcollection",
        "inproceedings",
        "conference",
        "inreference",
    ]
)
_THESES = frozenset(["thesis", "mastersthesis", "phdthesis"])
# An @article's publisher is the journal's (Crossref and Zotero record it, CSL may print
# it; BibTeX styles skip it): metadata, not a wrong entry type.
_NO_PUBLISHER = frozenset(
    [
        "online",
        "electronic",
        "www",
        "thesis",
        "mastersthesis",
        "phdthesis",
        "unpublished",
        "patent",
        "periodical",
        "report",
        "techreport",
    ]
)
_WHOLE_VOLUMES = frozenset(
    [
        "book",
        "mvbook",
        "collection",
        "mvcollection",
        "proceedings",
        "mvproceedings",
        "periodical",
        "reference",
        "mvreference",
    ]
)


# biblatex's data model (blx-dm.def, `\DeclareDatamodelEntryfields`) lists `pages` for these
# whole volumes too, for citing a part of them; its mv* types and @periodical have none.
_PAGES_IN_BIBLATEX = frozenset(["book", "collection", "reference", "proceedings"])


# What a crossref target (a @proceedings, a @book) may carry only for its children.
INHERITED_BY_PARTS = frozenset(["booktitle", "booksubtitle", "booktitleaddon"])


# The fields `allowed_for` restricts; every other known field is allowed anywhere.
TYPE_BOUND = frozenset(["journal", "journaltitle", "journalsubtitle", "issuetitle",
                        "issuesubtitle", "issue", "shortjournal", "booktitle", "booksubtitle",
                        "booktitleaddon", "school", "publisher", "pages", "edition"])


# Fields that only make sense for some types; any other known field is allowed anywhere.
def allowed_for(field: str, entry_type: str, dialect: str | None = None) -> bool:
    """Whether `entry_type` uses `field`; in a "biblatex" file, by biblatex's model where it
    allows more than BibTeX's (None or "bibtex": BibTeX's, the stricter)."""
    if field in (
        "journal",
        "journaltitle",
        "journalsubtitle",
        "issuetitle",
        "issuesubtitle",
        "issue",
        "shortjournal",
    ):
        return entry_type in _SERIAL
    if field in ("booktitle", "booksubtitle", "booktitleaddon"):
        return entry_type in _IN_BOOK
    if field == "school":
        return entry_type in _THESES
    if field == "publisher":
        return entry_type not in _NO_PUBLISHER
    if field == "pages":
        # A whole book has a page total, not a page range (JabRef's proceedings rule).
        if dialect == "biblatex" and entry_type in _PAGES_IN_BIBLATEX:
            return True
        return entry_type not in _WHOLE_VOLUMES
    if field == "edition":
        return entry_type not in _SERIAL
    return True


def type_hint(field: str) -> str:
    """Where a type-bound field belongs, for messages."""
    return {
        "journal": "@article",
        "journaltitle": "@article",
        "issue": "@article",
        "booktitle": "@incollection, @inproceedings or @inbook",
        "school": "@phdthesis or @mastersthesis",
        "publisher": "@book, @incollection, @misc …",
        "pages": "parts of a book (use pagetotal for the whole)",
        "edition": "@book and its parts",
    }.get(field, "other entry types")
