"""`add`: a new entry from a DOI, with Crossref's metadata. Only I/O lives here."""

from __future__ import annotations

from pathlib import Path

import click

from ..crossref.add import add_by_doi
from ..crossref.settings import DEFAULT_TIMEOUT, MAILTO_VARIABLE, URL_VARIABLE, resolve_settings
from .common import bib_argument, load_bibliography


@click.command("add")
@click.argument("doi")
@bib_argument
@click.option("--key", help="The new entry's key (default: first author and year, made "
                            "unique with a letter).")
@click.option("--dry-run", is_flag=True, help="Print the new entry; write nothing.")
@click.option("--mailto", help=f"Contact address for Crossref's polite pool "
                               f"(or ${MAILTO_VARIABLE}, or mailto in the config).")
@click.option("--crossref-url", help=f"Crossref API base URL (or ${URL_VARIABLE}; "
                                     "default https://api.crossref.org).")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=DEFAULT_TIMEOUT,
              show_default=True, help="Seconds to wait for an answer.")
def add_command(doi: str, file: Path | None, key: str | None, dry_run: bool,
                mailto: str | None, crossref_url: str | None, timeout: float) -> None:
    """Append an entry for DOI to FILE (default: the bundled dataset) from Crossref.

    Fills the authors, title, year and what `enrich` would fill for the entry's type,
    records the source in the sidecar when the file has one, and keeps every other byte.
    """
    bibliography = load_bibliography(file)
    settings = resolve_settings(base_url=crossref_url, mailto=mailto, use_cache=False,
                                timeout=timeout)
    addition = add_by_doi(bibliography, doi, settings, key=key, write=not dry_run)
    if dry_run:
        click.echo(addition.entry.render(), nl=False)
    else:
        click.echo(f"added {addition.entry.key} to {addition.path}", err=True)


COMMANDS = [add_command]
