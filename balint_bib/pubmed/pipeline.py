"""`enrich_file`: enrich one .bib file from PubMed, as a library call.

As for Crossref: look every entry up, plan the edits and the provenance, then write the
report, the sidecar and the .bib, in this order and each atomically; a dry run writes
only the report.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._version import __version__
from ..bibtex.editor import to_string
from ..bibtex.reader import Bibliography
from ..crossref.pipeline import file_diff, read_sidecar
from ..dataset import references_path, sidecar_path
from ..files import atomic_write
from ..provenance import append as append_provenance
from .client import open_client
from .enrich import PubMedOptions, PubMedResult, enrich, summary
from .settings import PubMedSettings

_DEFAULT = PubMedOptions()


@dataclass(frozen=True)
class PubMedReport:
    source: Path
    target: Path | None
    results: tuple[PubMedResult, ...]
    text: str
    new_text: str
    sidecar: Path
    old_sidecar: str
    new_sidecar: str
    base_url: str
    requests_made: int
    cache_hits: int
    date: str

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.results)

    def to_json(self) -> dict[str, Any]:
        return {"tool": f"balint-bib {__version__}", "file": str(self.source),
                "source": "pubmed", "eutils_url": self.base_url, "date": self.date,
                "summary": self.summary, "requests": self.requests_made,
                "entries": [r.to_json() for r in self.results]}

    def diff(self, before: str | None = None, old_sidecar: str | None = None) -> str:
        """The unified diff of the .bib, then of its sidecar (from `before` if given)."""
        return (file_diff(self.text if before is None else before, self.new_text, self.source.name)
                + file_diff(self.old_sidecar if old_sidecar is None else old_sidecar,
                        self.new_sidecar, self.sidecar.name))


def enrich_file(bibliography: Bibliography, settings: PubMedSettings,
                options: PubMedOptions = _DEFAULT, *, target: Path | None = None,
                report_path: Path | None = None, sidecar_text: str | None = None,
                on_result: Callable[[PubMedResult], None] = lambda result: None,
                ) -> PubMedReport:
    """Enrich `bibliography` and write it to `target` with its sidecar; None: a dry run.
    `sidecar_text` stands for the sidecar as an earlier step of the run left it."""
    with open_client(settings) as client:
        results = enrich(client, bibliography.records, options,
                         concurrency=settings.concurrency, on_result=on_result)
        requests_made, cache_hits = client.requests_made, client.cache_hits
    source = Path(bibliography.path or references_path())
    sidecar = sidecar_path(target or source)
    old_sidecar = sidecar_text if sidecar_text is not None else read_sidecar(sidecar)
    if not old_sidecar and target is not None and sidecar != sidecar_path(source):
        old_sidecar = read_sidecar(sidecar_path(source))
    report = PubMedReport(
        source=source, target=target, results=tuple(results), text=bibliography.text,
        new_text=to_string(bibliography, [e for r in results for e in r.edits]),
        sidecar=sidecar, old_sidecar=old_sidecar,
        new_sidecar=append_provenance(old_sidecar, [r.provenance for r in results
                                                    if r.provenance], str(sidecar)),
        base_url=settings.base_url, requests_made=requests_made, cache_hits=cache_hits,
        date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"))
    if report_path is not None:
        atomic_write(report_path,
                     json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n")
    if target is not None:
        _write(report)
    return report


def _write(report: PubMedReport) -> None:
    """The sidecar first, then the .bib, where something changed or the file moves."""
    assert report.target is not None
    moved = report.target != report.source
    if report.new_sidecar != report.old_sidecar or (moved and report.old_sidecar):
        atomic_write(report.sidecar, report.new_sidecar)
    if report.new_text != report.text or moved:
        atomic_write(report.target, report.new_text)
