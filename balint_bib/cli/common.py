"""Options and helpers shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..bibtex.reader import Bibliography, load
from ..files import atomic_write
from ..inputs import is_stdin

bib_argument = click.argument(
    "file", required=False, type=click.Path(path_type=Path, dir_okay=True),
)


def load_bibliography(file: Path | None) -> Bibliography:
    """The file given, or the bundled dataset; raises on any defect."""
    return load(file)


def emit(data: bytes | str, out: Path | None) -> None:
    """Write to `out` atomically, or to stdout (no `out`, or `-o -`)."""
    if out is None or is_stdin(out):
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        click.echo(text, nl=not text.endswith("\n"))
    else:
        atomic_write(out, data)
