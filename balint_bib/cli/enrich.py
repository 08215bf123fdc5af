"""`enrich`: add DOIs and missing fields from Crossref. Only I/O lives here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..crossref.enrich import EnrichOptions, EntryResult, summary
from ..crossref.merge import DEFAULT_FIELDS, check_overwrite, parse_field_list
from ..crossref.pipeline import enrich_file
from ..crossref.settings import (
    DEFAULT_BACKOFF,
    DEFAULT_CONCURRENCY,
    DEFAULT_TIMEOUT,
    DEFAULT_TRIES,
    MAILTO_VARIABLE,
    URL_VARIABLE,
    resolve_settings,
)
from ..dataset import references_path
from ..errors import UsageError
from ..pubmed import settings as pubmed_settings
from .common import bib_argument, load_bibliography
from .pubmed import parse_sources, run_pubmed


def _line(result: EntryResult) -> str:
    doi = f" {result.doi}" if result.doi else ""
    changed = ""
    if result.plan is not None and result.plan.edits:
        changed = " (+" + ", ".join(e.field for e in result.plan.edits) + ")"
    return f"{result.key}: {result.decision}{doi}{changed}"


Outcome = TypeVar("Outcome")


def _run_with_progress(run: Callable[[Callable[[EntryResult], None]], Outcome],
                       total: int, console: Console) -> Outcome:
    if console.is_terminal:
        columns = (TextColumn("Crossref"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), TextColumn("{task.description}"))
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("", total=total)

            def advance(result: EntryResult) -> None:
                progress.update(task, advance=1, description=_line(result))

            return run(advance)
    done = 0

    def report(result: EntryResult) -> None:
        nonlocal done
        done += 1
        click.echo(f"[{done}/{total}] {_line(result)}", err=True)

    return run(report)


def _summary_table(results: Sequence[EntryResult]) -> Table:
    table = Table(title="Crossref enrichment")
    table.add_column("decision")
    table.add_column("entries", justify="right")
    for decision, count in summary(results).items():
        table.add_row(decision, str(count))
    return table


@click.command("enrich")
@bib_argument
@click.option("--source", "source_option", default="crossref", show_default=True,
              help="Where to look: crossref, pubmed, or crossref,pubmed.")
@click.option("--eutils-url", help=f"NCBI E-utilities base URL (or "
                                   f"${pubmed_settings.URL_VARIABLE}; default "
                                   f"{pubmed_settings.DEFAULT_URL}).")
@click.option("--idconv-url", help=f"PMC ID converter URL (or "
                                   f"${pubmed_settings.IDCONV_VARIABLE}).")
@click.option("--email", help=f"Contact address NCBI asks for (or "
                              f"${pubmed_settings.EMAIL_VARIABLE}, or email in [pubmed]).")
@click.option("--api-key", help="NCBI API key: 10 requests a second instead of 3 (or "
                                "$NCBI_API_KEY, or api_key in [pubmed]).")
@click.option("--dry-run", is_flag=True, help="Print the unified diff; write nothing.")
@click.option("--in-place", "-i", is_flag=True, help="Rewrite FILE (atomically).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the enriched file here (atomically).")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Write each entry's decision, DOI, evidence and candidates as JSON.")
@click.option("--mailto", help=f"Contact address for Crossref's polite pool "
                               f"(or ${MAILTO_VARIABLE}, or mailto in the config).")
@click.option("--crossref-url", help=f"Crossref API base URL (or ${URL_VARIABLE}; "
                                     "default https://api.crossref.org).")
@click.option("--fields", "fields_option", default=",".join(DEFAULT_FIELDS), show_default=True,
              help="Fields to fill when empty (doi, volume, number, pages, issn, isbn, "
                   "publisher, journal, booktitle, year).")
@click.option("--overwrite", "overwrite_option", default="",
              help="Fields whose existing values are replaced by Crossref's (never doi).")
@click.option("--recheck", is_flag=True,
              help="Look up existing DOIs and check that their records match the entries.")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where Crossref's answers are kept (default ~/.cache/balint-bib).")
@click.option("--no-cache", is_flag=True, help="Neither read nor keep answers.")
@click.option("--concurrency", type=click.IntRange(1, 10), default=DEFAULT_CONCURRENCY,
              show_default=True, help="Requests in flight at most.")
@click.option("--tries", type=click.IntRange(1, 20), default=DEFAULT_TRIES, show_default=True,
              help="Tries per request before an entry is marked failed.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=DEFAULT_TIMEOUT,
              show_default=True,
              help="Seconds to wait for an answer.")
@click.option("--backoff", type=click.FloatRange(0, 600), default=DEFAULT_BACKOFF,
              show_default=True,
              help="First wait before a retry, in seconds; it doubles, with jitter.")
def enrich_command(file: Path | None, source_option: str, eutils_url: str | None,
                   idconv_url: str | None, email: str | None, api_key: str | None,
                   dry_run: bool, in_place: bool, out: Path | None,
                   report_path: Path | None, mailto: str | None, crossref_url: str | None,
                   fields_option: str, overwrite_option: str, recheck: bool,
                   cache_dir: Path | None, no_cache: bool, concurrency: int, tries: int,
                   timeout: float, backoff: float) -> None:
    """Add DOIs and missing fields to FILE (default: the bundled dataset) from Crossref.

    A DOI is added only when the record agrees with the entry field by field and no
    other candidate could be the work; curated values are never replaced.
    """
    if sum((dry_run, in_place, out is not None)) != 1:
        raise UsageError("choose one of --dry-run, --in-place and -o OUT")
    if no_cache and cache_dir is not None:
        raise UsageError("--cache-dir and --no-cache exclude each other")
    fields = parse_field_list(fields_option, option="--fields")
    overwrite = parse_field_list(overwrite_option, option="--overwrite")
    check_overwrite(overwrite)
    sources = parse_sources(source_option)
    bibliography = load_bibliography(file)
    settings = resolve_settings(base_url=crossref_url, mailto=mailto, cache_dir=cache_dir,
                                use_cache=not no_cache, concurrency=concurrency, tries=tries,
                                timeout=timeout, backoff=backoff)
    if not settings.mailto and "crossref" in sources:
        click.echo("balint-bib: warning: no mailto (--mailto, $BALINT_BIB_MAILTO or the "
                   "config): Crossref serves anonymous clients in its slower public pool",
                   err=True)
    target = None if dry_run else Path(bibliography.path or references_path()) \
        if in_place else out
    options = EnrichOptions(fields=fields, overwrite=overwrite, recheck=recheck)
    console = Console(stderr=True)
    if "pubmed" in sources:
        run_pubmed(bibliography, sources, settings, options,
                   pubmed_settings.resolve_settings(
                       base_url=eutils_url, idconv_url=idconv_url, email=email,
                       api_key=api_key, cache_dir=cache_dir, use_cache=not no_cache,
                       concurrency=concurrency, tries=tries, timeout=timeout,
                       backoff=backoff),
                   target=target, report_path=report_path, recheck=recheck, console=console)
        return
    report = _run_with_progress(
        lambda on_result: enrich_file(bibliography, settings, options, target=target,
                                      report_path=report_path, on_result=on_result),
        len(bibliography.records), console)
    if dry_run:
        diff = report.diff()
        if diff:
            click.echo(diff, nl=False)
    console.print(_summary_table(report.results))
    console.print(f"{report.requests_made} requests to {report.base_url}, "
                  f"{report.cache_hits} answers from the cache")


COMMANDS = [enrich_command]
