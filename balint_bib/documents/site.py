"""`balint-bib build`: everything a course needs, from the dataset, offline.

`render_site` turns a bibliography, its syllabi and a list of styles into the files of
the site (name → bytes) without touching the disk, so a bad input writes nothing;
`write_site` then writes them one by one, each atomically.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..bibtex.reader import Bibliography
from ..csl import StyleFile, resolve_style
from ..errors import UsageError
from ..exporters import ExportRequest
from ..files import refuse_installed
from ..registry import EXPORTERS
from ..syllabus import Syllabus
from .compose import bibliography_document, syllabus_document
from .docx import syllabus_docx
from .html import Links, bibliography_page, index_page, syllabus_page
from .markdown import syllabus_page_markdown

DEFAULT_STYLES = ("apa", "american-medical-association")
DATA_FILES = (("CSL-JSON (pandoc, citeproc)", "csl-json", "references.json"),
              ("RIS (EndNote, Mendeley)", "ris", "references.ris"),
              ("BibTeX", "bibtex", "references.bib"),
              ("biblatex", "biblatex", "references.biblatex.bib"),
              ("Zotero RDF, all syllabi", "zotero-rdf", "references.rdf"))

# What the site is and how to take it into Zotero, at the top of index.html (the README's
# "Using it with Zotero" says the same at more length).
INDEX_INTRODUCTION = (
    "An annotated bibliography for faculty who teach Balint groups: each syllabus as a web "
    "page, a Markdown file and a Word document, the whole bibliography in citation styles, "
    "and the data files.",
    "To take a syllabus into Zotero, download its Zotero RDF and choose File → Import: every "
    "entry arrives with its annotation as a child note, its keywords as tags, and the "
    "syllabus as a collection with one sub-collection per section. On a course page, the "
    "Zotero Connector's toolbar button saves all its entries in one go.",
)

Progress = Callable[[str], None]
Files = dict[str, bytes]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "syllabus"


def _title(style: StyleFile) -> str:
    return style.title or style.name


def _check_distinct_names(stems: Sequence[str]) -> None:
    """Syllabus pages, style pages, the index and the data files must not share a name:
    they would silently overwrite each other."""
    repeated = sorted({stem for stem in stems if stems.count(stem) > 1})
    if repeated:
        raise UsageError(f"two outputs of the build would both be named '{repeated[0]}.*': "
                         "rename the syllabus, or give the style once")


def _syllabus_files(bibliography: Bibliography, syllabus: Syllabus, style: StyleFile,
                    spec: str, files: Files, paper: str) -> Links:
    """The syllabus as a web page, Markdown, Word and Zotero RDF; returns its downloads.
    `spec` is the style as given (a name or a .csl path)."""
    slug = _slug(syllabus.name)
    html_document = syllabus_document(bibliography, syllabus, spec, "html")
    markdown_document = syllabus_document(bibliography, syllabus, spec, "markdown")
    downloads = [("Word", f"{slug}.docx"), ("Markdown", f"{slug}.md"),
                 ("Zotero RDF", f"{slug}.rdf")]
    files[f"{slug}.html"] = syllabus_page(html_document, _title(style), downloads,
                                          zotero_rdf=f"{slug}.rdf").encode()
    files[f"{slug}.md"] = syllabus_page_markdown(markdown_document, _title(style)).encode()
    files[f"{slug}.docx"] = syllabus_docx(html_document, _title(style), paper=paper,
                                          author=syllabus.author)
    records = tuple(bibliography[key] for key in dict.fromkeys(syllabus.keys))
    files[f"{slug}.rdf"] = EXPORTERS.get("zotero-rdf").render(
        ExportRequest(records, (syllabus,)))
    return downloads


def _bibliography_file(bibliography: Bibliography, style: StyleFile, spec: str,
                       files: Files) -> str:
    name = f"bibliography-{_slug(style.name)}.html"
    document = bibliography_document(bibliography.records, spec, "html",
                                     title=f"Bibliography ({_title(style)})")
    files[name] = bibliography_page(document).encode()
    return name


def render_site(bibliography: Bibliography, syllabi: Sequence[Syllabus],
                styles: Sequence[str] = DEFAULT_STYLES,
                progress: Progress = lambda _: None, paper: str = "a4") -> Files:
    """All files of the site, by relative path, in the order they are listed; the Word
    files on `paper` (a4 or letter)."""
    if not styles:
        raise ValueError("at least one style is needed")
    for syllabus in syllabi:
        syllabus.check_against(bibliography)
    style_files = [resolve_style(style) for style in styles]
    _check_distinct_names([_slug(s.name) for s in syllabi] + ["index", "references"]
                          + [f"bibliography-{_slug(style.name)}" for style in style_files])
    files: Files = {}
    groups: list[tuple[str, Links]] = []
    for syllabus in syllabi:
        progress(f"syllabus {syllabus.name}")
        downloads = _syllabus_files(bibliography, syllabus, style_files[0], styles[0], files,
                                    paper)
        groups.append((syllabus.title,
                       [("Web page", f"{_slug(syllabus.name)}.html"), *downloads]))
    style_links = []
    for style, spec in zip(style_files, styles, strict=True):
        progress(f"bibliography in {style.name}")
        style_links.append((_title(style), _bibliography_file(bibliography, style, spec,
                                                              files)))
    progress("data files")
    for _, format_name, name in DATA_FILES:
        files[name] = EXPORTERS.get(format_name).render(
            ExportRequest(bibliography.records, tuple(syllabi)))
    groups.append(("Formatted bibliography", style_links))
    groups.append(("Data", [(label, name) for label, _, name in DATA_FILES]))
    files["index.html"] = index_page("Balint-group bibliography", groups,
                                     INDEX_INTRODUCTION).encode()
    return files


def write_site(files: Files, out: Path, progress: Progress = lambda _: None) -> None:
    """Every file into a temporary folder inside `out` first (a full disk fails there,
    before anything in `out` changes), then each renamed into place; files of `out` that
    the build does not make are left alone."""
    refuse_installed(Path(os.path.realpath(out)), out)
    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    except OSError as error:
        raise UsageError(f"cannot create the output folder: {error.strerror}", path=out) from None
    try:
        for number, (name, data) in enumerate(files.items(), start=1):
            _write_file(staging / name, data)
            progress(f"[{number}/{len(files)}] {out / name}")
        for name in files:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, out / name)
    except OSError as error:
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise UsageError(f"cannot write the site: {error.strerror or error}; nothing in it "
                         "was changed", path=out) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def build_site(bibliography: Bibliography, syllabi: Sequence[Syllabus], out: Path,
               styles: Sequence[str] = DEFAULT_STYLES,
               progress: Progress = lambda _: None, paper: str = "a4") -> Files:
    """`render_site`, then `write_site` into `out`; returns the files written."""
    files = render_site(bibliography, syllabi, styles, progress, paper)
    write_site(files, out, progress)
    return files
