"""RDF triples → RDF/XML laid out the way Zotero writes it.

rdflib's own writers are correct RDF/XML, but their output order changes from run to
run, the pretty writer puts HTML notes in CDATA sections, and both label every blank
node. This writer emits, through an XML generator (which does all escaping): URI nodes
top-level in their natural order (`#item_2` before `#item_10`, collections last), every
blank node used once inline in its parent (others top-level with an `rdf:nodeID`),
`rdf:Seq` members as `rdf:li`, and properties in a fixed order. The tests parse the
result back with rdflib and check that it is the same graph.

A graph can also come in groups (`serialize_groups`): each group is indexed, ordered and
written on its own, then dropped, so a large export never holds all its triples or its
whole text at once. That gives the same file as one group holding everything when no
blank node is shared between groups and each group's top-level nodes sort after the
previous group's (as the Zotero exporter's numbered items and collections do).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple
from xml.sax.saxutils import XMLGenerator

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

_MEMBER = re.compile(re.escape(str(RDF)) + r"_(\d+)\Z")
_NUMBERS = re.compile(r"(\d+)")
XML_LANG = "xml:lang"
_TYPE = RDF.type  # rdflib makes a new term on every RDF.type


class PlainLiteral(str):
    """A literal without language or datatype: what a plain list of triples holds where a
    Graph would hold an rdflib Literal (cheaper to make, written the same way)."""

    __slots__ = ()
    language = None
    datatype = None


class Blank(str):
    """A blank node's label: what a plain list of triples holds where a Graph would hold an
    rdflib BNode (cheaper to make, written the same way)."""

    __slots__ = ()


Triples = Iterable[tuple[Node, URIRef, Node]]
PrefixOf = Callable[[URIRef], tuple[str, str]]  # term → (prefix, namespace)

# What a term is, by its class (cached: isinstance on rdflib's classes is slow).
_LITERAL, _BLANK, _RESOURCE = 0, 1, 2
_KINDS: dict[type, int] = {}
_NO_ATTRIBUTES: dict[str, str] = {}


def _kind(term: object) -> int:
    kind = _KINDS.get(type(term))
    if kind is None:
        kind = (_LITERAL if isinstance(term, (Literal, PlainLiteral))
                else _BLANK if isinstance(term, (BNode, Blank)) else _RESOURCE)
        _KINDS[type(term)] = kind
    return kind


def serialize(graph: Graph | Triples, predicate_order: Sequence[URIRef] = (),
              last: Sequence[URIRef] = (), namespaces: Mapping[str, str] | None = None
              ) -> bytes:
    """RDF/XML of `graph` (an rdflib Graph, or triples with `namespaces` as prefix →
    namespace); subjects typed as one of `last` come after all others."""
    prefix_of = (_graph_prefixes(graph) if namespaces is None  # type: ignore[arg-type]
                 else _mapping_prefixes(namespaces))
    writer = _Writer(predicate_order, last, prefix_of)
    writer.group(graph)
    return writer.finish()


def serialize_groups(groups: Iterable[Triples], predicate_order: Sequence[URIRef],
                     last: Sequence[URIRef], namespaces: Mapping[str, str]) -> bytes:
    """RDF/XML of a graph given group by group (see the module's note for when that is
    the same as `serialize` of all the triples)."""
    writer = _Writer(predicate_order, last, _mapping_prefixes(namespaces))
    for triples in groups:
        writer.group(triples)
    return writer.finish()


def _graph_prefixes(graph: Graph) -> PrefixOf:
    def prefix_of(term: URIRef) -> tuple[str, str]:
        prefix, namespace, _ = graph.namespace_manager.compute_qname_strict(str(term))
        return prefix, str(namespace)

    return prefix_of


def _mapping_prefixes(namespaces: Mapping[str, str]) -> PrefixOf:
    def prefix_of(term: URIRef) -> tuple[str, str]:
        prefix, namespace = max(((p, str(n)) for p, n in namespaces.items()
                                 if str(term).startswith(str(n))),
                                key=lambda pair: len(pair[1]))
        return prefix, namespace

    return prefix_of


def _natural(text: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in _NUMBERS.split(text))


def _value_order(entry: _Entry) -> tuple:
    return (entry[3] == _LITERAL, _natural(str(entry[2])))


class _Predicate(NamedTuple):
    order: tuple  # members by number first, then by rank in the order given, then by name
    element: str  # rdf:li or the qualified name
    is_type: bool
    is_member: bool


# One property of a subject: (its predicate's order, its predicate, the value, the kind of
# value), the order first so that a C-level key sorts a subject's properties.
_Entry = tuple[tuple, URIRef, Node, int]
_ORDER = itemgetter(0)


class _Writer:
    def __init__(self, predicate_order: Sequence[URIRef], last: Sequence[URIRef],
                 prefix_of: PrefixOf) -> None:
        self.rank = {predicate: index for index, predicate in enumerate(predicate_order)}
        self.last = frozenset(last)
        self.prefix_of = prefix_of
        self.prefixes: dict[str, str] = {}  # namespace → prefix, of every term met
        self.names: dict[Node, tuple[str, str]] = {}  # term → (prefix, namespace)
        self.predicates: dict[URIRef, _Predicate] = {}
        self.elements: dict[Node, str] = {}  # class → its element name
        self.indents = ["\n" + "    " * depth for depth in range(16)]
        self.buffer = io.StringIO()
        self.out = XMLGenerator(self.buffer, encoding="utf-8", short_empty_elements=True)
        self.chunks: list[bytes] = []
        # The group being written: subject → its entries, its types, and how often each
        # blank node is an object.
        self.properties: dict[Node, list[_Entry]] = {}
        self.types: dict[Node, list[Node]] = {}
        self.references: dict[Node, int] = {}
        self._name(_TYPE)

    # --- names ---------------------------------------------------------------------------

    def _name(self, term: Node) -> tuple[str, str]:
        known = self.names.get(term)
        if known is None:
            known = self.names[term] = self.prefix_of(term)  # type: ignore[arg-type]
            self.prefixes[known[1]] = known[0]
        return known

    def qname(self, term: Node) -> str:
        prefix, namespace = self._name(term)
        local = str(term)[len(namespace):]
        if not local or "/" in local or "#" in local:
            raise ValueError(f"no namespace prefix for {term}")
        return f"{prefix}:{local}"

    def _predicate(self, predicate: URIRef) -> _Predicate:
        self._name(predicate)
        member = _MEMBER.match(str(predicate))
        if member:
            info = _Predicate((0, int(member.group(1)), ""), "rdf:li", False, True)
        else:
            rank = self.rank.get(predicate, len(self.rank))
            info = _Predicate((1, rank, str(predicate)), self.qname(predicate),
                              predicate == _TYPE, False)
        self.predicates[predicate] = info
        return info

    def _element(self, kind: Node) -> str:
        element = self.elements.get(kind)
        if element is None:
            element = self.elements[kind] = self.qname(kind)
        return element

    # --- the document --------------------------------------------------------------------

    def group(self, triples: Triples) -> None:
        """Index one group of triples, then write its top-level nodes."""
        properties: dict[Node, list[_Entry]] = {}
        types: dict[Node, list[_Entry]] = {}  # rdf:type entries, apart from the others
        references: dict[Node, int] = {}
        predicates = self.predicates
        kinds = _KINDS
        for subject, predicate, value in triples:
            entries = properties.get(subject)
            if entries is None:
                entries = properties[subject] = []
            kind = kinds.get(type(value))
            if kind is None:
                kind = _kind(value)
            info = predicates.get(predicate) or self._predicate(predicate)
            if info.is_type:
                types.setdefault(subject, []).append((info.order, predicate, value, kind))
                self._name(value)
            else:
                entries.append((info.order, predicate, value, kind))
            if kind == _BLANK:
                references[value] = references.get(value, 0) + 1
        self.properties, self.types, self.references = properties, types, references
        # Blank nodes with one parent are written inside it; the rest stand alone.
        roots = [s for s in properties if _kind(s) != _BLANK or references.get(s, 0) != 1]
        if len(roots) > 1:
            roots.sort(key=self._root_order)
        for subject in roots:
            self._node(subject, 1)
        self._flush()

    def _root_order(self, subject: Node) -> tuple:
        is_last = any(entry[2] in self.last for entry in self.types.get(subject, ()))
        return (is_last, _kind(subject) == _BLANK, _natural(str(subject)))

    def finish(self) -> bytes:
        self.out.ignorableWhitespace("\n")
        self.out.endElement("rdf:RDF")
        self.out.endDocument()
        self.buffer.write("\n")
        self._flush()
        # The root element declares the namespaces met, so it is written last and put first.
        head = io.StringIO()
        start = XMLGenerator(head, encoding="utf-8", short_empty_elements=False)
        start.startDocument()
        start.startElement("rdf:RDF", {
            f"xmlns:{prefix}": namespace
            for namespace, prefix in sorted(self.prefixes.items(), key=lambda p: p[1])})
        self.chunks.insert(0, head.getvalue().encode("utf-8"))
        return b"".join(self.chunks)

    def _flush(self) -> None:
        self.chunks.append(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def _node(self, subject: Node, depth: int) -> None:
        out = self.out
        space, start, end = out.ignorableWhitespace, out.startElement, out.endElement
        references = self.references
        predicates = self.predicates
        entries = self.properties.get(subject, [])
        types = self.types.get(subject)
        if types:
            # The first class names the element; any other is an rdf:type property.
            kinds = [entry[2] for entry in types]
            element_type = kinds[0] if len(kinds) == 1 else sorted(kinds, key=str)[0]
            element = self._element(element_type)
            if len(types) > 1:
                entries = entries + [entry for entry in types if not (
                    entry[2] is element_type or entry[2] == element_type)]
        else:
            element = "rdf:Description"
        if _kind(subject) != _BLANK:
            attributes = {"rdf:about": str(subject)}
        elif references.get(subject, 0) > 1:
            attributes = {"rdf:nodeID": str(subject)}
        else:
            attributes = _NO_ATTRIBUTES
        indents = self.indents
        while depth + 2 >= len(indents):
            indents.append("\n" + "    " * len(indents))
        outer, inner = indents[depth], indents[depth + 1]
        space(outer)
        start(element, attributes)
        if len(entries) > 1:
            entries = self._sorted(entries)
        for _, predicate, value, kind in entries:
            name = predicates[predicate].element
            space(inner)
            if kind == _LITERAL:
                attributes = _NO_ATTRIBUTES
                if type(value) is not PlainLiteral:
                    if value.language:  # type: ignore[attr-defined]
                        attributes = {XML_LANG: value.language}  # type: ignore[attr-defined]
                    elif value.datatype:  # type: ignore[attr-defined]
                        attributes = {"rdf:datatype": str(value.datatype)}  # type: ignore
                start(name, attributes)
                out.characters(value)
                end(name)
            elif kind == _BLANK and references.get(value, 0) == 1:
                start(name, _NO_ATTRIBUTES)
                self._node(value, depth + 2)
                space(inner)
                end(name)
            else:
                key = "rdf:nodeID" if kind == _BLANK else "rdf:resource"
                start(name, {key: str(value)})
                end(name)
        if entries:
            space(outer)
        end(element)

    def _sorted(self, entries: list[_Entry]) -> list[_Entry]:
        entries = sorted(entries, key=_ORDER)
        # Values of one predicate: resources before literals, then in natural order.
        start, count = 0, len(entries)
        while start < count:
            order = entries[start][0]
            end = start + 1
            while end < count and entries[end][0] == order:
                end += 1
            if end - start > 1 and not self.predicates[entries[start][1]].is_member:
                entries[start:end] = sorted(entries[start:end], key=_value_order)
            start = end
        return entries
