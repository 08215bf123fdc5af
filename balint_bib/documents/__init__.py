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
from ..csl import format_bibliography, resolve_style
from ..errors import UsageError
from ..exporters import ExportRequest
from ..files import atomic_write
from ..model import Record
from ..registry import EXPORTERS
from ..syllabus import Syllabus
from ..text import safe_url
from .docx import syllabus_docx
from .pages import (
    Entry,
    PageSection,
    bibliography_html,
    index_html,
    syllabus_html,
    syllabus_markdown,
)

DEFAULT_STYLES = ("apa", "american-medical-association")
DATA_FILES = (("CSL-JSON (pandoc, citeproc)", "csl-json", "references.json"),
              ("RIS (EndNote, Mendeley)", "ris", "references.ris"),
              ("BibTeX", "bibtex", "references.bib"),
              ("biblatex", "biblatex", "references.biblatex.bib"),
              ("Zotero RDF, all syllabi", "zotero-rdf", "references.rdf"))

Progress = Callable[[str], None]


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "syllabus"


def _sections(syllabus: Syllabus, records: dict[str, Record], style: str,
              output: str) -> list[PageSection]:
    wanted = [records[key] for key in syllabus.keys]
    formatted = {e.key: e for e in format_bibliography(wanted, style, output=output,
                                                       annotated=True)}
    return [
        PageSection(section.title, section.description, tuple(
            Entry(key, formatted[key].text, formatted[key].annotation or "",
                  safe_url(records[key].verbatim("url")))
            for key in section.keys))
        for section in syllabus.sections
    ]


def _check_distinct_names(stems: Sequence[str]) -> None:
    """Syllabus pages, style pages, the index and the data files must not share a name:
    they would silently overwrite each other."""
    repeated = sorted({stem for stem in stems if stems.count(stem) > 1})
    if repeated:
        raise UsageError(f"two outputs of the build would both be named '{repeated[0]}.*': "
                         "rename the syllabus, or give the style once")


def render_site(bibliography: Bibliography, syllabi: Sequence[Syllabus],
                styles: Sequence[str] = DEFAULT_STYLES,
                progress: Progress = lambda _: None) -> dict[str, bytes]:
    """All files of the site, by relative path, in the order they are listed."""
    if not styles:
        raise ValueError("at least one style is needed")
    records = {r.key: r for r in bibliography.records}
    for syllabus in syllabi:
        syllabus.check_against(bibliography)
    style_files = [resolve_style(style) for style in styles]
    page_style = style_files[0]
    page_title = page_style.title or page_style.name
    files: dict[str, bytes] = {}
    _check_distinct_names([_slug(s.name) for s in syllabi] + ["index", "references"]
                          + [f"bibliography-{_slug(style.name)}" for style in style_files])
    syllabus_links = []
    for syllabus in syllabi:
        progress(f"syllabus {syllabus.name}")
        slug = _slug(syllabus.name)
        html_sections = _sections(syllabus, records, page_style.name, "html")
        md_sections = _sections(syllabus, records, page_style.name, "markdown")
        downloads = [("Word", f"{slug}.docx"), ("Markdown", f"{slug}.md"),
                     ("Zotero RDF", f"{slug}.rdf")]
        files[f"{slug}.html"] = syllabus_html(syllabus, html_sections, page_title,
                                              downloads).encode()
        files[f"{slug}.md"] = syllabus_markdown(syllabus, md_sections, page_title).encode()
        files[f"{slug}.docx"] = syllabus_docx(syllabus, html_sections, page_title)
        files[f"{slug}.rdf"] = EXPORTERS.get("zotero-rdf").render(
            ExportRequest(tuple(records[k] for k in dict.fromkeys(syllabus.keys)), (syllabus,)))
        syllabus_links.append((slug, syllabus.title, downloads))
    style_links = []
    for style in style_files:
        progress(f"bibliography in {style.name}")
        entries = [Entry(e.key, e.text) for e in
                   format_bibliography(bibliography.records, style.name, output="html")]
        name = f"bibliography-{_slug(style.name)}.html"
        title = f"Bibliography ({style.title or style.name})"
        files[name] = bibliography_html(title, entries).encode()
        style_links.append((style.title or style.name, name))
    progress("data files")
    for _, format_name, name in DATA_FILES:
        files[name] = EXPORTERS.get(format_name).render(
            ExportRequest(bibliography.records, tuple(syllabi)))
    groups = [(title, [("Web page", f"{slug}.html"), *downloads])
              for slug, title, downloads in syllabus_links]
    groups.append(("Formatted bibliography", style_links))
    groups.append(("Data", [(label, name) for label, _, name in DATA_FILES]))
    files["index.html"] = index_html("Balint-group bibliography", groups).encode()
    return files


def write_site(files: dict[str, bytes], out: Path, progress: Progress = lambda _: None) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the output folder: {error.strerror}", path=out) from None
    for number, (name, data) in enumerate(files.items(), start=1):
        atomic_write(out / name, data)
        progress(f"[{number}/{len(files)}] {out / name}")
