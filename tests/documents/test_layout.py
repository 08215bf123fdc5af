"""The course pages as a resident sees them in Chromium: on a 390 px phone and a 1280 px
screen nothing scrolls sideways, a numbered style shows one number per entry, an
author-date style hangs its second line, and printing keeps each annotation on the page of
its entry and leaves the contents list and footer out."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

import balint_bib
from balint_bib.documents.site import render_site, write_site
from balint_bib.syllabus import bundled_syllabi
from tests.support.browser import Browser
from tests.support.tools import require_tool

NUMBERED = ("bibliography-american-medical-association.html",)
AUTHOR_DATE = ("bibliography-apa.html", "balint-resource-list.html",
               "residents-reading-list.html")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_site(render_site(balint_bib.load(), bundled_syllabi()), out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    instance = Browser(require_tool("chromium"))
    try:
        yield instance
    finally:
        instance.close()


def _open(browser: Browser, page: Path, width: int) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                 deviceScaleFactor=1, mobile=width < 600)
    browser.open(page.as_uri())


PAGES = sorted(["index.html", *NUMBERED, *AUTHOR_DATE])


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_overflow(browser: Browser, site: Path, name: str, width: int) -> None:
    _open(browser, site / name, width)
    # clientWidth is the device's width less a scroll bar; a phone widens the layout
    # (innerWidth) to fit whatever overflows, so that is not the measure.
    scroll, client = browser.evaluate("[document.documentElement.scrollWidth,"
                                      " document.documentElement.clientWidth]")
    assert width - 20 <= client <= width and scroll <= client, (scroll, client)
    wider = browser.evaluate(
        "Array.from(document.querySelectorAll('body *')).filter(e => "
        f"e.getBoundingClientRect().right > {client} + 0.5).map(e => e.outerHTML"
        ".slice(0, 80))")
    assert wider == []


# Each entry: the numbers it shows, from list markers and from its own text.
NUMBERS = """Array.from(document.querySelectorAll('.entry')).map(e => {
  const marker = e.tagName === 'LI' && getComputedStyle(e).listStyleType !== 'none' ? 1 : 0;
  const own = (e.querySelector('.csl-entry').innerText.match(/^\\s*\\d+\\./) || []).length;
  return marker + own;
})"""


@pytest.mark.parametrize("name", [*NUMBERED, *AUTHOR_DATE])
def test_one_number_per_entry_in_numbered_styles(browser: Browser, site: Path,
                                                 name: str) -> None:
    _open(browser, site / name, 1280)
    counts = browser.evaluate(NUMBERS)
    assert counts
    if name in NUMBERED:
        assert set(counts) == {1}
    elif name.startswith("bibliography-"):
        assert set(counts) == {0}  # an author-date reference list has no numbers
    else:
        assert set(counts) == {1}  # a syllabus numbers its entries in each section


# For each entry that wraps: the left edge of its first and of its other lines.
LINE_EDGES = """Array.from(document.querySelectorAll('.csl-entry')).map(e => {
  const range = document.createRange(); range.selectNodeContents(e);
  const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
  const top = Math.min(...rects.map(r => r.top));
  const first = rects.filter(r => Math.abs(r.top - top) < 2);
  const rest = rects.filter(r => r.top > top + 4);
  return rest.length ? [Math.min(...first.map(r => r.left)),
                        Math.min(...rest.map(r => r.left))] : null;
}).filter(x => x)"""


@pytest.mark.parametrize("name", AUTHOR_DATE)
def test_author_date_entries_hang(browser: Browser, site: Path, name: str) -> None:
    _open(browser, site / name, 390)
    edges = browser.evaluate(LINE_EDGES)
    assert len(edges) >= 5  # at 390 px most entries wrap
    assert all(rest - first >= 16 for first, rest in edges), edges


def _words(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


@pytest.mark.parametrize("name", ["balint-resource-list.html", "residents-reading-list.html"])
def test_print_keeps_each_annotation_with_its_entry(browser: Browser, site: Path,
                                                     name: str) -> None:
    _open(browser, site / name, 1280)
    entries = browser.evaluate(
        "Array.from(document.querySelectorAll('.entry')).map(e => "
        "[e.querySelector('.csl-entry').innerText, "
        "(e.querySelector('.annotation') || {innerText: ''}).innerText])")
    printed = browser.call("Page.printToPDF", paperWidth=8.27, paperHeight=11.69,
                           printBackground=False)
    pdf = pypdf.PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    pages = [_words(page.extract_text()) for page in pdf.pages]
    assert len(pages) >= 2
    text = " ".join(pages)
    assert "all files" not in text and "add to zotero" not in text  # footer, downloads
    headings = browser.evaluate("Array.from(document.querySelectorAll('h2'))"
                                ".map(h => h.innerText)")
    for heading in headings:  # once as a heading, not again in a contents list
        assert text.count(_words(heading)) == 1, heading
    for reference, annotation in entries:
        if not annotation:
            continue
        start, end = _words(reference)[:40], _words(annotation)[-40:]
        holding = [n for n, page in enumerate(pages) if start in page and end in page]
        assert holding, (reference[:60], annotation[:60])
