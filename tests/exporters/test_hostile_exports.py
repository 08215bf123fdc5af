"""Hostile values through every registered exporter and the HTML formatter, each output read
back by a real parser for its format: the values come back as text, never as structure."""

from __future__ import annotations

import json

import pytest
import rispy
from rdflib import Graph
from rdflib.namespace import DC, RDF

import balint_bib
from balint_bib.registry import EXPORTERS
from tests.support.hostile import MARKUP, Elements, hostile_bibliography, parsed_html

FORBIDDEN = ("\x01", "\x07", "\x1b", "\x7f", "\u202e")


def _titles_bibtex(data: bytes) -> list[str]:
    bibliography = balint_bib.parse_string(data.decode("utf-8"))  # the project's own reader
    assert not bibliography.problems, bibliography.problems
    assert [r.key for r in bibliography.records] == ["Hostile", "JsLink"]
    return [r.text("title") or "" for r in bibliography.records]


def _titles_ris(data: bytes) -> list[str]:
    entries = rispy.loads(data.decode("utf-8"))
    assert [e["id"] for e in entries] == ["Hostile", "JsLink"]
    assert not any("url" in e or "urls" in e for e in entries)  # javascript: URLs dropped
    return [e["title"] for e in entries]


def _titles_csl_json(data: bytes) -> list[str]:
    items = json.loads(data)
    assert [item["id"] for item in items] == ["Hostile", "JsLink"]
    assert all("URL" not in item for item in items)
    return [item["title"] for item in items]


def _titles_rdf(data: bytes) -> list[str]:
    graph = Graph().parse(data=data, format="xml")
    assert not any(str(value).lower().startswith("javascript")
                   for value in graph.objects(None, RDF.value))  # the URL was dropped
    return sorted(str(title) for title in graph.objects(None, DC.title))


READERS = {"bibtex": _titles_bibtex, "biblatex": _titles_bibtex, "ris": _titles_ris,
           "csl-json": _titles_csl_json, "zotero-rdf": _titles_rdf}


def test_every_exporter_has_a_reader_here() -> None:
    assert set(EXPORTERS.names()) == set(READERS)


@pytest.mark.parametrize("name", sorted(READERS))
def test_hostile_values_read_back_as_text(name: str) -> None:
    data = EXPORTERS.get(name).render(
        balint_bib.exporters.ExportRequest(tuple(hostile_bibliography().records)))
    titles = READERS[name](data)
    hostile = next(t for t in titles if MARKUP in t)
    assert "]]>" in hostile and '"double"' in hostile and "'single'" in hostile
    assert "Link" in titles
    for text in titles:
        assert not any(c in text for c in FORBIDDEN), (name, text)


def test_hostile_values_are_text_in_formatted_html() -> None:
    from balint_bib.csl import format_bibliography

    entries = format_bibliography(hostile_bibliography().records, "apa", output="html",
                                  annotated=True)
    for entry in entries:
        parser = Elements()
        parser.feed(entry.text)
        parser.close()
        assert set(parser.tags) <= {"i", "b", "span", "a", "sup", "sub", "div"}, parser.tags
        assert not any(name.startswith("on") for name, _ in parser.attributes)
        assert not any((value or "").lower().startswith("javascript")
                       for _, value in parser.attributes)
    texts = ["".join(parsed_html(e.text).text) for e in entries]
    assert any(MARKUP in text for text in texts)


def test_urls_and_dois_reach_every_export_as_written() -> None:
    """A URL or DOI is not LaTeX: `~`, `--`, `%20` and `_` survive into every format."""
    import json as json_module

    from balint_bib import export, parse_string

    url = "https://a.org/~user/a_b--c%20d"
    bibliography = parse_string(
        "@article{U, author = {A, B}, title = {T}, journal = {J}, year = 2000, volume = 1,"
        f" url = {{{url}}}, doi = {{10.1000/x--y_z}}}}")
    for name in ("ris", "zotero-rdf", "bibtex", "biblatex"):
        output = export(bibliography, name).decode()
        assert url in output, name
        assert "10.1000/x--y_z" in output, name
    item = json_module.loads(export(bibliography, "csl-json"))[0]
    assert item["URL"] == url and item["DOI"] == "10.1000/x--y_z"
