"""`export`: the bibliography in another format, through the exporter registry."""

from __future__ import annotations

from pathlib import Path

import click

from ..exporters import ExportRequest
from ..registry import EXPORTERS
from ..syllabus import bundled_syllabi, in_syllabi, load_syllabus
from .common import bib_argument, emit, quiet_option
from .completion import export_formats
from .lenient import finish, lenient_option, load_for_output


@click.command("export")
@bib_argument
@click.option("--format", "-f", "format_name", required=True, shell_complete=export_formats,
              help="Export format: " + ", ".join(EXPORTERS.names()) + ".")
@click.option("--syllabus", "syllabus_names", multiple=True,
              help="Syllabus (name or .toml path): export only its entries, with its "
                   "structure; repeatable. Default: every entry, with the bundled syllabi "
                   "for the bundled dataset.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write here (atomically) instead of stdout; - is stdout.")
@quiet_option
@lenient_option
def export_command(file: Path | None, format_name: str, syllabus_names: tuple[str, ...],
                   out: Path | None, quiet: bool, lenient: bool) -> None:
    """Export FILE (default: the bundled dataset) as FORMAT."""
    exporter = EXPORTERS.get(format_name)
    bibliography = load_for_output(file, lenient)
    records = bibliography.records
    if syllabus_names:
        syllabi = tuple(load_syllabus(name) for name in syllabus_names)
        records = in_syllabi(records, syllabi)
    else:
        syllabi = bundled_syllabi() if file is None else ()
    for syllabus in syllabi:
        syllabus.check_against(bibliography)
    emit(exporter.render(ExportRequest(records, syllabi)), out)
    finish(bibliography, lenient)


COMMANDS = [export_command]
