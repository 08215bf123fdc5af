"""`enrich --source pubmed` and `--source crossref,pubmed`: the PubMed side of `enrich`.
Only I/O lives here; `pubmed.pipeline.enrich_file` does the work."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..bibtex.reader import Bibliography, parse_string
from ..crossref.enrich import EnrichOptions
from ..crossref.pipeline import enrich_file as crossref_enrich_file
from ..crossref.pipeline import read_sidecar
from ..crossref.settings import CrossrefSettings
from ..dataset import references_path, sidecar_path
from ..errors import UsageError
from ..files import atomic_write
from ..pubmed.enrich import PubMedOptions, PubMedResult
from ..pubmed.pipeline import enrich_file
from ..pubmed.settings import PubMedSettings

SOURCES = ("crossref", "pubmed")


def parse_sources(value: str) -> tuple[str, ...]:
    """`"crossref,pubmed"` → ("crossref", "pubmed"), in the order they run."""
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in SOURCES]
    if unknown or not names:
        raise UsageError(f"--source: unknown source(s) {', '.join(unknown) or '(none)'}; "
                         f"known: {', '.join(SOURCES)}")
    return tuple(n for n in SOURCES if n in names)  # Crossref's DOIs help PubMed's look-up


def _line(result: PubMedResult) -> str:
    pmid = f" PMID {result.pmid}" if result.pmid else ""
    changed = " (+" + ", ".join(e.field for e in result.edits) + ")" if result.edits else ""
    return f"{result.key}: {result.decision}{pmid}{changed}"


def run_pubmed(bibliography: Bibliography, sources: tuple[str, ...],
               crossref: CrossrefSettings, crossref_options: EnrichOptions,
               settings: PubMedSettings, *, target: Path | None, report_path: Path | None,
               recheck: bool, console: Console) -> None:
    if not settings.email:
        click.echo("balint-bib: warning: no email (--email, $BALINT_BIB_EMAIL or email in "
                   "the config's [pubmed]): NCBI asks every tool for a contact address",
                   err=True)
    original, sidecar_text = bibliography.text, None
    old_sidecar = read_sidecar(sidecar_path(Path(bibliography.path or references_path())))
    reports: dict[str, object] = {}
    if "crossref" in sources:
        first = crossref_enrich_file(bibliography, crossref, crossref_options, target=target)
        reports["crossref"] = first.to_json()
        console.print(f"Crossref: {first.summary}; {first.requests_made} requests, "
                      f"{first.cache_hits} from the cache")
        bibliography = parse_string(first.new_text, first.target or first.source)
        sidecar_text = first.new_sidecar if target is None else None
    total, done = len(bibliography.records), 0

    def progress(result: PubMedResult) -> None:
        nonlocal done
        done += 1
        click.echo(f"[{done}/{total}] {_line(result)}", err=True)

    report = enrich_file(bibliography, settings, PubMedOptions(recheck=recheck),
                         target=target, sidecar_text=sidecar_text, on_result=progress,
                         report_path=report_path if len(sources) == 1 else None)
    if len(sources) > 1 and report_path is not None:
        reports["pubmed"] = report.to_json()
        atomic_write(report_path, json.dumps(reports, indent=2, ensure_ascii=False) + "\n")
    if target is None:
        diff = report.diff(before=original, old_sidecar=old_sidecar)
        if diff:
            click.echo(diff, nl=False)
    table = Table(title="PubMed enrichment")
    table.add_column("decision")
    table.add_column("entries", justify="right")
    for decision, count in report.summary.items():
        table.add_row(decision, str(count))
    console.print(table)
    console.print(f"{report.requests_made} requests to {report.base_url}, "
                  f"{report.cache_hits} answers from the cache")
