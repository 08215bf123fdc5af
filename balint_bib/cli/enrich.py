"""`enrich`: add DOIs and missing fields from Crossref. Only I/O lives here."""

from __future__ import annotations

import datetime
import difflib
import json
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .._version import __version__
from ..bibtex.editor import to_string
from ..crossref.cache import ResponseCache, default_cache_dir
from ..crossref.client import DEFAULT_CONCURRENCY, URL_VARIABLE, CrossrefClient
from ..crossref.config import MAILTO_VARIABLE, resolve_mailto, resolve_url
from ..crossref.enrich import EnrichOptions, EntryResult, enrich, summary
from ..crossref.merge import DEFAULT_FIELDS, check_overwrite, parse_field_list
from ..crossref.provenance import append as append_provenance
from ..dataset import references_path, sidecar_path
from ..errors import UsageError
from ..files import atomic_write
from .common import bib_argument, load_bibliography


def _diff(before: str, after: str, name: str) -> str:
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def _line(result: EntryResult) -> str:
    doi = f" {result.doi}" if result.doi else ""
    changed = ""
    if result.plan is not None and result.plan.edits:
        changed = " (+" + ", ".join(e.field for e in result.plan.edits) + ")"
    return f"{result.key}: {result.decision}{doi}{changed}"


def _run_with_progress(run: Callable[[Callable[[EntryResult], None]], list[EntryResult]],
                       total: int, console: Console) -> list[EntryResult]:
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


def _summary_table(results: list[EntryResult]) -> Table:
    table = Table(title="Crossref enrichment")
    table.add_column("decision")
    table.add_column("entries", justify="right")
    for decision, count in summary(results).items():
        table.add_row(decision, str(count))
    return table


@click.command("enrich")
@bib_argument
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
@click.option("--tries", type=click.IntRange(1, 20), default=4, show_default=True,
              help="Tries per request before an entry is marked failed.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True,
              help="Seconds to wait for an answer.")
@click.option("--backoff", type=click.FloatRange(0, 600), default=1.0, show_default=True,
              help="First wait before a retry, in seconds; it doubles, with jitter.")
def enrich_command(file: Path | None, dry_run: bool, in_place: bool, out: Path | None,
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
    bibliography = load_bibliography(file)
    source = Path(bibliography.path or references_path())
    target = source if in_place else out

    mailto = resolve_mailto(mailto)
    if not mailto:
        click.echo("balint-bib: warning: no mailto (--mailto, $BALINT_BIB_MAILTO or the "
                   "config): Crossref serves anonymous clients in its slower public pool",
                   err=True)
    cache = None if no_cache else ResponseCache(cache_dir or default_cache_dir())
    client = CrossrefClient(resolve_url(crossref_url), mailto, cache=cache,
                            concurrency=concurrency, tries=tries, timeout=timeout,
                            backoff=backoff)
    console = Console(stderr=True)
    options = EnrichOptions(fields=fields, overwrite=overwrite, recheck=recheck)
    try:
        results = _run_with_progress(
            lambda on_result: enrich(client, bibliography.records, options,
                                     concurrency=concurrency, on_result=on_result),
            len(bibliography.records), console)
    finally:
        client.close()
        if cache is not None:
            cache.close()

    edits = [e for r in results if r.plan for e in r.plan.edits]
    provenance = [r.plan.provenance for r in results if r.plan and r.plan.provenance]
    new_text = to_string(bibliography, edits)
    sidecar_target = sidecar_path(target or source)
    old_sidecar = _read_sidecar(sidecar_target)
    if not old_sidecar and target is not None and sidecar_target != sidecar_path(source):
        old_sidecar = _read_sidecar(sidecar_path(source))  # the provenance follows the file
    new_sidecar = append_provenance(old_sidecar, provenance, str(sidecar_target))

    # The report first: if it cannot be written, neither the .bib nor its sidecar is.
    if report_path is not None:
        report = {
            "tool": f"balint-bib {__version__}", "file": str(source),
            "crossref_url": client.base_url,
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "summary": summary(results), "requests": client.requests_made,
            "entries": [r.to_json() for r in results],
        }
        atomic_write(report_path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if dry_run:
        diff = _diff(bibliography.text, new_text, source.name)
        diff += _diff(old_sidecar, new_sidecar, sidecar_target.name)
        if diff:
            click.echo(diff, nl=False)
    else:
        assert target is not None
        # Provenance first: if the run dies between the two writes, a rerun adds the
        # values again and finds their provenance already recorded.
        if new_sidecar != old_sidecar or (target != source and old_sidecar):
            atomic_write(sidecar_target, new_sidecar)
        if new_text != bibliography.text or target != source:
            atomic_write(target, new_text)
    console.print(_summary_table(results))
    console.print(f"{client.requests_made} requests to {client.base_url}, "
                  f"{client.cache_hits} answers from the cache")


def _read_sidecar(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read: {error}", path=path) from None


COMMANDS = [enrich_command]
