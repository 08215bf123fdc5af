"""`format`, `cite` and `styles`: the bibliography in any CSL style."""

from __future__ import annotations

from pathlib import Path

import click

from ..bibtex.model import Record
from ..csl.markup import OUTPUTS
from ..csl.styles import style_title
from ..csl.titles import search as search_titles
from ..documents import format_document
from ..errors import UsageError
from ..syllabus import load_syllabus
from .common import bib_argument, emit
from .completion import style_names
from .lenient import finish, lenient_option, load_for_output

style_option = click.option("--style", "-s", required=True, metavar="NAME|PATH",
                            shell_complete=style_names,
                            help="A CSL style name (`balint-bib styles`) or a .csl file.")
locale_option = click.option("--locale", default="en-US", show_default=True,
                             help="The locale for terms, dates and punctuation.")
format_option = click.option("--format", "-f", "output", type=click.Choice(OUTPUTS),
                             default="text", show_default=True, help="The output format.")


def _select(records: tuple[Record, ...], keys: str | None) -> list[Record]:
    if not keys:
        return list(records)
    by_key = {record.key: record for record in records}
    wanted = [k.strip() for k in keys.split(",") if k.strip()]
    missing = [k for k in wanted if k not in by_key]
    if missing:
        raise UsageError(f"no entry '{missing[0]}' in the bibliography")
    return [by_key[k] for k in wanted]


@click.command("format")
@bib_argument
@style_option
@format_option
@locale_option
@click.option("--keys", help="Only these entries (comma-separated keys).")
@click.option("--syllabus", help="Only this syllabus's entries, under its section headings.")
@click.option("--annotated", is_flag=True, help="Each entry followed by its annotation.")
@click.option("--standalone", is_flag=True, help="With --format html: a complete page.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here (atomically) instead of stdout.")
@lenient_option
def format_command(file: Path | None, style: str, output: str, locale: str, keys: str | None,
                   syllabus: str | None, annotated: bool, standalone: bool,
                   out: Path | None, lenient: bool) -> None:
    """FILE (default: the bundled dataset) as a bibliography in a CSL style."""
    if keys and syllabus:
        raise UsageError("--keys and --syllabus cannot be combined")
    if standalone and output != "html":
        raise UsageError("--standalone needs --format html")
    bibliography = load_for_output(file, lenient)
    chosen = load_syllabus(syllabus) if syllabus else None
    records = _select(bibliography.records, keys) if chosen is None else None
    emit(format_document(bibliography, style, output, records=records, syllabus=chosen,
                         locale=locale, annotated=annotated, standalone=standalone), out)
    finish(bibliography, lenient)


@click.command("styles")
@click.option("--search", "word", help="Only styles whose name or title contains WORD.")
@click.option("--titles", is_flag=True, help="Also print each style's title (slower).")
def styles_command(word: str | None, titles: bool) -> None:
    """The citation styles available by name."""
    names = search_titles(word)
    if not names:
        raise UsageError(f"no style name or title contains '{word}'")
    for name in names:
        click.echo(f"{name}\t{style_title(name)}" if titles else name)


COMMANDS = [format_command, styles_command]
