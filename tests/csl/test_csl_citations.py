"""Citing as an author does: cite items, documents of citations, pandoc's syntax, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from balint_bib import load
from balint_bib.csl import Citation, Cite, format_citation, format_document, parse_cluster
from balint_bib.dataset import references_path
from balint_bib.errors import UsageError
from tests.support.tools import REPO, run_cli


@pytest.fixture(scope="module")
def records():
    return load(references_path()).records


def test_pandoc_clusters() -> None:
    cluster = parse_cluster("[see @Balint1964, pp. 12-14 and passim; -@Johnson2004, chap. 3;"
                            " @Kjeldmand2004, especially]", note=2)
    assert cluster.note == 2
    first, second, third = cluster.cites
    assert (first.key, first.prefix, first.label, first.locator, first.suffix) == (
        "Balint1964", "see", "page", "12-14", "and passim")
    assert (second.key, second.label, second.locator, second.suppress_author) == (
        "Johnson2004", "chapter", "3", True)
    assert (third.locator, third.suffix) == (None, ", especially")


def test_numbers_agree_with_the_bibliography_of_the_selection(records) -> None:
    """Issue 12: `cite Kjeldmand2004 --style vancouver` said (13)."""
    kjeldmand = [r for r in records if r.key == "Kjeldmand2004"]
    assert format_citation(kjeldmand, "vancouver", context=records) == "(1)"
    document = format_document(records, [parse_cluster("[@Kjeldmand2004; @Balint1964]"),
                                         parse_cluster("[@Johnson2004]"),
                                         parse_cluster("[@Balint1964]")], "vancouver")
    assert document.citations == ["(1,2)", "(3)", "(2)"]
    assert [entry.key for entry in document.bibliography] == [
        "Kjeldmand2004", "Balint1964", "Johnson2004"]
    assert document.bibliography[0].text.startswith("1. Kjeldmand D")


def test_locators_affixes_and_author_options(records) -> None:
    def cite(**options: object) -> str:
        return format_document(records, [Citation([Cite("Balint1964", **options)])],  # type: ignore[arg-type]
                               "apa").citations[0]

    assert cite() == "(Balint, 1964)"
    assert cite(locator="12") == "(Balint, 1964, p. 12)"
    assert cite(locator="3", label="chapter") == "(Balint, 1964, Chapter 3)"
    assert cite(prefix="see", suffix="for a review") == "(see Balint, 1964 for a review)"
    assert cite(suppress_author=True) == "(1964)"
    assert cite(author_only=True) == "(Balint)"


def test_positions_over_a_document(records) -> None:
    """A note style: first cite in full, then the short form, ibid. with a new locator."""
    document = [Citation([Cite("Balint1964", locator="12")], note=1),
                Citation([Cite("Balint1964", locator="30")], note=2),
                Citation([Cite("Johnson2004")], note=3),
                Citation([Cite("Balint1964")], note=4)]
    notes = format_document(records, document, "chicago-notes-bibliography-16th-edition"
                            ).citations
    assert notes[0].startswith("Michael Balint, The Doctor, His Patient and the Illness")
    assert notes[0].endswith(", 12.")
    assert notes[1] == "Ibid., 30."
    assert notes[3].startswith("Balint, Doctor") or notes[3].startswith("Balint, The Doctor")


def test_unknown_key_in_a_document(records) -> None:
    with pytest.raises(UsageError, match="no entry 'Nobody2000'"):
        format_document(records, [parse_cluster("[@Nobody2000]")], "apa")


def test_cli_cite_with_locator_and_cluster() -> None:
    result = run_cli("cite", "Balint1964", "--locator", "page=12", "--style", "apa")
    assert (result.returncode, result.stdout) == (0, "(Balint, 1964, p. 12)\n"), result.stderr
    result = run_cli("cite", "[@Balint1964, p. 12; @Johnson2004]", "--style", "apa")
    assert result.stdout == "(Balint, 1964, p. 12; Johnson et al., 2004)\n", result.stderr
    result = run_cli("cite", "Kjeldmand2004", "--style", "vancouver")
    assert result.stdout == "(1)\n"
    result = run_cli("cite", "Balint1964", "--locator", "shelf=3", "--style", "apa")
    assert result.returncode == 2 and "unknown locator label 'shelf'" in result.stderr


def test_cli_cite_document_markdown_and_json(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("Groups help [see @Balint1964, p. 12; @Johnson2004].\n"
                     "Also [@Kjeldmand2004].\n", encoding="utf-8")
    result = run_cli("cite-document", paper, "--style", "vancouver")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Groups help (see 1,2).\nAlso (3).\n\n## References\n\n1. ")
    assert "\n\n3. Kjeldmand D" in result.stdout
    notes = run_cli("cite-document", paper, "--style", "chicago-notes-bibliography")
    assert "Groups help [^cite1]." in notes.stdout
    assert "[^cite2]: Dorte Kjeldmand et al." in notes.stdout
    citations = tmp_path / "citations.json"
    citations.write_text(json.dumps([
        {"citationItems": [{"id": "Balint1964", "locator": "12", "label": "page"}],
         "properties": {"noteIndex": 1}},
        {"citationItems": [{"id": "Balint1964", "locator": "14", "label": "page"}],
         "properties": {"noteIndex": 2}},
        {"citationItems": [{"id": "Balint1964", "locator": "14"}],
         "properties": {"noteIndex": 3}}]), encoding="utf-8")
    result = run_cli("cite-document", citations, "--style",
                     "chicago-notes-bibliography-16th-edition")
    data = json.loads(result.stdout)
    assert data["citations"][1:] == ["Ibid., 14.", "Ibid."]  # the same locator: ibid.
    assert [entry["id"] for entry in data["bibliography"]] == ["Balint1964"]


def test_build_accepts_a_style_file(tmp_path: Path) -> None:
    style = tmp_path / "my-style.csl"
    style.write_bytes((REPO / "styles" / "balint-annotated.csl").read_bytes())
    result = run_cli("build", "--styles", f"{style},apa", "--out", tmp_path / "site",
                     timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "bibliography-my-style.html").is_file()
