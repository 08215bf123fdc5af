"""Reads Zotero RDF back the way Zotero's RDF import translator does, for the tests.

Only what the exporter writes is read: item type from `z:itemType`, fields from the item
and its container, creators from the role sequences, notes, tags and the collection tree.
"""

from __future__ import annotations

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from balint_bib.exporters.zotero_rdf import BIB, DC, DCTERMS, FOAF, PRISM, VCARD, Z

BASE = "http://import.test/file.rdf"
ROLES = {BIB.authors: "author", BIB.editors: "editor", Z.presenters: "presenter"}


def parse(data: bytes) -> Graph:
    graph = Graph()
    graph.parse(data=data, format="xml", publicID=BASE)
    return graph


def _one(graph: Graph, subject: Node, predicate: URIRef) -> str | None:
    values = [str(v) for v in graph.objects(subject, predicate)]
    assert len(values) <= 1, f"{predicate} appears {len(values)} times on {subject}"
    return values[0] if values else None


def read_items(graph: Graph) -> dict[str, dict]:
    """Items by title, each a dict of Zotero field name → value."""
    items = {}
    for node in graph.subjects(Z.itemType, None):
        item: dict = {"itemType": _one(graph, node, Z.itemType), "uri": str(node)}
        containers = list(graph.objects(node, DCTERMS.isPartOf))
        parts = [node, *containers]
        for container in containers:
            kind = graph.value(container, RDF.type)
            if kind in (BIB.Journal, BIB.Book, Z.Website):
                field = {BIB.Journal: "publicationTitle", BIB.Book: "bookTitle",
                         Z.Website: "websiteTitle"}[kind]
                item[field] = _one(graph, container, DC.title)
            elif kind == BIB.Series:
                item["series"] = _one(graph, container, DC.title)
        item["title"] = _one(graph, node, DC.title)
        simple = {"date": DC.date, "pages": BIB.pages, "edition": PRISM.edition,
                  "language": Z.language, "abstractNote": DCTERMS.abstract,
                  "extra": DC.description, "type": DC.type,
                  "accessDate": DCTERMS.dateSubmitted, "accessDateOnly": Z.accessDate}
        for name, predicate in simple.items():
            item[name] = _one(graph, node, predicate)
        for part in parts:
            for name, predicate in (("volume", PRISM.volume), ("issue", PRISM.number),
                                    ("journalAbbreviation", DCTERMS.alternative)):
                item[name] = item.get(name) or _one(graph, part, predicate)
        identifiers = [str(v) for part in parts for v in graph.objects(part, DC.identifier)
                       if not isinstance(v, URIRef) and graph.value(v, RDF.value) is None]
        for prefix in ("ISBN", "ISSN", "DOI"):
            found = [i[len(prefix) + 1:] for i in identifiers if i.startswith(prefix + " ")]
            item[prefix] = found[0] if found else None
        urls = [str(graph.value(v, RDF.value)) for v in graph.objects(node, DC.identifier)
                if graph.value(v, RDF.type) == DCTERMS.URI]
        item["url"] = urls[0] if urls else None
        publisher = graph.value(node, DC.publisher)
        item["publisher"] = _one(graph, publisher, FOAF.name) if publisher else None
        address = graph.value(publisher, VCARD.adr) if publisher else None
        item["place"] = _one(graph, address, VCARD.locality) if address else None
        item["creators"] = _creators(graph, node)
        item["tags"] = sorted(str(t) for t in graph.objects(node, DC.subject))
        item["notes"] = [str(graph.value(memo, RDF.value))
                         for memo in graph.objects(node, DCTERMS.isReferencedBy)
                         if graph.value(memo, RDF.type) == BIB.Memo]
        items[item["title"]] = {k: v for k, v in item.items() if v not in (None, [])}
    return items


def _creators(graph: Graph, node: Node) -> list[tuple[str, str, str | None]]:
    creators = []
    for predicate, role in ROLES.items():
        sequence = graph.value(node, predicate)
        if sequence is None:
            continue
        assert graph.value(sequence, RDF.type) == RDF.Seq
        members = sorted((int(str(p).rsplit("_", 1)[1]), o)
                         for p, o in graph.predicate_objects(sequence)
                         if str(p).startswith(str(RDF) + "_"))
        for _, person in members:
            assert graph.value(person, RDF.type) == FOAF.Person
            given = graph.value(person, FOAF.givenName)
            creators.append((role, str(graph.value(person, FOAF.surname)),
                             str(given) if given else None))
    return creators


def read_collections(graph: Graph) -> dict[str, dict[str, list[str]]]:
    """{top collection: {sub-collection: [item titles]}} for top-level collections."""
    tree = {}
    collections = set(graph.subjects(RDF.type, Z.Collection))
    for top in collections:
        if any(graph.subjects(DCTERMS.hasPart, top)):
            continue
        children = {}
        for child in graph.objects(top, DCTERMS.hasPart):
            assert child in collections
            children[str(graph.value(child, DC.title))] = sorted(
                str(graph.value(item, DC.title)) for item in graph.objects(child, DCTERMS.hasPart))
        tree[str(graph.value(top, DC.title))] = children
    return tree
