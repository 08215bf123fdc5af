"""Zotero RDF (File → Import in Zotero), in the form Zotero's own "Zotero RDF" export writes.

The output is an rdflib graph serialised by rdflib as RDF/XML. What decides an import is
in /work/shared/notes/zotero-rdf-format.md; in short: `z:itemType` with the exact Zotero
type name on every item, containers (`bib:Journal`, `bib:Book`, `z:Website`) holding the
publication details, creators as an `rdf:Seq` of `foaf:Person`, annotations (and notes) as
`bib:Memo` child notes, values without a field in Extra (`dc:description`), keywords as
`dc:subject`, one `z:Collection` per syllabus and a numbered sub-collection per section,
and a unique `#item_N`/`#collection_N` for every node.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import count

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from ..syllabus import Syllabus, collection_names
from . import rdfxml
from .base import ExportRequest
from .items import (
    BOOK,
    BOOK_SECTION,
    JOURNAL_ARTICLE,
    MANUSCRIPT,
    PRESENTATION,
    REPORT,
    THESIS,
    TYPES_WITH_DOI,
    WEBPAGE,
    Creator,
    Item,
    to_item,
)
from .rdfxml import Subject, Triple
from .zotero_fields import types_with


class _Vocabulary:
    """A namespace's terms, each made once (an rdflib Namespace makes a new URIRef on every
    access, and as a `str` it answers `.title` with str.title)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._terms: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = URIRef(self.base + name)
        return term


# One group of triples (an item with its notes, or a syllabus's collections) as a plain
# list, literals as plain `str`: adding to rdflib's store, or making an rdflib Literal per
# value, cost more than the whole export. `build_graph` makes the rdflib graph from them.
_Triples = list[Triple]


# rdflib makes a new term on every access to these
_TYPE, _SEQ, _VALUE = RDF.type, RDF.Seq, RDF.value
Z = _Vocabulary("http://www.zotero.org/namespaces/export#")
DC = _Vocabulary("http://purl.org/dc/elements/1.1/")
DCTERMS = _Vocabulary("http://purl.org/dc/terms/")
BIB = _Vocabulary("http://purl.org/net/biblio#")
FOAF = _Vocabulary("http://xmlns.com/foaf/0.1/")
PRISM = _Vocabulary("http://prismstandard.org/namespaces/1.2/basic/")
VCARD = _Vocabulary("http://nwalsh.com/rdf/vCard#")
NAMESPACES: dict[str, str] = {
    "rdf": str(RDF), "z": Z.base, "dc": DC.base, "dcterms": DCTERMS.base, "bib": BIB.base,
    "foaf": FOAF.base, "prism": PRISM.base, "vcard": VCARD.base,
}

# rdf:type per Zotero type, as Zotero writes it; `document` has none (rdf:Description).
ITEM_CLASSES = {
    JOURNAL_ARTICLE: BIB.Article, BOOK: BIB.Book, BOOK_SECTION: BIB.BookSection,
    WEBPAGE: BIB.Document, REPORT: BIB.Report, PRESENTATION: BIB.ConferenceProceedings,
    THESIS: BIB.Thesis, MANUSCRIPT: BIB.Manuscript,
}  # fmt: skip
CONTAINER_CLASSES = {JOURNAL_ARTICLE: BIB.Journal, BOOK_SECTION: BIB.Book, WEBPAGE: Z.Website}
# Zotero's own order, roughly: type, containers and people first, then the fields.
PROPERTY_ORDER = (
    Z.itemType, DCTERMS.isPartOf, DC.publisher, BIB.authors, Z.presenters, BIB.editors,
    DC.title, DCTERMS.alternative, PRISM.volume, PRISM.number, DC.date, PRISM.edition,
    BIB.pages, DC.type, Z.language, DCTERMS.abstract, DC.identifier, DCTERMS.dateSubmitted,
    Z.accessDate, DC.description, DC.subject, DCTERMS.isReferencedBy, FOAF.surname,
    FOAF.givenName, FOAF.name, VCARD.adr, DCTERMS.hasPart,
)
# Types whose publisher Zotero keeps (publisher; institution for a report, university for
# a thesis), place, and type field written as dc:type (websiteType, reportType, …).
# The one table of which type has which field (what has none goes to Extra).
TYPES_WITH_PUBLISHER = types_with("publisher")
TYPES_WITH_PLACE = types_with("place")
TYPES_WITH_GENRE = types_with("genre")


@dataclass
class _Ids:
    """Sequential node names: `#item_N` for items and notes, `#collection_N`, `nN` blank nodes."""

    items: count[int]
    collections: count[int]
    blanks: count[int]

    def item(self) -> URIRef:
        return URIRef(f"#item_{next(self.items)}")

    def collection(self) -> URIRef:
        return URIRef(f"#collection_{next(self.collections)}")

    def blank(self) -> BNode:
        return BNode(f"n{next(self.blanks)}")


def build_triples(items: Iterable[Item], syllabi: Iterable[Syllabus] = ()
                  ) -> Iterator[_Triples]:
    """The graph in groups, made as they are consumed: each item with its containers,
    creators and note, then each syllabus's collections. No blank node is shared between
    groups, and node names grow from group to group (what `rdfxml.serialize_groups`
    needs)."""
    ids = _Ids(count(1), count(1), count(1))
    nodes: dict[str, URIRef] = {}
    for item in items:
        group: _Triples = []
        nodes[item.key] = _add_item(group, item, ids)
        yield group
    for syllabus in syllabi:
        collections: _Triples = []
        _add_collections(collections, syllabus, nodes, ids)
        yield collections


def build_graph(items: Iterable[Item], syllabi: Iterable[Syllabus] = ()) -> Graph:
    """The same triples as an rdflib Graph (for callers that query it)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, Namespace(namespace))
    for group in build_triples(items, syllabi):
        for subject, predicate, value in group:
            term = value if isinstance(value, Node) else Literal(value)
            graph.add((subject, predicate, term))
    return graph


def render_graph(graph: Graph) -> bytes:
    """RDF/XML in Zotero's layout: items with their notes, then collections."""
    return rdfxml.serialize(graph, PROPERTY_ORDER, last=(Z.Collection,))


def _add_item(graph: _Triples, item: Item, ids: _Ids) -> URIRef:
    node = ids.item()
    add = _adder(graph)
    if item.item_type in ITEM_CLASSES:
        graph.append((node, _TYPE, ITEM_CLASSES[item.item_type]))
    add(node, Z.itemType, item.item_type)

    container: Subject = node
    if item.item_type in CONTAINER_CLASSES:
        container = ids.blank()
        graph.append((node, DCTERMS.isPartOf, container))
        graph.append((container, _TYPE, CONTAINER_CLASSES[item.item_type]))
        add(container, DC.title, item.container_title)
    if item.item_type == JOURNAL_ARTICLE:
        add(container, DCTERMS.alternative, item.journal_abbreviation)
        add(container, PRISM.volume, item.volume)
        add(container, PRISM.number, item.issue)
        add(container, DC.identifier, f"ISSN {item.issn}" if item.issn else "")
    elif item.item_type in (BOOK, BOOK_SECTION, REPORT):
        add(node, PRISM.volume, item.volume if item.item_type != REPORT else "")
        add(node, PRISM.number, item.issue if item.item_type == REPORT else "")
    if item.doi and item.item_type in TYPES_WITH_DOI:
        add(container, DC.identifier, f"DOI {item.doi}")
    if item.isbn and item.item_type in (BOOK, BOOK_SECTION):
        add(container, DC.identifier, f"ISBN {item.isbn}")

    _add_publisher(graph, node, item, ids)
    _add_creators(graph, node, item, ids)
    if item.series and item.item_type in (BOOK, BOOK_SECTION, REPORT):
        series = ids.blank()
        graph.append((container, DCTERMS.isPartOf, series))
        graph.append((series, _TYPE, BIB.Series))
        add(series, DC.title, item.series)

    add(node, DC.title, item.title)
    add(node, DC.date, item.date)
    add(node, PRISM.edition, item.edition if item.item_type in (BOOK, BOOK_SECTION) else "")
    add(node, BIB.pages, item.pages if item.item_type in (JOURNAL_ARTICLE, BOOK_SECTION, REPORT)
        else "")
    if item.item_type in TYPES_WITH_GENRE:
        add(node, DC.type, item.genre)
    add(node, Z.language, item.language)
    add(node, DCTERMS.abstract, item.abstract)
    if item.url:
        uri = ids.blank()
        graph.append((node, DC.identifier, uri))
        graph.append((uri, _TYPE, DCTERMS.URI))
        add(uri, _VALUE, item.url)
    if item.access_date:
        # Zotero's importer takes dcterms:dateSubmitted as the date when there is no
        # dc:date; z:accessDate sets the access date alone.
        stamp = f"{item.access_date} 00:00:00"
        add(node, DCTERMS.dateSubmitted if item.date else Z.accessDate, stamp)
    add(node, DC.description, "\n".join(item.extra_lines))
    for keyword in item.keywords:
        add(node, DC.subject, keyword)
    _add_notes(graph, node, item, ids)
    return node


def _add_notes(graph: _Triples, node: URIRef, item: Item, ids: _Ids) -> None:
    """The annotation, then a BibTeX `note`, each a child note (Zotero has no note field)."""
    for text in (item.annotation, item.note):
        if text:
            _add_note(graph, node, text, ids)


def _add_note(graph: _Triples, node: URIRef, text: str, ids: _Ids) -> None:
    """A child note (`bib:Memo`)."""
    memo = ids.item()
    graph.append((node, DCTERMS.isReferencedBy, memo))
    graph.append((memo, _TYPE, BIB.Memo))
    graph.append((memo, _VALUE, note_html(text)))


def note_html(text: str) -> str:
    """A Zotero note: HTML (escaped here; the XML writer escapes it once more)."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def _add_publisher(graph: _Triples, node: URIRef, item: Item, ids: _Ids) -> None:
    publisher = item.publisher if item.item_type in TYPES_WITH_PUBLISHER else ""
    place = item.place if item.item_type in TYPES_WITH_PLACE else ""
    if not (publisher or place):
        return
    organization = ids.blank()
    graph.append((node, DC.publisher, organization))
    graph.append((organization, _TYPE, FOAF.Organization))
    _adder(graph)(organization, FOAF.name, publisher)
    if place:
        address = ids.blank()
        graph.append((organization, VCARD.adr, address))
        graph.append((address, _TYPE, VCARD.Address))
        graph.append((address, VCARD.locality, place))


def _add_creators(graph: _Triples, node: URIRef, item: Item, ids: _Ids) -> None:
    # A presentation's creators are presenters, which Zotero writes as z:presenters.
    author_property = Z.presenters if item.item_type == PRESENTATION else BIB.authors
    for prop, creators in ((author_property, item.authors), (BIB.editors, item.editors)):
        if creators:
            sequence = ids.blank()
            graph.append((node, prop, sequence))
            graph.append((sequence, _TYPE, _SEQ))
            for position, creator in enumerate(creators, start=1):
                graph.append((sequence, _member(position), _person(graph, creator, ids)))


def _person(graph: _Triples, creator: Creator, ids: _Ids) -> BNode:
    # An organisation is a person with a surname only: Zotero imports it as one field.
    person = ids.blank()
    graph.append((person, _TYPE, FOAF.Person))
    graph.append((person, FOAF.surname, creator.family))
    if creator.given and not creator.corporate:
        graph.append((person, FOAF.givenName, creator.given))
    return person


def _add_collections(graph: _Triples, syllabus: Syllabus, nodes: dict[str, URIRef],
                     ids: _Ids) -> None:
    title, section_names = collection_names(syllabus)
    top = ids.collection()
    graph.append((top, _TYPE, Z.Collection))
    graph.append((top, DC.title, title))
    for name, section in zip(section_names, syllabus.sections, strict=True):
        child = ids.collection()
        graph.append((top, DCTERMS.hasPart, child))
        graph.append((child, _TYPE, Z.Collection))
        graph.append((child, DC.title, name))
        for key in section.keys:
            if key in nodes:
                graph.append((child, DCTERMS.hasPart, nodes[key]))


_MEMBERS: dict[int, URIRef] = {}


def _member(position: int) -> URIRef:
    if position not in _MEMBERS:
        _MEMBERS[position] = RDF[f"_{position}"]
    return _MEMBERS[position]


def _adder(graph: _Triples) -> Callable[[Subject, URIRef, str], None]:
    append = graph.append

    def add(subject: Subject, predicate: URIRef, value: str) -> None:
        if value:  # an empty field is left out, as Zotero does
            append((subject, predicate, value))

    return add


@dataclass(frozen=True)
class ZoteroRdfExporter:
    name: str = "zotero-rdf"
    description: str = "Zotero RDF with notes, tags and one collection per syllabus"
    suffix: str = ".rdf"

    def render(self, request: ExportRequest) -> bytes:
        # Item by item: the triples and text of one item are dropped once it is written.
        groups = build_triples((to_item(r) for r in request.records), request.syllabi)
        return rdfxml.serialize_groups(groups, PROPERTY_ORDER, last=(Z.Collection,),
                                       namespaces=NAMESPACES)


ZOTERO_RDF = ZoteroRdfExporter()
