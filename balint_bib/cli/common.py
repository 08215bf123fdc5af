"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..bibtex.reader import Bibliography, load
from ..dataset import describe_default
from ..files import atomic_write
from ..inputs import is_stdin

bib_argument = click.argument(
    "file", required=False, type=click.Path(path_type=Path, dir_okay=True),
)


def load_bibliography(file: Path | None) -> Bibliography:
    """The file given, or the bundled dataset (named on stderr); raises on any defect."""
    if file is None:
        note_default_dataset()
    return load(file)


NOTES = "balint_bib.notes"


def note_default_dataset() -> None:
    """Name the dataset a command falls back on (the checkout's or the installed copy),
    on stderr once the command has done its work: an error stays one line."""
    if quiet():
        return
    line = f"balint-bib: dataset: {describe_default()}"
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        click.echo(line, err=True)
    else:
        ctx.meta.setdefault(NOTES, []).append(line)


def quiet() -> bool:
    """--quiet on this command (or on one of its parents)."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.params.get("quiet"):
            return True
        ctx = ctx.parent
    return False


quiet_option = click.option("--quiet", "-q", is_flag=True,
                            help="Only errors on stderr (no progress, notes or summary).")


def emit(data: bytes | str, out: Path | None) -> None:
    """Write to `out` atomically, or to stdout (no `out`, or `-o -`)."""
    if out is None or is_stdin(out):
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        click.echo(text, nl=not text.endswith("\n"))
    else:
        atomic_write(out, data)
