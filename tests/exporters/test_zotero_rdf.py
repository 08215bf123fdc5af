"""Zotero RDF: read back with rdflib, field by field, and compared with files Zotero wrote."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef

import balint_bib
from balint_bib.exporters.zotero_rdf import BIB, DC, DCTERMS, FOAF, Z
from tests.support.tools import FIXTURES, run_cli
from tests.support.zotero_reader import BASE, parse, read_collections, read_items

ALL_TYPES = FIXTURES / "export" / "all-types.bib"
COURSE = FIXTURES / "export" / "course.toml"
EXAMPLES = Path("/work/shared/notes/zotero-rdf-examples")
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


@pytest.fixture(scope="module")
def output() -> bytes:
    records = balint_bib.load(ALL_TYPES)
    return balint_bib.export(records, "zotero-rdf", (balint_bib.load_syllabus(COURSE),))


@pytest.fixture(scope="module")
def items(output: bytes) -> dict[str, dict]:
    found = read_items(parse(output))
    for item in found.values():
        item.pop("uri")
    return found


EXPECTED = {
    "Balint work in England: lessons for American family medicine": {
        "itemType": "journalArticle",
        "creators": [("author", "Scheingold", "Lee"), ("author", "Brock", "Carol D.")],
        "publicationTitle": "The Journal of Family Practice", "journalAbbreviation": "J Fam Pract",
        "volume": "26", "issue": "3", "pages": "315-320", "date": "1988-03",
        "ISSN": "0094-3509", "DOI": "10.1000/jfp.1988.26.315",
        "extra": "Citation Key: Scheingold1988\nPMID: 3346632",
        "url": "https://example.org/jfp/26/315", "accessDate": "2024-05-01 00:00:00",
        "language": "English", "tags": ["Balint groups", "family medicine"],
        "notes": ["<p>Classic article on how Balint groups are conducted.</p>"],
    },
    "The Doctor, His Patient and the Illness": {
        "itemType": "book", "creators": [("author", "Balint", "Michael")],
        "edition": "2", "publisher": "Pitman Medical", "place": "London", "date": "1964",
        "ISBN": "978-0-443-06460-9", "extra": "Citation Key: Balint1957\nDOI: 10.1000/book.1964",
        "tags": ["Balint method"],
        "notes": ["<p>Dense to read, but the introduction is worth it.</p>"],
    },
    "Balint groups and the Balint method": {
        "itemType": "bookSection",
        "creators": [("author", "Salinsky", "John"), ("editor", "Sackin", "Paul"),
                     ("editor", "The Balint Society", None)],
        "bookTitle": "The Balint Society Handbook", "publisher": "The Balint Society",
        "place": "London", "date": "2003", "pages": "1-12", "ISBN": "978-0-000-00000-2",
        "extra": "Citation Key: Salinsky2003",
    },
    "What to Expect as a Member of a Balint Group": {
        "itemType": "document", "creators": [("author", "The American Balint Society", None)],
        "publisher": "American Balint Society", "date": "2007",
        "url": "https://www.americanbalintsociety.org/expect.pdf",
        "accessDate": "2024-02-03 00:00:00", "tags": ["handout"], "extra": "Citation Key: ABS2007",
        "notes": ["<p>A handout for new participants.</p>"],
    },
    "American Balint Society": {
        "itemType": "webpage", "creators": [("author", "American Balint Society", None)],
        "url": "https://www.americanbalintsociety.org/",
        # No date: the access date must not be where Zotero would take it as the date.
        "accessDateOnly": "2024-02-03 00:00:00", "extra": "Citation Key: ABSWebsite",
    },
    "An Introduction to Balint Groups": {
        "itemType": "presentation", "creators": [("presenter", "American Balint Society", None)],
        "type": "Slide presentation", "date": "2015", "place": "Chicago",
        "url": "https://www.americanbalintsociety.org/intro.pptx",
        "extra": "Citation Key: ABSIntro",
        "notes": ["<p>A PowerPoint presentation introducing the Balint purpose and method.</p>"],
    },
    "Resident Evaluation of Balint Group": {
        "itemType": "document",
        "creators": [("author", "Crossman", "Susan"), ("author", "Magee", "M. L.")],
        # A document has no type field: howpublished goes to Extra, as Zotero's BibTeX does.
        "publisher": "Virginia Commonwealth University",
        "extra": "Citation Key: CrossmanMagee\nPublished: Evaluation form",
    },
    "Essential and Desirable Characteristics of a Balint Group": {
        "itemType": "report", "creators": [("author", "Sackin", "Paul")],
        "publisher": "The Balint Society", "place": "London", "type": "Guidance",
        "issue": "7", "date": "1994", "pages": "1-4", "extra": "Citation Key: Sackin1994",
    },
}  # fmt: skip


@pytest.mark.parametrize("title", sorted(EXPECTED))
def test_every_field_of_every_entry(items: dict[str, dict], title: str) -> None:
    assert items[title] == {"title": title, **EXPECTED[title]}


def test_one_item_per_entry_and_all_seven_types(items: dict[str, dict]) -> None:
    assert set(items) == set(EXPECTED)
    assert {i["itemType"] for i in items.values()} == {
        "journalArticle", "book", "bookSection", "document", "webpage", "presentation", "report"}


def test_collections_keep_syllabus_order_when_sorted_by_name(output: bytes) -> None:
    tree = read_collections(parse(output))
    syllabus = balint_bib.load_syllabus(COURSE)
    sections = tree[syllabus.title]
    assert sorted(sections) == [f"{n}. {s.title}" for n, s in enumerate(syllabus.sections, 1)]
    bib = balint_bib.load(ALL_TYPES)
    for number, section in enumerate(syllabus.sections, start=1):
        titles = sorted(bib[key].text("title").replace("{", "").replace("}", "")
                        for key in section.keys)
        assert sections[f"{number}. {section.title}"] == titles


def test_many_sections_are_zero_padded(tmp_path: Path) -> None:
    keys = [r.key for r in balint_bib.load(ALL_TYPES)]
    toml = "title = 'Long'\n" + "".join(
        f"[[sections]]\ntitle = 'S{n}'\nkeys = ['{keys[n % len(keys)]}']\n" for n in range(12))
    path = tmp_path / "long.toml"
    path.write_text(toml)
    data = balint_bib.export(balint_bib.load(ALL_TYPES), "zotero-rdf",
                             (balint_bib.load_syllabus(path),))
    names = list(read_collections(parse(data))["Long"])
    assert sorted(names) == [f"{n + 1:02d}. S{n}" for n in range(12)]


def test_every_node_has_a_unique_about_and_no_bibo(output: bytes) -> None:
    root = ET.fromstring(output)
    abouts = Counter(e.get(RDF_ABOUT) for e in root.iter() if e.get(RDF_ABOUT))
    assert abouts and max(abouts.values()) == 1
    # Items, notes and collections are all top-level and named.
    assert all(child.get(RDF_ABOUT) for child in root)
    assert b"purl.org/ontology/bibo" not in output


def test_no_date_means_no_dateSubmitted(output: bytes) -> None:
    graph = parse(output)
    for item in graph.subjects(Z.itemType, None):
        if graph.value(item, DCTERMS.dateSubmitted) is not None:
            assert graph.value(item, DC.date) is not None


def test_notes_are_escaped_html_in_the_file(output: bytes) -> None:
    assert b"&lt;p&gt;A handout for new participants.&lt;/p&gt;" in output
    assert b"CDATA" not in output


def test_writer_round_trips_the_graph_exactly() -> None:
    from rdflib.compare import isomorphic

    from balint_bib.exporters.items import to_item
    from balint_bib.exporters.zotero_rdf import build_graph, render_graph

    records = balint_bib.load(ALL_TYPES).records
    graph = build_graph([to_item(r) for r in records], (balint_bib.load_syllabus(COURSE),))
    back = parse(render_graph(graph))
    # Relative names resolve against the file's address on parsing.
    rebased = Graph()
    for triple in graph:
        rebased.add(tuple(URIRef(BASE + t) if isinstance(t, URIRef) and t.startswith("#")
                          else t for t in triple))
    assert isomorphic(rebased, back)


def test_shared_blank_nodes_and_typed_literals_round_trip() -> None:
    from rdflib.compare import isomorphic

    from balint_bib.exporters.zotero_rdf import render_graph

    graph = Graph()
    shared = BNode()
    for name in ("a", "b"):
        graph.add((URIRef(f"http://x.test/{name}"), DC.publisher, shared))
    graph.add((shared, FOAF.name, Literal("Org", lang="en")))
    graph.add((URIRef("http://x.test/a"), DC.date, Literal("2020", datatype=DCTERMS.W3CDTF)))
    assert isomorphic(graph, parse(render_graph(graph)))


def test_output_is_the_same_on_every_run(output: bytes) -> None:
    again = balint_bib.export(balint_bib.load(ALL_TYPES), "zotero-rdf",
                              (balint_bib.load_syllabus(COURSE),))
    assert again == output


# --- structure against files Zotero itself exported ----------------------------------

def _shapes(graph: Graph) -> dict[str, dict]:
    """Per item type: predicate → the kinds of value it has (class of a node, or 'literal')."""
    shapes: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for item in graph.subjects(Z.itemType, None):
        kind = str(graph.value(item, Z.itemType))
        shapes[kind][RDF.type] |= {str(t) for t in graph.objects(item, RDF.type)} or {"none"}
        for predicate, value in graph.predicate_objects(item):
            if predicate == RDF.type:
                continue
            if isinstance(value, Literal):
                shapes[kind][predicate].add("literal")
            else:
                shapes[kind][predicate].add(str(graph.value(value, RDF.type)))
                for inner, inner_value in graph.predicate_objects(value):
                    if inner != RDF.type and not str(inner).startswith(str(RDF) + "_"):
                        shapes[kind][(predicate, inner)].add(
                            "literal" if isinstance(inner_value, Literal)
                            else str(graph.value(inner_value, RDF.type)))
    return shapes


def _example_shapes() -> dict[str, dict]:
    merged: dict[str, dict] = defaultdict(lambda: defaultdict(set))
    for path in sorted(EXAMPLES.glob("*.rdf")):
        graph = Graph().parse(path, format="xml")
        for kind, predicates in _shapes(graph).items():
            for predicate, values in predicates.items():
                merged[kind][predicate] |= values
    return merged


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="the real Zotero exports are not here")
def test_same_classes_and_properties_as_zotero_for_the_same_item_types(output: bytes) -> None:
    real = _example_shapes()
    real.pop("note")  # one real memo also carries z:itemType note; ours are plain bib:Memo
    ours = _shapes(parse(output))
    assert set(real) == {"journalArticle", "book", "report", "webpage"}
    for kind in real:
        assert ours[kind][RDF.type] == real[kind][RDF.type], kind
        # Every property both use has the same kind of value (container class, literal, …).
        for predicate in set(ours[kind]) & set(real[kind]):
            allowed = set(real[kind][predicate])
            if predicate == DC.identifier:  # "ISBN …" on a book itself: it has no container
                allowed.add("literal")
            assert ours[kind][predicate] <= allowed, (kind, predicate)
    # The structures the issue names are there, in Zotero's own form.
    assert real["journalArticle"][DCTERMS.isPartOf] == ours["journalArticle"][DCTERMS.isPartOf]
    assert ours["book"][DC.publisher] == real["book"][DC.publisher] == {str(FOAF.Organization)}
    for kind in ("journalArticle", "book", "report"):
        assert ours[kind][BIB.authors] == real[kind][BIB.authors] == {str(RDF.Seq)}
    # Anything ours has that these few files lack is a property Zotero writes elsewhere.
    known_elsewhere = {
        DC.subject, DC.description, DCTERMS.isReferencedBy, Z.accessDate, DC.type, DC.publisher,
        DC.date, BIB.pages, BIB.authors, PRISM_NUMBER, PRISM_EDITION, DCTERMS.dateSubmitted,
        Z.language, DC.identifier,
    }
    for kind in real:
        extra = {p for p in ours[kind] if p not in real[kind] and not isinstance(p, tuple)}
        assert extra <= known_elsewhere, (kind, extra)


PRISM_NUMBER = URIRef("http://prismstandard.org/namespaces/1.2/basic/number")
PRISM_EDITION = URIRef("http://prismstandard.org/namespaces/1.2/basic/edition")


def test_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "course.rdf"
    result = run_cli("export", "--format", "zotero-rdf", ALL_TYPES, "--syllabus", COURSE,
                     "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(read_items(parse(out.read_bytes()))) == len(EXPECTED)


def test_hostile_values_are_escaped_not_injected() -> None:
    from tests.support.hostile import MARKUP, hostile_bibliography

    data = balint_bib.export(hostile_bibliography(), "zotero-rdf")
    root = ET.fromstring(data)  # well-formed XML, or this raises
    # Exactly the nodes we made: two items and one note; nothing injected.
    assert [child.get(RDF_ABOUT) for child in root] == ["#item_1", "#item_2", "#item_3"]
    items = read_items(parse(data))
    hostile = next(i for t, i in items.items() if t.startswith(MARKUP))
    assert "\u202e" not in hostile["title"] and "\x1b" not in hostile["title"]
    assert "\u200f" in hostile["title"]  # a plain right-to-left mark is legitimate text
    assert hostile["tags"] == ["</dc:subject>", "ER -", "TY - JOUR"]
    # The note is HTML: the annotation's own markup arrives as text, not as elements.
    (note,) = hostile["notes"]
    assert note.startswith("<p>") and note.endswith("</p>")
    assert "&lt;img src=x onerror=alert(1)&gt;" in note and "<img" not in note
    assert "&amp;" in note
    assert all("url" not in item for item in items.values())  # javascript: URLs dropped
