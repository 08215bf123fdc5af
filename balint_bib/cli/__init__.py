"""The `balint-bib` command line. Each command group lives in its own module."""

from __future__ import annotations

import sys

import click

from .._version import __version__
from ..errors import BalintBibError


class _Group(click.Group):
    """Turns the project's errors into one line on stderr and their exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BalintBibError as error:
            click.echo(f"balint-bib: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("balint-bib: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # a closed pager is not an error
            ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balint-bib")
def main() -> None:
    """Curate, check, enrich and export the Balint-group bibliography (or any .bib file)."""


def _register() -> None:
    from . import add, build, cite, enrich, export, format, listing, validate

    for module in (listing, validate, enrich, add, format, cite, export, build):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
