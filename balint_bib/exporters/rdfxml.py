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
from typing import NamedTuple, cast
from xml.sax.saxutils import XMLGenerator

from rdflib import RDF, BNode, Graph, Literal, URIRef

_MEMBER = re.compile(re.escape(str(RDF)) + r"_(\d+)\Z")
_NUMBERS = re.compile(r"(\d+)")
XML_LANG = "xml:lang"
_TYPE = RDF.type  # rdflib makes a new term on every RDF.type


# A triple's subject is a URI or a blank node; its value may also be an rdflib Literal or,
# in a plain list of triples, a `str`: a literal without language or datatype (an rdflib
# Literal per value cost more than the whole export).
Subject = URIRef | BNode
Value = URIRef | BNode | Literal | str
Triple = tuple[Subject, URIRef, Value]
Triples = Iterable[Triple]
PrefixOf = Callable[[URIRef], tuple[str, str]]  # term → (prefix, namespace)
SortKey = tuple[int | str, ...]
# typeshed types the attributes as AttributesImpl; XMLGenerator only reads their items().
StartElement = Callable[[str, Mapping[str, str]], None]

# What a term is, by its class (cached: isinstance on rdflib's classes is slow).
_LITERAL, _BLANK, _RESOURCE = 0, 1, 2
_KINDS: dict[type, int] = {}
_NO_ATTRIBUTES: dict[str, str] = {}


def _kind(term: Value) -> int:
    kind = _KINDS.get(type(term))
    if kind is None:
        kind = (_BLANK if isinstance(term, BNode)
                else _RESOURCE if isinstance(term, URIRef) else _LITERAL)
        _KINDS[type(term)] = kind
    return kind


def serialize(graph: Graph | Triples, predicate_order: Sequence[URIRef] = (),
              last: Sequence[URIRef] = (), namespaces: Mapping[str, str] | None = None
              ) -> bytes:
    """RDF/XML of `graph` (an rdflib Graph, or triples with `namespaces` as prefix →
    namespace); subjects typed as one of `last` come after all others."""
    if isinstance(graph, Graph):
        prefix_of = _graph_prefixes(graph) if namespaces is None else _mapping_prefixes(namespaces)
        triples = cast(Triples, graph)  # a Graph's triples are rdflib terms
    elif namespaces is None:
        raise ValueError("triples without a Graph need their namespaces")
    else:
        prefix_of, triples = _mapping_prefixes(namespaces), graph
    writer = _Writer(predicate_order, last, prefix_of)
    writer.group(triples)
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


def _natural(text: str) -> SortKey:
    return tuple(int(part) if part.isdigit() else part for part in _NUMBERS.split(text))


def _value_order(entry: _Entry) -> tuple[bool, SortKey]:
    return (entry[3] == _LITERAL, _natural(str(entry[2])))


class _Predicate(NamedTuple):
    # members by number first, then by rank in the order given, then by name
    order: tuple[int, int, str]
    element: str  # rdf:li or the qualified name
    is_type: bool
    is_member: bool


# One property of a subject: (its predicate's order, its predicate, the value, the kind of
# value), the order first so that a C-level key sorts a subject's properties.
_Entry = tuple[tuple[int, int, str], URIRef, Value, int]
_ORDER = itemgetter(0)


class _Writer:
    def __init__(self, predicate_order: Sequence[URIRef], last: Sequence[URIRef],
                 prefix_of: PrefixOf) -> None:
        self.rank = {predicate: index for index, predicate in enumerate(predicate_order)}
        self.last = frozenset(last)
        self.prefix_of = prefix_of
        self.prefixes: dict[str, str] = {}  # namespace → prefix, of every term met
        self.names: dict[URIRef, tuple[str, str]] = {}  # term → (prefix, namespace)
        self.predicates: dict[URIRef, _Predicate] = {}
        self.elements: dict[URIRef, str] = {}  # class → its element name
        self.indents = ["\n" + "    " * depth for depth in range(16)]
        self.buffer = io.StringIO()
        self.out = XMLGenerator(self.buffer, encoding="utf-8", short_empty_elements=True)
        self.start = cast(StartElement, self.out.startElement)
        self.chunks: list[bytes] = []
        # The group being written: subject → its entries, its types, and how often each
        # blank node is an object.
        self.properties: dict[Subject, list[_Entry]] = {}
        self.types: dict[Subject, list[_Entry]] = {}
        self.references: dict[Value, int] = {}
        self._name(_TYPE)

    # --- names ---------------------------------------------------------------------------

    def _name(self, term: URIRef) -> tuple[str, str]:
        known = self.names.get(term)
        if known is None:
            known = self.names[term] = self.prefix_of(term)
            self.prefixes[known[1]] = known[0]
        return known

    def qname(self, term: URIRef) -> str:
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

    def _element(self, kind: URIRef) -> str:
        element = self.elements.get(kind)
        if element is None:
            element = self.elements[kind] = self.qname(kind)
        return element

    # --- the document --------------------------------------------------------------------

    def group(self, triples: Triples) -> None:
        """Index one group of triples, then write its top-level nodes."""
        properties: dict[Subject, list[_Entry]] = {}
        types: dict[Subject, list[_Entry]] = {}  # rdf:type entries, apart from the others
        references: dict[Value, int] = {}
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
                self._name(cast(URIRef, value))  # a class
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

    def _root_order(self, subject: Subject) -> tuple[bool, bool, SortKey]:
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
        cast(StartElement, start.startElement)("rdf:RDF", {
            f"xmlns:{prefix}": namespace
            for namespace, prefix in sorted(self.prefixes.items(), key=lambda p: p[1])})
        self.chunks.insert(0, head.getvalue().encode("utf-8"))
        return b"".join(self.chunks)

    def _flush(self) -> None:
        self.chunks.append(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def _node(self, subject: Subject, depth: int) -> None:
        out = self.out
        space, start, end = out.ignorableWhitespace, self.start, out.endElement
        references = self.references
        predicates = self.predicates
        entries = self.properties.get(subject, [])
        types = self.types.get(subject)
        if types:
            # The first class names the element; any other is an rdf:type property.
            kinds = [cast(URIRef, entry[2]) for entry in types]
            element_type = kinds[0] if len(kinds) == 1 else sorted(kinds, key=str)[0]
            element = self._element(element_type)
            if len(types) > 1:
                entries = entries + [entry for entry in types if not (
                    entry[2] is element_type or entry[2] == element_type)]
        else:
            element = "rdf:Description"
        attributes: Mapping[str, str]
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
                if type(value) is not str and isinstance(value, Literal):
                    if value.language:
                        attributes = {XML_LANG: value.language}
                    elif value.datatype:
                        attributes = {"rdf:datatype": str(value.datatype)}
                start(name, attributes)
                out.characters(value)
                end(name)
            elif kind == _BLANK and references.get(value, 0) == 1:
                start(name, _NO_ATTRIBUTES)
                self._node(cast(BNode, value), depth + 2)
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
