"""`build`: the course outputs (pages, documents, exports) from the dataset, offline."""

from __future__ import annotations

from pathlib import Path

import click

from ..documents import DEFAULT_STYLES, build_site
from ..errors import UsageError
from ..syllabus import bundled_syllabi, load_syllabus
from .common import bib_argument, load_bibliography


@click.command("build")
@bib_argument
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"),
              show_default=True, help="Directory to write into.")
@click.option("--syllabus", "syllabus_names", multiple=True,
              help="Syllabus name or .toml path (repeatable); default: every bundled syllabus.")
@click.option("--styles", default=",".join(DEFAULT_STYLES), show_default=True,
              help="Comma-separated CSL styles; the first formats the syllabus pages.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size of the Word files.")
def build_command(file: Path | None, out: Path, syllabus_names: tuple[str, ...],
                  styles: str, paper: str) -> None:
    """Build the syllabus pages, documents and exports of FILE (default: the bundled dataset)."""
    style_names = [s.strip() for s in styles.split(",") if s.strip()]
    if not style_names:
        raise UsageError("--styles needs at least one style")
    bibliography = load_bibliography(file)
    syllabi = (tuple(load_syllabus(n) for n in syllabus_names) if syllabus_names
               else bundled_syllabi())

    def progress(message: str) -> None:
        click.echo(message, err=True)

    files = build_site(bibliography, syllabi, out, style_names, progress, paper)
    total = sum(len(data) for data in files.values())
    click.echo(f"Wrote {len(files)} files ({total:,} bytes) to {out}/: "
               f"{len(syllabi)} syllabus page(s) as HTML, Markdown, Word and Zotero RDF; "
               f"the bibliography in {len(style_names)} style(s); CSL-JSON, RIS, BibTeX, "
               f"biblatex and Zotero RDF; index.html.")
    click.echo(f"Open {out / 'index.html'}")


COMMANDS = [build_command]
