"""What the site says: index.html tells what it is and how to import it into Zotero; the
`format` command's HTML links the URLs a style prints, as the site does."""

from __future__ import annotations

from pathlib import Path

import balint_bib
from balint_bib.documents.site import render_site
from balint_bib.syllabus import bundled_syllabi
from tests.support.tools import run_cli


def test_index_says_what_the_site_is_and_how_to_import_it() -> None:
    index = render_site(balint_bib.load(), bundled_syllabi())["index.html"].decode()
    top = index[:index.index("<h2>")]  # before the lists of files
    assert "annotated bibliography for faculty who teach Balint groups" in top
    assert "File → Import" in top and "Zotero Connector" in top
    assert top.count('<p class="introduction">') in (2, 3)


def test_format_html_links_urls(tmp_path: Path) -> None:
    result = run_cli("format", "--style", "apa", "--keys", "Kjeldmand2004,ABSWebsite",
                     "--format", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '<a href="https://doi.org/10.1016/j.pec.2003.09.009" rel="noopener">' in result.stdout
    assert '<a href="https://americanbalintsociety.org/" rel="noopener">' in result.stdout


def test_site_and_standalone_share_one_stylesheet(tmp_path: Path) -> None:
    result = run_cli("format", "--style", "apa", "--keys", "Balint1964", "--format", "html",
                     "--standalone", cwd=tmp_path)
    standalone = result.stdout.split("<style>")[1].split("</style>")[0]
    files = render_site(balint_bib.load(), bundled_syllabi())
    for name in ("index.html", "bibliography-apa.html", "residents-reading-list.html"):
        page = files[name].decode()
        assert page.split("<style>")[1].split("</style>")[0] == standalone, name
    assert "@media print" in standalone
