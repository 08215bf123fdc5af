"""One document, every writer: what each format shows of it and how its text is escaped."""

from __future__ import annotations

import subprocess

import balint_bib
from balint_bib.documents import format_document, syllabus_document, write_document
from balint_bib.documents.html import syllabus_page
from balint_bib.documents.markdown import syllabus_page_markdown
from balint_bib.documents.model import Document, Entry, Section
from tests.support.tools import FIXTURES, require_tool

HAND = "1. Read *this* (twice) ~now~ [x](javascript:y) <b>!</b>"


def _document(formatted: str = "Roe, A. (2001). *One*.") -> Document:
    entries = (Entry("B1", formatted, "Note \\ *me*", "https://a.org/b"),
               Entry("B2", formatted.replace("One", "Two")))
    return Document(f"Course {HAND}", "First  paragraph.\n\n\u202eSecond.",
                    (Section(f"Start {HAND}", "Why\u001b.", entries),
                     Section("", "unseen without a heading", entries[1:])))


def test_listing_markdown_quotes_annotations_and_escapes_inline_characters() -> None:
    text = write_document(_document(), "markdown")
    blocks = text.split("\n\n")
    assert blocks[0] == "# Course 1. Read \\*this\\* (twice) ~now~ \\[x\\](javascript:y) " \
                        "\\<b\\>!\\</b\\>"
    assert blocks[2:5] == ["Why\u001b.", "Roe, A. (2001). *One*.", "> Note \\\\ \\*me\\*"]
    assert "paragraph" not in text and "unseen" not in text  # no introduction, no orphan text
    assert text.endswith("Roe, A. (2001). *Two*.\n")


def test_page_markdown_numbers_entries_and_escapes_every_character() -> None:
    text = syllabus_page_markdown(_document(), "APA")
    # parentheses stay as written: only after the escaped `]` would they make a link
    assert text.startswith("# Course 1. Read \\*this\\* (twice) \\~now\\~ \\[x\\]"
                           "(javascript:y) \\<b\\>\\!\\</b\\>\n\nFirst paragraph.\n\n"
                           "Second.\n\n")
    assert "\n\n1. Roe, A. (2001). *One*.\n\n    Note \\\\ \\*me\\*\n\n2. Roe" in text
    assert "\n\nWhy.\n\n" in text and "\u001b" not in text and "\u202e" not in text
    assert text.endswith("\n\n*References formatted in APA.*\n")


def test_page_markdown_reads_back_as_the_same_text_in_pandoc() -> None:
    pandoc = require_tool("pandoc")
    document = Document(HAND, HAND, (Section(HAND, HAND, (Entry("K", "Ref.", HAND),)),))
    result = subprocess.run([pandoc, "-f", "markdown", "-t", "html", "--wrap=none"],
                            input=syllabus_page_markdown(document, HAND), check=True,
                            text=True, capture_output=True)
    for tag in ("<em>", "<a ", "<b>", "<del>", "<ol", "<sub>"):  # the entries, the colophon
        assert result.stdout.count(tag) == (1 if tag in ("<ol", "<em>") else 0), tag
    assert result.stdout.count("1. Read *this* (twice) ~now~ [x](javascript:y) "
                               "&lt;b&gt;!&lt;/b&gt;") == 6


def test_listing_html_fragment_and_page() -> None:
    document = _document("Roe, A. (2001). <i>One</i>.")
    fragment = write_document(document, "html")
    assert fragment.startswith('<div class="csl-bib-body">\n<section>\n<h2>Start 1. Read')
    assert '<div class="csl-entry" id="B1">Roe, A. (2001). <i>One</i>.</div>\n' \
           '<p class="annotation">Note \\ *me*</p>' in fragment
    assert "&lt;b&gt;!&lt;/b&gt;" in fragment and "paragraph" not in fragment
    page = write_document(document, "html", standalone=True, lang='x"y')
    assert page.startswith('<!DOCTYPE html>\n<html lang="x&quot;y">') and fragment in page
    untitled = write_document(Document("", "", document.sections), "html", standalone=True)
    assert "<title>Bibliography</title>" in untitled and "<h1>Bibliography</h1>" in untitled


def test_site_page_links_the_resource_once_and_drops_unsafe_characters() -> None:
    document = _document("Roe, A. (2001). <i>One</i>.")
    page = syllabus_page(document, "APA", [("Word", "c.docx")])
    assert '<p class="introduction">First paragraph.</p>' in page
    assert '<div class="csl-entry">Roe, A. (2001). <i>One</i>. ' \
           '<a href="https://a.org/b" rel="noopener">online</a></div>' in page
    printed = Document("T", "", (Section("S", "", (Entry("K", "See https://a.org/b.", "",
                                                          "https://a.org/b"),)),))
    linked = syllabus_page(printed, "APA", [])  # the style printed the URL: no second link
    assert linked.count('<a href="https://a.org/b"') == 1 and "online" not in linked
    assert "\u202e" not in page and "\u001b" not in page
    assert '<a href="#section-2"></a>' in page and '<a href="c.docx">Word</a>' in page


def test_rtf_and_text_listings() -> None:
    rtf = write_document(_document(r"{\i One}"), "rtf")
    assert rtf.startswith(r"{\rtf1") and rtf.endswith("}\n")
    assert r"{\pard\sb240\sa120\b\fs28 Start 1. Read *this*" in rtf
    assert r"{\pard\fi-720\li720\sa120 {\i One}\par}" in rtf
    assert r"{\pard\li720\sa240 Note \\ *me*\par}" in rtf
    assert "\\u8238?" not in rtf  # no introduction
    text = write_document(_document(), "text")
    assert text.startswith(f"Course {HAND}\n\n\nStart {HAND}\n{'=' * len('Start ' + HAND)}\n")
    assert "    Note \\ *me*" in text


def test_format_and_site_share_one_syllabus_document() -> None:
    bibliography = balint_bib.load(FIXTURES / "export" / "all-types.bib")
    syllabus = balint_bib.load_syllabus(FIXTURES / "export" / "course.toml")
    document = syllabus_document(bibliography, syllabus, "apa", "markdown")
    assert [s.title for s in document.sections] == [s.title for s in syllabus.sections]
    assert [e.key for e in document.entries] == list(syllabus.keys)
    listing = format_document(bibliography, "apa", "markdown", syllabus=syllabus,
                              annotated=True)
    page = syllabus_page_markdown(document, "APA")
    for entry in document.entries:
        assert entry.formatted in listing and entry.formatted in page
        assert not entry.annotation or entry.annotation in page
