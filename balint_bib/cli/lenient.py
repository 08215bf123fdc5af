"""`--lenient`: write what can be read, say on stderr what was not.

Without it a command refuses a file with any defect (`load`). With it, every entry the
reader could read is used; each skipped block (a duplicate key, a block that does not
parse) and each doubtful one (a value kept as written) is one line on stderr, and the
command exits 1 when anything was skipped.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..bibtex.inherit import resolve
from ..bibtex.reader import STRAY_FIELDS, Bibliography, parse_file
from ..diagnostics import Diagnostic
from .common import load_bibliography, note_default_dataset

lenient_option = click.option(
    "--lenient", is_flag=True,
    help="Use every entry that can be read; report each skipped or doubtful block on stderr "
         "(FILE:LINE: entry 'KEY': ...) and exit 1 when any was skipped.")


def describe(problem: Diagnostic) -> str:
    """`FILE:LINE: entry 'KEY': skipped: message` (or `kept as written:` for a field)."""
    where = ":".join(p for p in (problem.path, str(problem.line) if problem.line else "") if p)
    entry = f"entry '{problem.key}': " if problem.key else ""
    what = ("kept as written" if problem.field else
            "fields skipped" if problem.code == STRAY_FIELDS else "skipped")
    return f"{where}: {entry}{what}: {problem.message}"


def skipped(bibliography: Bibliography) -> list[Diagnostic]:
    """The errors that left a block out (as opposed to a field kept as written)."""
    return [p for p in bibliography.errors if not p.field]


def load_for_output(file: Path | None, lenient: bool = False) -> Bibliography:
    """What outputs use: strict `load`, or with `lenient` the readable part (the rest
    reported on stderr); either with crossref inheritance resolved."""
    if not lenient:
        return resolve(load_bibliography(file))
    if file is None:
        from ..dataset import references_path

        note_default_dataset()
        file = references_path()
    bibliography = parse_file(file)
    for problem in sorted(bibliography.errors, key=lambda p: p.line or 0):
        click.echo(describe(problem), err=True)
    return resolve(bibliography)


def finish(bibliography: Bibliography, lenient: bool) -> None:
    """Exit 1 after a lenient run that skipped something."""
    if lenient and skipped(bibliography):
        click.get_current_context().exit(1)
