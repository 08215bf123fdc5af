"""`balint-bib build`: everything a course needs, from the dataset, offline.

`render_site` turns a bibliography, its syllabi and a list of styles into the files of
the site (name → bytes) without touching the disk, so a bad input writes nothing;
`write_site` then writes them one by one, each atomically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..bibtex.reader import Bibliography
from ..csl import StyleFile, resolve_style
from ..errors import UsageError
from ..exporters import ExportRequest
from ..files import atomic_write
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
                    spec: str, files: Files) -> Links:
    """The syllabus as a web page, Markdown, Word and Zotero RDF; returns its downloads.
    `spec` is the style as given (a name or a .csl path)."""
    slug = _slug(syllabus.name)
    html_document = syllabus_document(bibliography, syllabus, spec, "html")
    markdown_document = syllabus_document(bibliography, syllabus, spec, "markdown")
    downloads = [("Word", f"{slug}.docx"), ("Markdown", f"{slug}.md"),
                 ("Zotero RDF", f"{slug}.rdf")]
    files[f"{slug}.html"] = syllabus_page(html_document, _title(style), downloads).encode()
    files[f"{slug}.md"] = syllabus_page_markdown(markdown_document, _title(style)).encode()
    files[f"{slug}.docx"] = syllabus_docx(html_document, _title(style))
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
                progress: Progress = lambda _: None) -> Files:
    """All files of the site, by relative path, in the order they are listed."""
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
        downloads = _syllabus_files(bibliography, syllabus, style_files[0], styles[0], files)
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
    files["index.html"] = index_page("Balint-group bibliography", groups).encode()
    return files


def write_site(files: Files, out: Path, progress: Progress = lambda _: None) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the output folder: {error.strerror}", path=out) from None
    for number, (name, data) in enumerate(files.items(), start=1):
        atomic_write(out / name, data)
        progress(f"[{number}/{len(files)}] {out / name}")


def build_site(bibliography: Bibliography, syllabi: Sequence[Syllabus], out: Path,
               styles: Sequence[str] = DEFAULT_STYLES,
               progress: Progress = lambda _: None) -> Files:
    """`render_site`, then `write_site` into `out`; returns the files written."""
    files = render_site(bibliography, syllabi, styles, progress)
    write_site(files, out, progress)
    return files
