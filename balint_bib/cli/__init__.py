"""The `balint-bib` command line. Each command group lives in its own module."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .._version import __version__
from ..errors import BalintBibError


class _Group(click.Group):
    """Turns the project's errors into one line on stderr and their exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's own usage errors as one line too (click prints three)."""
        kwargs["standalone_mode"] = False
        try:
            status = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:
            click.echo(error.ctx.get_help() if error.ctx else error.format_message())
            sys.exit(0)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "balint-bib"
            message = error.format_message().rstrip(".")
            click.echo(f"balint-bib: error: {message} (see '{where} --help')", err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            click.echo(f"balint-bib: error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("balint-bib: interrupted", err=True)
            sys.exit(130)
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: click.Context) -> object:
        try:
            try:
                result = super().invoke(ctx)
            except SystemExit as status:  # validate's own exit status: its report is out
                if status.code in (None, 0, 1):
                    _notes(ctx)
                raise
            finally:
                sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
            _notes(ctx)
            return result
        except BalintBibError as error:
            click.echo(f"balint-bib: error: {error}", err=True)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("balint-bib: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            _discard_stdout()  # a closed pager is not an error
            ctx.exit(0)
        except OSError as error:
            if error.filename is not None:  # a file the command forgot to name: still one line
                click.echo(f"balint-bib: error: {error.filename}: {error.strerror}", err=True)
            else:
                _discard_stdout()
                click.echo(f"balint-bib: error: cannot write the output: "
                           f"{error.strerror or error}", err=True)
            ctx.exit(1)


def _notes(ctx: click.Context) -> None:
    for line in ctx.meta.pop("balint_bib.notes", []):
        click.echo(line, err=True)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is still
    buffered cannot fail again on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balint-bib")
def main() -> None:
    """Curate, check, enrich and export the Balint-group bibliography (or any .bib file)."""


def _register() -> None:
    from . import add, build, cite, enrich, export, format, listing, publish, validate

    for module in (listing, validate, enrich, add, format, cite, export, build, publish):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
