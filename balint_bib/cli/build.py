"""`build`: the course outputs (pages, documents, exports) from the dataset, offline."""

from __future__ import annotations

from pathlib import Path

import click

from ..bibtex.reader import Bibliography
from ..documents import DEFAULT_STYLES, build_site
from ..errors import UsageError
from ..inputs import is_stdin
from ..syllabus import Section, Syllabus, bundled_syllabi, load_syllabus
from .common import bib_argument, quiet_option
from .completion import style_lists
from .lenient import finish, lenient_option, load_for_output


@click.command("build")
@bib_argument
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("site"),
              show_default=True, help="Directory to write into.")
@click.option("--syllabus", "syllabus_names", multiple=True,
              help="Syllabus name or .toml path (repeatable); default: every bundled syllabus.")
@click.option("--styles", default=",".join(DEFAULT_STYLES), show_default=True,
              shell_complete=style_lists,
              help="Comma-separated CSL styles; the first formats the syllabus pages.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size of the Word files.")
@quiet_option
@lenient_option
def build_command(file: Path | None, out: Path, syllabus_names: tuple[str, ...],
                  styles: str, paper: str, quiet: bool, lenient: bool) -> None:
    """Build the syllabus pages, documents and exports of FILE (default: the bundled dataset).

    A FILE without --syllabus gets one syllabus with one section of all its entries."""
    style_names = [s.strip() for s in styles.split(",") if s.strip()]
    if not style_names:
        raise UsageError("--styles needs at least one style")
    bibliography = load_for_output(file, lenient)
    if syllabus_names:
        syllabi = tuple(load_syllabus(n) for n in syllabus_names)
    elif file is None:
        syllabi = bundled_syllabi()
    else:
        syllabi = (default_syllabus(bibliography, file),)

    def progress(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    files = build_site(bibliography, syllabi, out, style_names, progress, paper)
    if quiet:
        finish(bibliography, lenient)
        return
    total = sum(len(data) for data in files.values())
    click.echo(f"Wrote {len(files)} files ({total:,} bytes) to {out}/: "
               f"{len(syllabi)} syllabus page(s) as HTML, Markdown, Word and Zotero RDF; "
               f"the bibliography in {len(style_names)} style(s); CSL-JSON, RIS, BibTeX, "
               f"biblatex and Zotero RDF; index.html.")
    click.echo(f"Open {out / 'index.html'}")
    finish(bibliography, lenient)


def default_syllabus(bibliography: Bibliography, file: Path) -> Syllabus:
    """One section of every entry in file order, named after the file (`mine.bib` → `mine`)."""
    name = "bibliography" if is_stdin(file) else file.stem
    return Syllabus(name=name, title=name, introduction="",
                    sections=(Section("All entries", bibliography.keys),))


COMMANDS = [build_command]
