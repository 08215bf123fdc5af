"""The Word file of a syllabus: links that open, a real author, A4 by default (Letter on
request), entries numbered from 1 in each section."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm

import balint_bib
from balint_bib.documents.compose import syllabus_document
from balint_bib.documents.docx import syllabus_docx
from balint_bib.syllabus import parse_syllabus
from tests.support.tools import FIXTURES, run_cli

ALL_TYPES = FIXTURES / "export" / "all-types.bib"
COURSE = (FIXTURES / "export" / "course.toml").read_text()


def _word(author_line: str = "", **options: str) -> docx.document.Document:
    syllabus = parse_syllabus(author_line + COURSE, "course")
    document = syllabus_document(balint_bib.load(ALL_TYPES), syllabus, "apa", "html")
    return docx.Document(io.BytesIO(syllabus_docx(document, "APA", author=syllabus.author,
                                                  **options)))


def test_urls_are_hyperlinks() -> None:
    word = _word()
    links = {r.target_ref for r in word.part.rels.values() if r.reltype == RT.HYPERLINK}
    assert "https://doi.org/10.1000/jfp.1988.26.315" in links  # printed by APA
    assert "https://www.americanbalintsociety.org/intro.pptx" in links
    xml = word.element.xml
    assert xml.count("<w:hyperlink ") == len([r for r in word.part.rels.values()
                                              if r.reltype == RT.HYPERLINK])


def test_author_is_the_syllabus_author_never_python_docx() -> None:
    assert _word('author = "Jane Roe"\n').core_properties.author == "Jane Roe"
    assert _word().core_properties.author == ""
    assert "python-docx" not in (_word().core_properties.last_modified_by or "")


@pytest.mark.parametrize(("paper", "width", "height"), [("a4", 210, 297), ("letter", 215.9, 279.4)])
def test_paper(paper: str, width: float, height: float) -> None:
    section = _word(paper=paper).sections[0]
    assert abs(section.page_width - Mm(width)) < Mm(0.5)
    assert abs(section.page_height - Mm(height)) < Mm(0.5)


def test_build_paper_option(tmp_path: Path) -> None:
    result = run_cli("build", ALL_TYPES, "--syllabus", FIXTURES / "export" / "course.toml",
                     "--out", tmp_path, "--paper", "letter", "--styles", "apa")
    assert result.returncode == 0, result.stderr
    section = docx.Document(str(tmp_path / "course.docx")).sections[0]
    assert abs(section.page_width - Mm(215.9)) < Mm(0.5)
