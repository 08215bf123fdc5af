"""`balint-bib build`: the files, their content, the pages in Chromium, pandoc on CSL-JSON."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import docx
import pytest

import balint_bib
from tests.support.hostile import HOSTILE_BIB, MARKUP
from tests.support.tools import FIXTURES, REPO, require_tool, run_cli

ALL_TYPES = FIXTURES / "export" / "all-types.bib"
COURSE = FIXTURES / "export" / "course.toml"
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = run_cli("build", ALL_TYPES, "--syllabus", COURSE, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Wrote 12 files" in result.stdout and "[12/12]" in result.stderr
    return out


def test_every_file_is_written(site: Path) -> None:
    assert sorted(p.name for p in site.iterdir()) == sorted([
        "course.html", "course.md", "course.docx", "course.rdf",
        "bibliography-apa.html", "bibliography-american-medical-association.html",
        "references.json", "references.ris", "references.bib", "references.biblatex.bib",
        "references.rdf", "index.html"])


def test_markdown_and_docx_have_every_section_and_entry(site: Path) -> None:
    syllabus = balint_bib.load_syllabus(COURSE)
    markdown = (site / "course.md").read_text()
    document = docx.Document(str(site / "course.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.title for s in syllabus.sections]
    for section in syllabus.sections:
        assert f"## {section.title}" in markdown
    assert "*The Doctor, His Patient and the Illness*" in markdown
    assert "Dense to read, but the introduction is worth it." in markdown
    entries = [p for p in document.paragraphs if p.style.name == "Reference"]
    assert len(entries) == len(syllabus.keys)
    # numbered from 1 in each section, as on the web page and in Markdown
    numbers = [p.text.split(".\t")[0] for p in entries]
    assert numbers == [str(n) for s in syllabus.sections for n in range(1, len(s.keys) + 1)]
    italic = {r.text for p in entries for r in p.runs if r.italic}
    assert "The Doctor, His Patient and the Illness" in italic
    assert "The Journal of Family Practice" in italic
    plain = {r.text for p in entries for r in p.runs if not r.italic}
    assert not any("The Doctor, His Patient" in text for text in plain)


def test_bad_input_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("title = 'x'\n[[sections]]\ntitle = 'a'\nkeys = ['NoSuchKey']\n")
    out = tmp_path / "out"
    result = run_cli("build", ALL_TYPES, "--syllabus", bad, "--out", out)
    assert result.returncode == 1
    assert "NoSuchKey" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_hostile_values_are_text_in_pages(tmp_path: Path) -> None:
    (tmp_path / "h.bib").write_text(HOSTILE_BIB, encoding="utf-8")
    (tmp_path / "h.toml").write_text(
        "title = \"<b>T</b>\"\nintroduction = \"<script>x()</script>\"\n"
        "[[sections]]\ntitle = \"<i>S</i>\"\nkeys = [\"Hostile\", \"JsLink\"]\n")
    out = tmp_path / "site"
    result = run_cli("build", tmp_path / "h.bib", "--syllabus", tmp_path / "h.toml",
                     "--out", out, "--styles", "apa")
    assert result.returncode == 0, result.stderr
    page = (out / "h.html").read_text()
    assert "<script" not in page and "<img" not in page and "<b>T</b>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page.lower()
    assert "\u202e" not in page and "\x1b" not in page
    from tests.support.hostile import parsed_html  # a real HTML parser: markup stays text

    parsed = parsed_html(page)
    assert not {"script", "img", "iframe", "object"} & set(parsed.tags)
    assert not any(name.startswith("on") or (value or "").lower().startswith("javascript")
                   for name, value in parsed.attributes)
    assert MARKUP in "".join(parsed.text)


def test_pandoc_citeproc_reads_the_csl_json(site: Path, tmp_path: Path) -> None:
    pandoc = require_tool("pandoc")
    keys = [r.key for r in balint_bib.load(ALL_TYPES)]
    assert sorted(item["id"] for item in json.loads((site / "references.json").read_text())) \
        == sorted(keys)
    (tmp_path / "doc.md").write_text("---\nnocite: '@*'\n---\n\nText.\n")
    result = subprocess.run(
        [pandoc, "--citeproc", "--bibliography", str(site / "references.json"), "-t", "plain",
         str(tmp_path / "doc.md")], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert "[WARNING]" not in result.stderr, result.stderr
    text = " ".join(result.stdout.split())
    for title in ("The Doctor, His Patient and the Illness", "Balint work in England",
                  "An Introduction to Balint Groups", "Resident Evaluation of Balint Group"):
        assert title in text


# --- in a real browser -------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from tests.support.browser import Browser

    chromium = require_tool("chromium")
    instance = Browser(chromium)
    try:
        yield instance
    finally:
        instance.close()


LINKS = "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"


def _check_links(browser: object, page: Path) -> int:
    hrefs = browser.evaluate(LINKS)
    for href in hrefs:
        url = urlparse(href)
        assert url.scheme in ("file", "https", "http"), href
        if url.scheme != "file":
            continue
        target = Path(unquote(url.path))
        assert target.is_file(), href
        if url.fragment and target == page:
            assert browser.evaluate(f"!!document.getElementById({json.dumps(url.fragment)})")
    return len(hrefs)


def test_index_page_in_chromium(browser: object, site: Path) -> None:
    page = site / "index.html"
    browser.open(page.as_uri())
    assert browser.errors() == []
    assert _check_links(browser, page) == 4 + 2 + 5
    files = {Path(urlparse(h).path).name for h in browser.evaluate(LINKS)}
    assert files == {p.name for p in site.iterdir()} - {"index.html"}
    browser.screenshot(ARTIFACTS / "index.png")


def test_syllabus_page_in_chromium(browser: object, site: Path) -> None:
    syllabus = balint_bib.load_syllabus(COURSE)
    page = site / "course.html"
    browser.open(page.as_uri())
    assert browser.errors() == []
    headings = browser.evaluate("Array.from(document.querySelectorAll('h2')).map(h => h.innerText)")
    assert headings == [s.title for s in syllabus.sections]
    for section_number, section in enumerate(syllabus.sections, start=1):
        ids = browser.evaluate(
            f"Array.from(document.querySelectorAll('#section-{section_number} li'))"
            ".map(li => li.id)")
        assert ids == [f"entry-{key}" for key in section.keys]
    text = browser.evaluate("document.body.innerText")
    assert syllabus.introduction in text
    assert "Dense to read, but the introduction is worth it." in text
    italic = browser.evaluate("Array.from(document.querySelectorAll('i')).map(i => i.innerText)")
    assert "The Doctor, His Patient and the Illness" in italic
    assert _check_links(browser, page) > len(syllabus.sections)
    browser.screenshot(ARTIFACTS / "syllabus.png")
    assert (ARTIFACTS / "syllabus.png").stat().st_size > 10_000


def test_hostile_page_runs_nothing_in_chromium(browser: object, tmp_path: Path) -> None:
    (tmp_path / "h.bib").write_text(HOSTILE_BIB, encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("build", tmp_path / "h.bib", "--syllabus", COURSE.parent / "hostile.toml",
                     "--out", out, "--styles", "apa")
    assert result.returncode == 0, result.stderr
    browser.open((out / "hostile.html").as_uri())
    assert browser.errors() == []
    assert browser.evaluate("document.querySelectorAll('script, img').length") == 0
    assert MARKUP in browser.evaluate("document.body.innerText")


def test_build_of_the_bundled_dataset(tmp_path: Path) -> None:
    from balint_bib.dataset import references_path

    if not references_path().exists():
        pytest.skip("the bundled dataset is not in this checkout yet")
    result = run_cli("build", "--out", tmp_path / "site", timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    for syllabus in balint_bib.bundled_syllabi():
        for suffix in (".html", ".md", ".docx", ".rdf"):
            assert (tmp_path / "site" / f"{syllabus.name}{suffix}").is_file()


def test_outputs_that_would_overwrite_each_other_are_refused(tmp_path: Path) -> None:
    syllabus = tmp_path / "index.toml"
    syllabus.write_text('title = "T"\n[[sections]]\ntitle = "S"\nkeys = ["Balint1964"]\n')
    result = run_cli("build", "--out", tmp_path / "site", "--syllabus", syllabus)
    assert result.returncode == 2
    assert "would both be named 'index.*'" in result.stderr
    assert not (tmp_path / "site").exists()
    twice = run_cli("build", "--out", tmp_path / "site", "--styles", "apa,apa")
    assert twice.returncode == 2 and "bibliography-apa" in twice.stderr
