"""Exports written item by item give the same bytes as writing the whole thing at once."""

from __future__ import annotations

import json
from itertools import chain

from hypothesis import given, settings
from hypothesis import strategies as st

import balint_bib
from balint_bib.exporters import ExportRequest, rdfxml
from balint_bib.exporters.csl_json import _json_array
from balint_bib.exporters.items import to_item
from balint_bib.exporters.zotero_rdf import NAMESPACES, PROPERTY_ORDER, ZOTERO_RDF, Z, build_triples
from tests.support.tools import FIXTURES

ALL_TYPES = FIXTURES / "export" / "all-types.bib"
COURSE = FIXTURES / "export" / "course.toml"

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | _TEXT,
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(_TEXT, _JSON, max_size=4), max_size=4))
def test_csl_json_array_is_what_one_dump_of_the_list_gives(items: list[dict]) -> None:
    expected = (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert _json_array(iter(items)) == expected


def test_rdf_written_in_groups_is_the_rdf_of_all_triples_at_once() -> None:
    records = balint_bib.load(ALL_TYPES).records
    syllabi = (balint_bib.load_syllabus(COURSE),)

    def groups():
        return build_triples([to_item(r) for r in records], syllabi)

    assert len(list(groups())) == len(records) + 1  # one per item, one for the collections
    whole = rdfxml.serialize(list(chain.from_iterable(groups())), PROPERTY_ORDER,
                             last=(Z.Collection,), namespaces=NAMESPACES)
    assert ZOTERO_RDF.render(ExportRequest(tuple(records), syllabi)) == whole


def test_rdf_of_nothing_is_an_empty_document() -> None:
    output = ZOTERO_RDF.render(ExportRequest(()))
    assert output == (b'<?xml version="1.0" encoding="utf-8"?>\n'
                      b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                      b"</rdf:RDF>\n")
