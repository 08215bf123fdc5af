"""`validate`: options → `balint_bib.validate.validate_files` → text or JSON output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ..validate import validate_files
from ..validate.report import render_json, render_rules, render_text
from .common import note_default_dataset, quiet_option


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--syllabus", "syllabi", multiple=True, metavar="FILE",
              help="A syllabus (.toml path or bundled name) whose keys must exist. "
              "Repeatable. Default with no FILE: the bundled syllabi.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Output for people or for CI.")
@click.option("--strict", is_flag=True, default=None, help="Warnings count as errors.")
@click.option("--select", metavar="CODES", help="Only these rules (comma-separated codes or "
              "prefixes such as BB2,BB301). Replaces the configured selection.")
@click.option("--ignore", metavar="CODES", help="Skip these rules (added to the configured "
              "ignore list).")
@click.option("--profile", type=click.Choice(["auto", "dataset", "generic"]), default="auto",
              show_default=True, help="dataset: also the curated dataset's rules (annote, "
              "keywords, syllabus coverage, provenance). auto: dataset for the bundled "
              "dataset, generic for other files.")
@click.option("--online", is_flag=True, help="Also compare every DOI with Crossref "
              "(network).")
@click.option("--list-checks", is_flag=True, help="List every rule and exit.")
@quiet_option
def validate_command(files: tuple[Path, ...], syllabi: tuple[str, ...], output_format: str,
                     strict: bool | None, select: str | None, ignore: str | None,
                     profile: str, online: bool, list_checks: bool, quiet: bool) -> None:
    """Check .bib files (default: the bundled dataset and its syllabi).

    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage errors.
    """
    if list_checks:
        click.echo(render_rules(), nl=False)
        return
    if not files:
        note_default_dataset()
    report = validate_files(files, syllabi=syllabi, profile=profile, select=select,
                            ignore=ignore, strict=strict, online=online)
    if output_format == "json":
        click.echo(render_json(report.findings, report.summary), nl=False)
    elif quiet:  # only what fails the run, without the summary line
        failing = [f for f in report.findings if f.severity.value == "error"
                   or (report.summary.strict and f.severity.value == "warning")]
        if failing:
            text = render_text(failing, report.summary, _no_style)
            click.echo(text.rsplit("\n", 2)[0] + "\n", nl=False)
    else:
        style = click.style if _colour() else _no_style
        click.echo(render_text(report.findings, report.summary, style), nl=False,
                   color=_colour())
    sys.exit(report.exit_code)


def _no_style(text: str, **_: Any) -> str:
    return text


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


COMMANDS = [validate_command]
